import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blindTerm, nameMatches, namePrefixes, nameWords, queryPrefixes } from './blind-index.js';

const key = Buffer.alloc(32, 7);

describe('the chosen-name blind index', () => {
  it('folds accents, case and punctuation', () => {
    expect(nameWords('  José-María  O’Neil ')).toEqual(['jose', 'maria', 'o', 'neil']);
  });

  it('indexes prefixes of two to twelve letters of each word', () => {
    expect(namePrefixes('Ana Bo')).toEqual(['an', 'ana', 'bo']);
    expect(namePrefixes('Bartholomew-Alexander').filter((p) => p.startsWith('b'))).toHaveLength(10);
    expect(namePrefixes('Maximilianusson')).toContain('maximilianus');
    expect(namePrefixes('Maximilianusson')).not.toContain('maximilianuss');
  });

  it('finds every name by any prefix of its words that a person types', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,16}$/), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.nat(),
        (words, pick, cut) => {
          const name = words.join(' ');
          const folded = nameWords(name);
          const word = folded[pick % folded.length] ?? '';
          const typed = word.slice(0, 2 + (cut % 15));
          const stored = new Set(namePrefixes(name).map((p) => blindTerm(key, p)));
          const asked = queryPrefixes(typed).map((p) => blindTerm(key, p));
          expect(asked.every((t) => stored.has(t))).toBe(true);
          expect(nameMatches(name, typed)).toBe(true);
        },
      ),
    );
  });

  it('gives other terms under another center’s key', () => {
    expect(blindTerm(key, 'ma')).not.toBe(blindTerm(Buffer.alloc(32, 8), 'ma'));
    expect(blindTerm(key, 'ma')).toMatch(/^[0-9a-f]{32}$/);
  });
});
