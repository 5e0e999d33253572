/**
 * The storage the search index is made of: typed arrays that grow, are reordered, or are
 * appended to (pools), and intern tables from strings to dense ids. Typed arrays keep hundreds
 * of thousands of meetings as a few large buffers the garbage collector never walks.
 */

export type NumberArray =
  Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float64Array | Float32Array;

/** `array`, or a larger copy of it holding at least `needed` elements (new ones `fill` or 0). */
export function grown<A extends NumberArray>(array: A, needed: number, fill?: number): A {
  if (needed <= array.length) return array;
  const size = Math.max(needed, Math.ceil(array.length * 1.5) + 16);
  const next = new (array.constructor as new (n: number) => A)(size);
  next.set(array);
  if (fill !== undefined) next.fill(fill, array.length);
  return next;
}

/** `array` reordered: element i of the result is `array[order[i]]` (the rest copied as is). */
export function permuted<A extends NumberArray>(array: A, order: Int32Array): A {
  const next = new (array.constructor as new (n: number) => A)(array.length);
  for (let i = 0; i < order.length; i++) next[i] = array[order[i]!]!;
  return next;
}

/** A typed array with a length that grows by appending. */
export interface Pool<A extends NumberArray> {
  data: A;
  length: number;
  reserve(extra: number): void;
  push(value: number): void;
}

/**
 * A pool class for one typed-array kind. Each kind gets its own class (and so its own `push`),
 * which keeps every call site monomorphic: a single generic class made each push megamorphic.
 */
function poolOf<A extends NumberArray>(make: (size: number) => A): new () => Pool<A> {
  return class implements Pool<A> {
    data = make(0);
    length = 0;

    reserve(extra: number): void {
      this.data = grown(this.data, this.length + extra);
    }

    push(value: number): void {
      if (this.length === this.data.length) this.reserve(1);
      this.data[this.length++] = value;
    }
  };
}

export const Uint8Pool = poolOf((n) => new Uint8Array(n));
export const Uint16Pool = poolOf((n) => new Uint16Array(n));
export const Int32Pool = poolOf((n) => new Int32Array(n));
export const Uint32Pool = poolOf((n) => new Uint32Array(n));
export type Uint8Pool = Pool<Uint8Array>;
export type Uint16Pool = Pool<Uint16Array>;
export type Int32Pool = Pool<Int32Array>;
export type Uint32Pool = Pool<Uint32Array>;

/**
 * Rewrites pools in which each of `rows` rows owns a region (row r: `len[r]` entries from
 * `off[r]`, the same in every pool) so that the regions follow the row order with nothing
 * between them (regions left behind by changed rows are dropped); returns the new offsets.
 */
export function compactRegions(
  rows: number,
  off: Int32Array,
  len: Uint16Array,
  pools: readonly Pool<NumberArray>[],
): Int32Array<ArrayBuffer> {
  const next = new Int32Array(off.length);
  let total = 0;
  for (let row = 0; row < rows; row++) {
    next[row] = total;
    total += len[row]!;
  }
  for (const pool of pools) {
    const data = pool.data;
    const out = new (data.constructor as new (n: number) => NumberArray)(total);
    let at = 0;
    for (let row = 0; row < rows; row++) {
      const from = off[row]!;
      const to = from + len[row]!;
      for (let i = from; i < to; i++) out[at++] = data[i]!;
    }
    pool.data = out;
    pool.length = total;
  }
  return next;
}

/** Bytes held by typed arrays and pools (their whole buffers, spare room included). */
export function byteSize(...arrays: (NumberArray | { data: NumberArray })[]): number {
  return arrays.reduce((sum, a) => sum + ('data' in a ? a.data.byteLength : a.byteLength), 0);
}

/** An intern table: strings to dense ids. */
export class Interned {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  find(value: string): number | undefined {
    return this.ids.get(value);
  }
}

/**
 * Strings the index keeps are flattened first: a string built by concatenation (Node's
 * `randomUUID()` is one) is a tree of pieces that can weigh ten times its text.
 */
export function flat<T extends string | undefined>(value: T): T {
  if (value !== undefined && value.length > 0) value.charCodeAt(0);
  return value;
}
