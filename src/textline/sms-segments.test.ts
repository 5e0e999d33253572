import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSegments, preferGsm } from './sms-segments.js';

describe('SMS segments', () => {
  it('counts GSM-7: 160 septets in one, 153 per segment after', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'gsm7', segments: 1, units: 160 });
    expect(countSegments('a'.repeat(161)).segments).toBe(2);
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
    expect(countSegments('a'.repeat(459)).segments).toBe(3);
    expect(countSegments('a'.repeat(460)).segments).toBe(4);
  });

  it('counts the extension table as two septets, never split across segments', () => {
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'gsm7', segments: 1, units: 160 });
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
    // 152 plain septets, then an escape pair that would straddle the boundary: it moves on.
    expect(countSegments(`${'a'.repeat(152)}{${'a'.repeat(152)}`).segments).toBe(3);
    expect(countSegments(`${'a'.repeat(151)}{${'a'.repeat(151)}`).segments).toBe(2);
  });

  it('counts UCS-2 in UTF-16 units, 70 in one, 67 after, keeping surrogate pairs whole', () => {
    expect(countSegments('á'.repeat(70))).toEqual({ encoding: 'ucs2', segments: 1, units: 70 });
    expect(countSegments('á'.repeat(71)).segments).toBe(2);
    expect(countSegments('😀'.repeat(35))).toEqual({ encoding: 'ucs2', segments: 1, units: 70 });
    // 66 units, then an emoji that cannot be cut in half.
    expect(countSegments(`${'á'.repeat(66)}😀${'á'.repeat(66)}`).segments).toBe(3);
  });

  it('writes GSM-7 equivalents where they exist and keeps the rest', () => {
    expect(preferGsm('Próxima reunión “Café” — 7pm')).toBe('Proxima reunion "Café" - 7pm');
    expect(preferGsm('Mañana 😀')).toBe('Mañana 😀');
    expect(countSegments(preferGsm('Próximas reuniones: miércoles')).encoding).toBe('gsm7');
  });

  it('never counts fewer segments than the units need (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (text) => {
        const { encoding, segments, units } = countSegments(text);
        if (text === '') return segments === 0;
        const single = encoding === 'gsm7' ? 160 : 70;
        const split = encoding === 'gsm7' ? 153 : 67;
        return units <= single ? segments === 1 : segments >= Math.ceil(units / split);
      }),
    );
  });
});
