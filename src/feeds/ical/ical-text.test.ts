import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentLines, escapeText, foldLine, localDateTime, utcDateTime } from './ical-text.js';

describe('escapeText', () => {
  it('escapes the characters TEXT values reserve', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    expect(escapeText('line one\r\nline two\rthree')).toBe('line one\\nline two\\nthree');
  });

  it('drops control characters that could forge a property', () => {
    expect(escapeText('x\u0000\u0007\u001bEND:VEVENT')).toBe('xEND:VEVENT');
    expect(escapeText('x\rDTSTART:1')).toBe('x\\nDTSTART:1');
  });
});

describe('foldLine', () => {
  it('leaves short lines alone', () => {
    expect(foldLine('SUMMARY:Hello')).toBe('SUMMARY:Hello');
  });

  it('folds at 75 octets without splitting characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const folded = foldLine(`DESCRIPTION:${text}`);
        const lines = folded.split('\r\n');
        lines.forEach((line, i) => {
          expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
          if (i > 0) expect(line.startsWith(' ')).toBe(true);
        });
        expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(
          `DESCRIPTION:${text}`,
        );
      }),
    );
  });
});

describe('date-time values', () => {
  it('writes UTC and local forms', () => {
    expect(utcDateTime(new Date('2026-11-01T12:34:56.789Z'))).toBe('20261101T123456Z');
    expect(localDateTime({ year: 2026, month: 3, day: 8 }, '07:05')).toBe('20260308T070500');
  });

  it('ends every line with CRLF', () => {
    expect(contentLines(['BEGIN:VCALENDAR', 'END:VCALENDAR'])).toBe(
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    );
  });
});
