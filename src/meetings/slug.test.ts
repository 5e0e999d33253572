import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { chooseSlug, slugify } from './slug.js';

const slugShape = /^[a-z0-9]+(-[a-z0-9]+)*$|^$/;

describe('slugify', () => {
  it('lower-cases, strips accents and joins words with single dashes', () => {
    expect(slugify('Grupo Nueva Vída')).toBe('grupo-nueva-vida');
    expect(slugify('Café  Crème -- 7PM')).toBe('cafe-creme-7pm');
    expect(slugify('Señor Ñandú')).toBe('senor-nandu');
  });

  it('writes & as "and"', () => {
    expect(slugify('Friends & Family')).toBe('friends-and-family');
    expect(slugify('Friends&Family')).toBe('friends-and-family');
  });

  it('trims dashes at both ends', () => {
    expect(slugify('  --Big Book!-- ')).toBe('big-book');
    expect(slugify('!!!')).toBe('');
    expect(slugify('')).toBe('');
  });

  it('respects the maximum length without leaving a trailing dash', () => {
    expect(slugify('a'.repeat(100))).toBe('a'.repeat(80));
    expect(slugify('abcd efgh', 5)).toBe('abcd');
    expect(slugify('abcd efgh', 6)).toBe('abcd-e');
  });

  it('always gives a well-formed slug of at most 80 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const slug = slugify(text);
        expect(slug).toMatch(slugShape);
        expect(slug.length).toBeLessThanOrEqual(80);
      }),
    );
  });

  it('respects any maximum length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), fc.integer({ min: 1, max: 100 }), (text, max) => {
        const slug = slugify(text, max);
        expect(slug).toMatch(slugShape);
        expect(slug.length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('chooseSlug', () => {
  const none = new Set<string>();

  it('prefers a source slug that reads as words', () => {
    expect(chooseSlug('greenfield-big-book', 'Something Else', none)).toBe('greenfield-big-book');
    expect(chooseSlug('Big Book Tuesday', 'Something Else', none)).toBe('big-book-tuesday');
  });

  it('falls back to the name for numeric source slugs', () => {
    expect(chooseSlug('64769', 'Grupo Nueva Vída', none)).toBe('grupo-nueva-vida');
    expect(chooseSlug('6', 'Big Book', none)).toBe('big-book');
    expect(chooseSlug('', 'Big Book', none)).toBe('big-book');
  });

  it('says "meeting" when neither gives a slug', () => {
    expect(chooseSlug('', '!!!', none)).toBe('meeting');
  });

  it('adds -2, -3 when the slug is taken', () => {
    expect(chooseSlug('big-book', '', new Set(['big-book']))).toBe('big-book-2');
    expect(chooseSlug('big-book', '', new Set(['big-book', 'big-book-2']))).toBe('big-book-3');
    expect(chooseSlug('big-book', '', new Set(['big-book-2']))).toBe('big-book');
  });

  it('keeps a counted slug well formed when the base is cut at a dash', () => {
    const base = `${'a'.repeat(71)}-bcd`;
    const slug = chooseSlug(base, '', new Set([base]));
    expect(slug).not.toBe(base);
    expect(slug).toMatch(slugShape);
    expect(slug.length).toBeLessThanOrEqual(80);
  });

  it('never returns a taken slug, and always a well-formed one', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 100 }),
        fc.string({ maxLength: 100 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 30 }),
        (source, name, counters) => {
          const first = chooseSlug(source, name, new Set());
          // Take the natural slug and a random selection of its counted variants.
          const stem = first.slice(0, 72);
          const taken = new Set([
            first,
            ...counters.flatMap((n) => [`${stem}-${n}`, `${stem.replace(/-+$/, '')}-${n}`]),
          ]);
          const slug = chooseSlug(source, name, taken);
          expect(taken.has(slug)).toBe(false);
          expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
          expect(slug.length).toBeLessThanOrEqual(80);
        },
      ),
    );
  });
});
