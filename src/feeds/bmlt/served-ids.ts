import { hash } from 'node:crypto';

/**
 * A number in [1, max] derived from a key by SHA-1: the same key gives the same number on every
 * server and every restart, so BMLT clients can bookmark `id_bigint`s and service body ids.
 */
export function hashedId(key: string, max: number): number {
  const digest = hash('sha1', key, 'buffer');
  // 48 bits are plenty for every range used here and stay exact in a double.
  const value = digest.readUIntBE(0, 6);
  return (value % max) + 1;
}

/**
 * Numbers for many keys at once, each its `hashedId` unless an earlier key (in sorted order)
 * already took it; then the next free one. Collisions are rare, and resolving them in key order
 * keeps the answer the same for the same set of keys.
 */
export function assignIds(keys: Iterable<string>, max: number): Map<string, number> {
  const sorted = [...new Set(keys)].sort();
  const taken = new Set<number>();
  const ids = new Map<string, number>();
  for (const key of sorted) {
    let id = hashedId(key, max);
    while (taken.has(id)) id = (id % max) + 1;
    taken.add(id);
    ids.set(key, id);
  }
  return ids;
}

/** `id_bigint` range: 40 bits, so a 35,000-meeting directory almost never needs a second try. */
export const MEETING_ID_MAX = 2 ** 40;
/** Service body ids stay within a signed 32-bit integer, as in every root server database. */
export const SERVICE_BODY_ID_MAX = 2 ** 31 - 1;
