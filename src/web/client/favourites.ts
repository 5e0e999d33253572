/**
 * Favourites ("my meetings") live only in this browser's localStorage: no account, nothing sent
 * to the server. A record keeps what the list shows while offline (name, link, when it starts).
 */

/** One saved meeting. */
export interface Favourite {
  slug: string;
  name: string;
  /** The meeting page in the language it was saved from, e.g. `/en/meetings/x`. */
  href: string;
  /** A short line under the name (when and where), as the page showed it; may be ''. */
  summary: string;
  /** Epoch milliseconds. */
  savedAt: number;
}

/** The localStorage key; versioned so a later format can migrate instead of misreading. */
export const FAVOURITES_KEY = 'porchlight:favourites:v1';

/** More than anyone keeps; bounds what a broken page could write. */
export const MAX_FAVOURITES = 200;

/** The storage calls used, so tests can hand in a plain object. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** The saved meetings, newest first; anything unreadable counts as none. */
export function readFavourites(store: KeyValueStore): Favourite[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(store.getItem(FAVOURITES_KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(isFavourite).slice(0, MAX_FAVOURITES);
}

/** Whether a meeting is saved. */
export function isSaved(store: KeyValueStore, slug: string): boolean {
  return readFavourites(store).some((f) => f.slug === slug);
}

/** Saves a meeting (moving it to the front if already saved); false when storage refused it. */
export function saveFavourite(store: KeyValueStore, favourite: Favourite): boolean {
  const rest = readFavourites(store).filter((f) => f.slug !== favourite.slug);
  return write(store, [favourite, ...rest].slice(0, MAX_FAVOURITES));
}

/** Forgets a meeting; false when storage refused the change. */
export function removeFavourite(store: KeyValueStore, slug: string): boolean {
  return write(
    store,
    readFavourites(store).filter((f) => f.slug !== slug),
  );
}

function write(store: KeyValueStore, favourites: Favourite[]): boolean {
  try {
    store.setItem(FAVOURITES_KEY, JSON.stringify(favourites));
    return true;
  } catch {
    // Private modes and full quotas throw; the caller tells the person it was not kept.
    return false;
  }
}

function isFavourite(value: unknown): value is Favourite {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f.slug === 'string' &&
    f.slug !== '' &&
    typeof f.name === 'string' &&
    typeof f.href === 'string' &&
    // Only our own meeting pages: a tampered entry must not become a link elsewhere.
    /^\/(?:[a-z]{2}\/)?meetings\/[^/?#]+$/.test(f.href) &&
    typeof f.summary === 'string' &&
    typeof f.savedAt === 'number'
  );
}
