import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FAVOURITES_KEY,
  MAX_FAVOURITES,
  dropFavourites,
  forgetRemovals,
  isSaved,
  readFavourites,
  readRemovals,
  removeFavourite,
  saveFavourite,
  type Favourite,
  type KeyValueStore,
} from './favourites.js';

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & {
  data: Record<string, string>;
} {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

const favourite = (slug: string, savedAt = 1): Favourite => ({
  slug,
  name: `Meeting ${slug}`,
  href: `/en/meetings/${slug}`,
  summary: 'Mondays 7:00 PM',
  savedAt,
});

describe('favourites', () => {
  it('saves, lists newest first, and forgets', () => {
    const store = memoryStore();
    expect(saveFavourite(store, favourite('a'))).toBe(true);
    saveFavourite(store, favourite('b'));
    expect(readFavourites(store).map((f) => f.slug)).toEqual(['b', 'a']);
    expect(isSaved(store, 'a')).toBe(true);
    saveFavourite(store, favourite('a', 2));
    expect(readFavourites(store).map((f) => f.slug)).toEqual(['a', 'b']);
    removeFavourite(store, 'a');
    expect(readFavourites(store).map((f) => f.slug)).toEqual(['b']);
    expect(isSaved(store, 'a')).toBe(false);
  });

  it('reads broken or tampered storage as no favourites, keeping the good entries', () => {
    expect(readFavourites(memoryStore({ [FAVOURITES_KEY]: '{not json' }))).toEqual([]);
    expect(readFavourites(memoryStore({ [FAVOURITES_KEY]: '{"a":1}' }))).toEqual([]);
    const tampered = [
      favourite('ok'),
      { ...favourite('evil'), href: 'javascript:alert(1)' },
      { ...favourite('away'), href: 'https://elsewhere.example/meetings/x' },
      { slug: 'partial' },
      null,
    ];
    const store = memoryStore({ [FAVOURITES_KEY]: JSON.stringify(tampered) });
    expect(readFavourites(store).map((f) => f.slug)).toEqual(['ok']);
  });

  it('reports a refused write instead of throwing', () => {
    const full: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveFavourite(full, favourite('a'))).toBe(false);
    expect(removeFavourite(full, 'a')).toBe(false);
  });

  it('keeps at most one entry per meeting and never more than the cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c', 'd')), { maxLength: 40 }),
        (operations) => {
          const store = memoryStore();
          const model = new Set<string>();
          for (const [save, slug] of operations) {
            if (save) {
              saveFavourite(store, favourite(slug));
              model.add(slug);
            } else {
              removeFavourite(store, slug);
              model.delete(slug);
            }
          }
          const slugs = readFavourites(store).map((f) => f.slug);
          expect(new Set(slugs).size).toBe(slugs.length);
          expect(new Set(slugs)).toEqual(model);
        },
      ),
    );
    const store = memoryStore();
    for (let i = 0; i < MAX_FAVOURITES + 5; i++) saveFavourite(store, favourite(`m${i}`));
    expect(readFavourites(store)).toHaveLength(MAX_FAVOURITES);
    expect(readFavourites(store)[0]?.slug).toBe(`m${MAX_FAVOURITES + 4}`);
  });

  it('notes a removal for the space’s sync, once per meeting, until a sync carried it', () => {
    const store = memoryStore();
    saveFavourite(store, favourite('a'));
    saveFavourite(store, favourite('b'));
    removeFavourite(store, 'a', 100);
    removeFavourite(store, 'a', 150);
    expect(readRemovals(store)).toEqual([{ slug: 'a', at: 150 }]);
    // Removed because another device removed it: nothing to note.
    dropFavourites(store, ['b']);
    expect(readFavourites(store)).toEqual([]);
    expect(readRemovals(store)).toEqual([{ slug: 'a', at: 150 }]);
    // A removal made while a sync was under way stays for the next one.
    const carried = readRemovals(store);
    removeFavourite(store, 'c', 200);
    forgetRemovals(store, carried);
    expect(readRemovals(store)).toEqual([{ slug: 'c', at: 200 }]);
  });
});
