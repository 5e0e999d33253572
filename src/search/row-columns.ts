/**
 * The per-row columns of the search index, named once: growing them, renumbering them in
 * space, measuring them and writing them to a snapshot all walk this one table, so a column
 * added to the index cannot be forgotten by one of those.
 */
import { grown, permuted, type NumberArray } from './typed-arrays.js';

/** One per-row column of `SearchIndex`. */
interface RowColumn {
  name: RowColumnName;
  /** Value of rows not written yet (default 0). */
  fill?: number;
  /**
   * True when the value belongs to the meeting and moves with it when rows are renumbered;
   * false for bookkeeping the static parts rebuild afterwards (kdbush items, timeline marks).
   */
  moves: boolean;
}

export type RowColumnName =
  | 'status'
  | 'attend'
  | 'kind'
  | 'program'
  | 'focus'
  | 'tags'
  | 'zone'
  | 'flags'
  | 'sig'
  | 'lat'
  | 'lng'
  | 'recOff'
  | 'recLen'
  | 'typeOff'
  | 'typeLen'
  | 'langOff'
  | 'langLen'
  | 'maxDur'
  | 'gathering'
  | 'geoItem'
  | 'inTimeline'
  | 'remoteOrdinal'
  | 'inDirty';

export const ROW_COLUMNS: readonly RowColumn[] = [
  { name: 'status', moves: true },
  { name: 'attend', moves: true },
  { name: 'kind', moves: true },
  { name: 'program', moves: true },
  { name: 'focus', moves: true },
  { name: 'tags', moves: true },
  { name: 'zone', moves: true },
  { name: 'flags', moves: true },
  { name: 'sig', moves: true },
  { name: 'lat', moves: true },
  { name: 'lng', moves: true },
  { name: 'recOff', moves: true },
  { name: 'recLen', moves: true },
  { name: 'typeOff', moves: true },
  { name: 'typeLen', moves: true },
  { name: 'langOff', moves: true },
  { name: 'langLen', moves: true },
  { name: 'maxDur', moves: true },
  { name: 'gathering', moves: true },
  { name: 'geoItem', fill: -1, moves: false },
  { name: 'inTimeline', moves: false },
  { name: 'remoteOrdinal', fill: -1, moves: false },
  { name: 'inDirty', moves: false },
];

/** Whatever holds the columns (the index), seen as columns by name. */
export type RowColumnHolder = Record<RowColumnName, NumberArray>;

/** Grows every column to hold `size` rows. */
export function growColumns(holder: RowColumnHolder, size: number): void {
  for (const { name, fill } of ROW_COLUMNS) holder[name] = grown(holder[name], size, fill);
}

/** Renumbers the columns that move with their meeting: row i becomes old row `order[i]`. */
export function permuteColumns(holder: RowColumnHolder, order: Int32Array): void {
  for (const { name, moves } of ROW_COLUMNS) {
    if (moves) holder[name] = permuted(holder[name], order);
  }
}

/** Every column, in table order (for measuring and snapshots). */
export function columnArrays(holder: RowColumnHolder): NumberArray[] {
  return ROW_COLUMNS.map(({ name }) => holder[name]);
}
