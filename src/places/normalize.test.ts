import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWords, nameKey, nameKeyOf } from './normalize.js';

describe('foldWords', () => {
  it('drops accents, case and punctuation', () => {
    expect(foldWords('Québec')).toEqual(['quebec']);
    expect(foldWords("Coeur d'Alene")).toEqual(['coeur', 'dalene']);
    expect(foldWords('Winston-Salem, N.C.')).toEqual(['winston', 'salem', 'nc']);
    expect(foldWords('Łódź')).toEqual(['lodz']);
    expect(foldWords('Straße')).toEqual(['strasse']);
    expect(foldWords('  ')).toEqual([]);
  });
});

describe('nameKeyOf', () => {
  it('expands abbreviations in names only', () => {
    expect(nameKeyOf('St. Louis')).toBe('saint louis');
    expect(nameKeyOf('Ft Wayne')).toBe(nameKeyOf('Fort Wayne'));
    expect(nameKeyOf('Mt. Vernon')).toBe('mount vernon');
    expect(nameKeyOf('Stowe')).toBe('stowe');
  });

  it('agrees with the slow path on any text (property)', () => {
    const text = fc.string({
      unit: fc.constantFrom(..."aZst mTéÉ-.’'ßŁ1 ,".split('')),
      maxLength: 20,
    });
    fc.assert(
      fc.property(text, (s) => {
        expect(nameKeyOf(s)).toBe(nameKey(foldWords(s)));
      }),
      { numRuns: 500 },
    );
  });
});
