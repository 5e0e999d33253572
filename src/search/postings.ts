/**
 * Posting lists: for each value (a facet signature, a type key, a word), the rows that have it,
 * ascending. A selective filter turns into a short list of candidate rows instead of a scan.
 * Built in two passes over typed arrays (a count, then a fill); the word lists, by far the
 * largest, are kept as varint-coded gaps.
 */
import { STATUS_REMOVED } from './row-codes.js';

/** Rows by value: the rows of value v are `rows[offsets[v]..offsets[v + 1])`, ascending. */
export interface Postings {
  offsets: Int32Array;
  rows: Int32Array;
}

export const EMPTY_POSTINGS: Postings = { offsets: new Int32Array(1), rows: new Int32Array(0) };

/** How many rows the lists of `values` hold together. */
export function postingCount(p: Postings, values: readonly number[]): number {
  let n = 0;
  for (const v of values) n += p.offsets[v + 1]! - p.offsets[v]!;
  return n;
}

/** Builds postings with two passes of `each(row, add)` (a count, then a fill). */
export function postings(
  rowCount: number,
  valueCount: number,
  each: (row: number, add: (value: number) => void) => void,
): Postings {
  const offsets = new Int32Array(valueCount + 1);
  let row = 0;
  const count = (value: number): void => {
    offsets[value + 1]!++;
  };
  for (row = 0; row < rowCount; row++) each(row, count);
  for (let v = 0; v < valueCount; v++) offsets[v + 1]! += offsets[v]!;
  const rows = new Int32Array(offsets[valueCount]!);
  const fill = offsets.slice(0, valueCount);
  const put = (value: number): void => {
    rows[fill[value]!++] = row;
  };
  for (row = 0; row < rowCount; row++) each(row, put);
  return { offsets, rows };
}

/**
 * Postings from a row -> values pool (values of row r: `values[off[r]..off[r] + len[r])`),
 * for live rows: a counting sort, in straight loops over typed arrays. A value a row lists
 * twice in a row (a repeated type code) is posted once.
 */
export function csrPostings(
  rowCount: number,
  valueCount: number,
  status: Uint8Array,
  off: Int32Array,
  len: Uint16Array,
  values: Uint32Array | Uint16Array,
): Postings {
  // Both passes of `postings` skip a value repeated in a row alike, so the counts and the fill
  // agree.
  return postings(rowCount, valueCount, (row, add) => {
    if (status[row] === STATUS_REMOVED) return;
    const from = off[row]!;
    const to = from + len[row]!;
    let previous = -1;
    for (let i = from; i < to; i++) {
      const value = values[i]!;
      if (value === previous) continue;
      previous = value;
      add(value);
    }
  });
}

/**
 * Postings with each list's rows stored as gaps (the first from 0) in LEB128 varints: one or
 * two bytes a row for common words instead of four.
 */
export interface PackedPostings {
  /** Byte offset of each value's list (and the end). */
  offsets: Int32Array;
  bytes: Uint8Array;
}

export function packPostings(p: Postings): PackedPostings {
  const values = p.offsets.length - 1;
  const offsets = new Int32Array(values + 1);
  let size = 0;
  for (let v = 0; v < values; v++) {
    let previous = 0;
    for (let i = p.offsets[v]!; i < p.offsets[v + 1]!; i++) {
      let gap = p.rows[i]! - previous;
      previous = p.rows[i]!;
      do {
        size++;
        gap >>>= 7;
      } while (gap !== 0);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (let v = 0; v < values; v++) {
    offsets[v] = at;
    let previous = 0;
    for (let i = p.offsets[v]!; i < p.offsets[v + 1]!; i++) {
      let gap = p.rows[i]! - previous;
      previous = p.rows[i]!;
      while (gap >= 0x80) {
        bytes[at++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      bytes[at++] = gap;
    }
  }
  offsets[values] = at;
  return { offsets, bytes };
}

/** Calls `visit(row)` for every row of `value`'s packed list, in ascending order. */
export function forEachPosting(
  p: PackedPostings,
  value: number,
  visit: (row: number) => void,
): void {
  if (value + 1 >= p.offsets.length) return;
  const bytes = p.bytes;
  const end = p.offsets[value + 1]!;
  let row = 0;
  for (let at = p.offsets[value]!; at < end;) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[at++]!;
      gap |= (b & 0x7f) << shift;
      shift += 7;
    } while (b >= 0x80);
    row += gap;
    visit(row);
  }
}
