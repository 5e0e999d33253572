/**
 * Where the place-bound meetings are: a kdbush index over their coordinates, with each point's
 * unit vector on the sphere in kdbush's own sorted order, so a radius search compares a dot
 * product per point read in memory order and needs the haversine only at the circle's edge.
 * Meetings added or moved since the build sit in a short overflow list, checked one by one.
 */
import KDBush from 'kdbush';
import { unitVector } from '../platform/geo/sphere.js';
import { buildCells, cellsByteLength, forgetPoint, NO_CELLS, type GeoCells } from './geo-cells.js';

export class GeoColumns {
  /** kdbush over the rows placed at the last build (undefined when there were none). */
  kd: KDBush | undefined;
  /** Row of each kdbush item (id). */
  rowOfItem = new Int32Array(0);
  /** Row and unit vector at each kdbush position (its sorted order), and each item's position. */
  rowAt = new Int32Array(0);
  unitAt = new Float64Array(0);
  positionOfItem = new Int32Array(0);
  /** Place-bound rows with coordinates that are not (or no longer correctly) in kdbush. */
  overflow: number[] = [];
  /** Counts by facet signature of kdbush's larger nodes (`geo-cells.ts`). */
  cells: GeoCells = NO_CELLS;

  /**
   * Rebuilds kdbush over the rows for which `placed(row)` holds, writing each row's item into
   * `itemOfRow` (-1 for the others), and the cells' counts of the rows' signatures `sig`; the
   * overflow list is emptied.
   */
  build(
    rows: number,
    placed: (row: number) => boolean,
    lat: Float64Array,
    lng: Float64Array,
    itemOfRow: Int32Array,
    sig: Int32Array,
  ): void {
    let count = 0;
    for (let row = 0; row < rows; row++) if (placed(row)) count++;
    this.overflow = [];
    itemOfRow.fill(-1);
    if (count === 0) {
      this.kd = undefined;
      this.rowOfItem = new Int32Array(0);
      this.rowAt = new Int32Array(0);
      this.unitAt = new Float64Array(0);
      this.positionOfItem = new Int32Array(0);
      this.cells = NO_CELLS;
      return;
    }
    const kd = new KDBush(count, 64, Float64Array);
    const rowOfItem = new Int32Array(count);
    for (let row = 0; row < rows; row++) {
      if (!placed(row)) continue;
      const item = kd.add(lng[row]!, lat[row]!);
      rowOfItem[item] = row;
      itemOfRow[row] = item;
    }
    kd.finish();
    const rowAt = new Int32Array(count);
    const unitAt = new Float64Array(count * 3);
    const positionOfItem = new Int32Array(count);
    const sigAt = new Int32Array(count);
    for (let pos = 0; pos < count; pos++) {
      const item = kd.ids[pos]!;
      const row = rowOfItem[item]!;
      rowAt[pos] = row;
      positionOfItem[item] = pos;
      sigAt[pos] = sig[row]!;
      unitVector(lat[row]!, lng[row]!, unitAt, pos * 3);
    }
    this.cells = buildCells(kd, unitAt, sigAt);
    this.kd = kd;
    this.rowOfItem = rowOfItem;
    this.rowAt = rowAt;
    this.unitAt = unitAt;
    this.positionOfItem = positionOfItem;
  }

  /**
   * Takes kdbush item `item` (a row being removed, of signature `sig`) out of the cells'
   * counts; the caller marks the row as no longer in kdbush.
   */
  forget(item: number, sig: number): void {
    if (this.kd !== undefined) forgetPoint(this.cells, this.kd, this.positionOfItem[item]!, sig);
  }

  /** Takes over the kdbush and arrays of `other` (built beside this one). */
  adopt(other: GeoColumns): void {
    this.cells = other.cells;
    this.kd = other.kd;
    this.rowOfItem = other.rowOfItem;
    this.rowAt = other.rowAt;
    this.unitAt = other.unitAt;
    this.positionOfItem = other.positionOfItem;
    this.overflow = other.overflow;
  }

  get byteLength(): number {
    return (
      this.rowOfItem.byteLength +
      this.rowAt.byteLength +
      this.unitAt.byteLength +
      this.positionOfItem.byteLength +
      cellsByteLength(this.cells) +
      (this.kd?.data.byteLength ?? 0)
    );
  }
}

/** Spreads the 16 bits of `v` to the even bits of a 32-bit number. */
function interleave(v: number): number {
  let x = v & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}

/**
 * An order of rows along a Z-order curve of their coordinates: rows for which `placeBound`
 * holds and that have coordinates first, then the others in their order. Element i is the row
 * to put at position i (positions from `rows` to `capacity` keep their row), so that the rows
 * near any place are close in every column.
 */
export function spatialOrder(
  rows: number,
  capacity: number,
  placeBound: (row: number) => boolean,
  lat: Float64Array,
  lng: Float64Array,
): Int32Array {
  const n = rows;
  const keys = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    const latitude = lat[row]!;
    if (!placeBound(row) || Number.isNaN(latitude)) {
      keys[row] = 2 ** 52 + row;
      continue;
    }
    const x = Math.min(0xffff, Math.floor(((lng[row]! + 180) / 360) * 0x10000));
    const y = Math.min(0xffff, Math.floor(((latitude + 90) / 180) * 0x10000));
    // Z-order key in the high bits, the row in the low 20 (so the key sorts stably).
    keys[row] = n < 0x100000 ? (interleave(x) * 2 + interleave(y)) * 0x100000 + row : 0;
  }
  let order: Int32Array;
  if (n < 0x100000) {
    keys.sort();
    order = new Int32Array(capacity);
    for (let i = 0; i < n; i++) order[i] = keys[i]! % 0x100000;
  } else {
    order = Int32Array.from({ length: capacity }, (_, i) => i);
    order.subarray(0, n).sort((a, b) => lat[a]! - lat[b]! || a - b);
  }
  for (let i = n; i < capacity; i++) order[i] = i;
  return order;
}
