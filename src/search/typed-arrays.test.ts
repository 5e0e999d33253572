import { describe, expect, it } from 'vitest';
import {
  byteSize,
  compactRegions,
  flat,
  grown,
  Int32Pool,
  Interned,
  permuted,
  Uint16Pool,
  Uint8Pool,
} from './typed-arrays.js';

describe('growable typed arrays', () => {
  it('grows keeping the values, filling the new room as asked', () => {
    const a = Int32Array.from([1, 2, 3]);
    expect(grown(a, 2)).toBe(a);
    const b = grown(a, 5, -1);
    expect(b).toBeInstanceOf(Int32Array);
    expect(b.length).toBeGreaterThanOrEqual(5);
    expect(Array.from(b.subarray(0, 5))).toEqual([1, 2, 3, -1, -1]);
    expect(Array.from(grown(Uint8Array.from([7]), 3).subarray(0, 3))).toEqual([7, 0, 0]);
  });

  it('reorders by an order, the rest copied as is', () => {
    const a = Uint16Array.from([10, 11, 12, 13]);
    expect(Array.from(permuted(a, Int32Array.from([2, 0, 1])))).toEqual([12, 10, 11, 0]);
    expect(Array.from(permuted(a, Int32Array.from([3, 2, 1, 0])))).toEqual([13, 12, 11, 10]);
  });

  it('appends to pools of each kind, growing as needed', () => {
    const pool = new Int32Pool();
    for (let i = 0; i < 100; i++) pool.push(-i);
    expect(pool.length).toBe(100);
    expect(pool.data[99]).toBe(-99);
    const small = new Uint8Pool();
    small.push(300);
    expect(small.data[0]).toBe(300 & 0xff);
    expect(byteSize(pool, Uint8Array.from([1, 2]))).toBe(pool.data.byteLength + 2);
  });

  it('compacts the regions rows own, in row order, in every pool alike', () => {
    // Row 0 owns [4, 6), row 1 [0, 1), row 2 nothing, row 3 [1, 3); index 3 is garbage.
    const off = Int32Array.from([4, 0, 0, 1]);
    const len = Uint16Array.from([2, 1, 0, 2]);
    const a = new Uint16Pool();
    const b = new Int32Pool();
    for (const v of [10, 11, 12, 99, 14, 15]) {
      a.push(v);
      b.push(-v);
    }
    const next = compactRegions(4, off, len, [a, b]);
    expect(Array.from(next)).toEqual([0, 2, 3, 3]);
    expect(a.length).toBe(5);
    expect(Array.from(a.data.subarray(0, a.length))).toEqual([14, 15, 10, 11, 12]);
    expect(Array.from(b.data.subarray(0, b.length))).toEqual([-14, -15, -10, -11, -12]);
  });
});

describe('intern tables', () => {
  it('gives dense ids, the same one for the same string', () => {
    const table = new Interned();
    expect([table.id('aa'), table.id('na'), table.id('aa')]).toEqual([0, 1, 0]);
    expect(table.find('na')).toBe(1);
    expect(table.find('ga')).toBeUndefined();
    expect(table.values).toEqual(['aa', 'na']);
  });

  it('keeps strings as they are', () => {
    const built = ['a', 'b', 'c'].join('-');
    expect(flat(built)).toBe('a-b-c');
    expect(flat(undefined)).toBeUndefined();
  });
});
