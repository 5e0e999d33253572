import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable } from './print-text.js';

const wellFormed = (text: string) =>
  !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('printable', () => {
  it('turns controls and bidi overrides into spaces and collapses them', () => {
    expect(printable('Big\u0000Book\r\n\tGroup')).toBe('Big Book Group');
    expect(printable('\u202eevil\u202c name')).toBe('evil name');
    expect(printable('  \u0007 ')).toBeUndefined();
    expect(printable(undefined)).toBeUndefined();
  });

  it('keeps accents, CJK, right-to-left scripts and emoji', () => {
    expect(printable('Reunión de la mañana 🌅 中文 עברית')).toBe(
      'Reunión de la mañana 🌅 中文 עברית',
    );
  });

  it('clips long text on a code point boundary', () => {
    const clipped = printable('😀'.repeat(300), 10)!;
    expect(Array.from(clipped)).toHaveLength(10);
    expect(clipped.endsWith('…')).toBe(true);
    expect(wellFormed(clipped)).toBe(true);
  });

  it('always yields well-formed text without controls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (text) => {
        const out = printable(text, 50);
        if (out === undefined) return;
        expect(wellFormed(out)).toBe(true);
        // eslint-disable-next-line no-control-regex
        expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
        expect(Array.from(out).length).toBeLessThanOrEqual(50);
      }),
    );
  });
});
