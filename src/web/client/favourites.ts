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

/**
 * Forgets a meeting, and notes when, so a space that syncs removes it on the person's other
 * devices too; false when storage refused the change.
 */
export function removeFavourite(store: KeyValueStore, slug: string, at = Date.now()): boolean {
  const removals = readRemovals(store).filter((r) => r.slug !== slug);
  writeRemovals(store, [...removals, { slug, at }].slice(-MAX_FAVOURITES));
  return dropFavourites(store, [slug]);
}

/** Forgets meetings removed on another device: no note, the removal is already known. */
export function dropFavourites(store: KeyValueStore, slugs: readonly string[]): boolean {
  const gone = new Set(slugs);
  return write(
    store,
    readFavourites(store).filter((f) => !gone.has(f.slug)),
  );
}

/** The localStorage key of the removals a sync has not carried yet. */
export const REMOVALS_KEY = 'porchlight:favourites-removed:v1';

/** A saved meeting removed here: its slug and when (epoch milliseconds). */
export interface Removal {
  slug: string;
  at: number;
}

/** The removals not yet carried by a sync; anything unreadable counts as none. */
export function readRemovals(store: KeyValueStore): Removal[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(REMOVALS_KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter(
          (r): r is Removal =>
            typeof r === 'object' &&
            r !== null &&
            typeof (r as Removal).slug === 'string' &&
            typeof (r as Removal).at === 'number',
        )
      : [];
  } catch {
    return [];
  }
}

/** Forgets removals a sync carried to the server (the snapshot keeps them from then on). */
export function forgetRemovals(store: KeyValueStore, carried: readonly Removal[]): void {
  const done = new Set(carried.map((r) => `${r.slug} ${r.at}`));
  writeRemovals(
    store,
    readRemovals(store).filter((r) => !done.has(`${r.slug} ${r.at}`)),
  );
}

function writeRemovals(store: KeyValueStore, removals: Removal[]): void {
  try {
    store.setItem(REMOVALS_KEY, JSON.stringify(removals));
  } catch {
    // A full quota: the removal stays on this device only, as before removals were noted.
  }
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
