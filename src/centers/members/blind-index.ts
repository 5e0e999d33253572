/**
 * The blind index that finds a member by chosen name without the name in the database: each
 * word of the normalised name gives its prefixes (2 to 12 letters), and each prefix is stored as
 * a keyed HMAC-SHA-256 (truncated to 128 bits) under a key derived from the master key for that
 * center alone. A search computes the same terms from what was typed and asks for members
 * holding all of them; the few candidates are opened and checked. See decision 0090.
 */
import { createHmac } from 'node:crypto';

export const MIN_PREFIX = 2;
export const MAX_PREFIX = 12;

/** A name's words, folded: no accents, lower case, letters and digits only. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** Every indexed prefix of a name, once each. */
export function namePrefixes(name: string): string[] {
  const prefixes = new Set<string>();
  for (const word of nameWords(name)) {
    const letters = [...word];
    for (let n = MIN_PREFIX; n <= Math.min(letters.length, MAX_PREFIX); n += 1)
      prefixes.add(letters.slice(0, n).join(''));
  }
  return [...prefixes];
}

/**
 * What a query asks for: one prefix per typed word (cut to the longest indexed length); words
 * shorter than the shortest prefix are left out, as they would match nearly everyone.
 */
export function queryPrefixes(query: string): string[] {
  const prefixes = new Set<string>();
  for (const word of nameWords(query)) {
    const letters = [...word];
    if (letters.length >= MIN_PREFIX) prefixes.add(letters.slice(0, MAX_PREFIX).join(''));
  }
  return [...prefixes];
}

/** The stored term of a prefix under a center's index key. */
export function blindTerm(indexKey: Buffer, prefix: string): string {
  return createHmac('sha256', indexKey).update(prefix, 'utf8').digest('hex').slice(0, 32);
}

/** True when every typed word begins some word of the name (the check after the index). */
export function nameMatches(name: string, query: string): boolean {
  const words = nameWords(name);
  return nameWords(query).every((q) => words.some((w) => w.startsWith(q)));
}
