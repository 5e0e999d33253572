/**
 * Page cursors: the sort key of the last result of a page, encoded, so the next page continues
 * exactly after it (stable as long as the index and "now" do not change). Opaque to clients;
 * a cursor this server did not hand out is refused with PL_INVALID_QUERY.
 */
import { PorchlightError } from '../platform/errors.js';
import type { SearchQuery } from './query.js';

/**
 * Where a page ended. Time order: next start, distance, slug. Distance order: the bucket
 * (0 place-bound, 1 remote after them), distance, next start, slug. Infinity: none.
 */
export type CursorKey =
  | { sort: 'time'; start: number; dist: number; slug: string }
  | { sort: 'distance'; bucket: number; dist: number; start: number; slug: string };

const CURSOR_PREFIX = 'c1.';

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function encodeCursor(key: CursorKey): string {
  const body =
    key.sort === 'time'
      ? ['t', finiteOrNull(key.start), finiteOrNull(key.dist), key.slug]
      : ['d', key.bucket, finiteOrNull(key.dist), finiteOrNull(key.start), key.slug];
  return CURSOR_PREFIX + Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

function badCursor(): never {
  throw new PorchlightError('PL_INVALID_QUERY', 'The cursor is not one this server handed out.', {
    field: 'cursor',
  });
}

function numberOrInfinity(value: unknown): number {
  if (value === null) return Number.POSITIVE_INFINITY;
  if (typeof value !== 'number' || !Number.isFinite(value)) return badCursor();
  return value;
}

/** Reads a cursor handed out for the same sort; throws PL_INVALID_QUERY (field cursor) if not. */
export function decodeCursor(cursor: string, sort: SearchQuery['sort']): CursorKey {
  if (!cursor.startsWith(CURSOR_PREFIX)) badCursor();
  let body: unknown;
  try {
    body = JSON.parse(
      Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8'),
    );
  } catch {
    badCursor();
  }
  if (!Array.isArray(body)) badCursor();
  const items = body as unknown[];
  if (sort === 'time' && items[0] === 't' && items.length === 4 && typeof items[3] === 'string') {
    return {
      sort,
      start: numberOrInfinity(items[1]),
      dist: numberOrInfinity(items[2]),
      slug: items[3],
    };
  }
  if (
    sort === 'distance' &&
    items[0] === 'd' &&
    items.length === 5 &&
    (items[1] === 0 || items[1] === 1) &&
    typeof items[4] === 'string'
  ) {
    return {
      sort,
      bucket: items[1],
      dist: numberOrInfinity(items[2]),
      start: numberOrInfinity(items[3]),
      slug: items[4],
    };
  }
  return badCursor();
}
