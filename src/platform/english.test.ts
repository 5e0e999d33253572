import { describe, expect, it } from 'vitest';
import { countOf, forCount } from './english.js';

describe('counts in English', () => {
  it('says one in the singular and every other count in the plural', () => {
    expect(countOf(1, 'meeting')).toBe('1 meeting');
    expect(countOf(0, 'meeting')).toBe('0 meetings');
    expect(countOf(2, 'entry', 'entries')).toBe('2 entries');
    expect(countOf(1.5, 'mile')).toBe('1.5 miles');
    expect(`${countOf(1, 'meeting')} ${forCount(1, 'is', 'are')} listed`).toBe(
      '1 meeting is listed',
    );
  });
});
