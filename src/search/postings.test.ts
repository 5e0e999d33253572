import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csrPostings,
  forEachPosting,
  packPostings,
  postingCount,
  postings,
  type Postings,
} from './postings.js';
import { STATUS_REMOVED } from './row-codes.js';

const rowsOf = (p: Postings, value: number): number[] =>
  Array.from(p.rows.subarray(p.offsets[value], p.offsets[value + 1]));

describe('posting lists', () => {
  it('lists the rows of each value in ascending order', () => {
    const values = [[1], [0, 2], [], [2, 1]];
    const p = postings(values.length, 3, (row, add) => values[row]!.forEach(add));
    expect([0, 1, 2].map((v) => rowsOf(p, v))).toEqual([[1], [0, 3], [1, 3]]);
    expect(postingCount(p, [1, 2])).toBe(4);
  });

  it('builds from a row -> values pool, leaving out removed rows and repeats', () => {
    // Row 0: values 2, 2 (a repeated type code); row 1 removed; row 2: 0, 2.
    const data = Uint32Array.from([2, 2, 1, 0, 2]);
    const off = Int32Array.from([0, 2, 3]);
    const len = Uint16Array.from([2, 1, 2]);
    const status = Uint8Array.from([0, STATUS_REMOVED, 0]);
    const p = csrPostings(3, 3, status, off, len, data);
    expect([0, 1, 2].map((v) => rowsOf(p, v))).toEqual([[2], [], [0, 2]]);
  });

  it('packs lists as varint gaps and reads them back, for any lists', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 3_000_000 }), { maxLength: 40 }), {
          maxLength: 8,
        }),
        (lists) => {
          const sorted = lists.map((l) => [...l].sort((a, b) => a - b));
          const offsets = new Int32Array(sorted.length + 1);
          sorted.forEach((rows, v) => (offsets[v + 1] = offsets[v]! + rows.length));
          const packed = packPostings({ offsets, rows: Int32Array.from(sorted.flat()) });
          sorted.forEach((expected, value) => {
            const read: number[] = [];
            forEachPosting(packed, value, (row) => read.push(row));
            expect(read).toEqual(expected);
          });
          const none: number[] = [];
          forEachPosting(packed, sorted.length + 3, (row) => none.push(row));
          expect(none).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
