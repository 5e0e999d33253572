/**
 * Meeting ids by row and rows by id, for the search index. Nearly every id is a canonical UUID
 * (what the database hands out): those are kept as 16 bytes a row in an open-addressing table,
 * about a tenth of what a Map of strings weighs at national scale; any other id sits in a Map.
 */
import { STATUS_REMOVED } from './row-codes.js';
import { flat, grown } from './typed-arrays.js';

const HEX = '0123456789abcdef';
const HEX_PAIRS = Array.from({ length: 256 }, (_, b) => HEX[b >> 4]! + HEX[b & 15]!);

/** A canonical lower-case UUID (what `randomUUID()` and the database hand out). */
export function isUuid(id: string): boolean {
  if (id.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function hexValue(code: number): number {
  return code <= 57 ? code - 48 : code - 87;
}

/** Writes the 16 bytes of a canonical lower-case UUID into `out` at `at`. */
function uuidBytes(id: string, out: Uint8Array, at: number): void {
  let j = 0;
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) continue;
    out[at + (j >> 1)] =
      (j & 1) === 0
        ? hexValue(id.charCodeAt(i)) << 4
        : out[at + (j >> 1)]! | hexValue(id.charCodeAt(i));
    j++;
  }
}

function uuidText(bytes: Uint8Array, at: number): string {
  const h = (j: number): string => HEX_PAIRS[bytes[at + j]!]!;
  return (
    h(0) +
    h(1) +
    h(2) +
    h(3) +
    '-' +
    h(4) +
    h(5) +
    '-' +
    h(6) +
    h(7) +
    '-' +
    h(8) +
    h(9) +
    '-' +
    h(10) +
    h(11) +
    h(12) +
    h(13) +
    h(14) +
    h(15)
  );
}

function bytesHash(bytes: Uint8Array, at: number): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < 16; j++) h = Math.imul(h ^ bytes[at + j]!, 0x01000193);
  return h >>> 0;
}

/** The ids of an index's rows. Rows are the index's; this only remembers their ids. */
export class MeetingIds {
  /** 16 bytes per row: the id when it is a UUID. */
  private bytes = new Uint8Array(0);
  /** Ids that are not UUIDs, by row. */
  private readonly others = new Map<number, string>();
  private readonly rowOfOther = new Map<string, number>();
  /** Open addressing over UUID ids: row + 1, 0 empty, -1 deleted. */
  private table = new Int32Array(0);
  private readonly key = new Uint8Array(16);

  /** Makes room for rows below `capacity`. */
  grow(capacity: number): void {
    this.bytes = grown(this.bytes, capacity * 16);
  }

  /** The row of a live meeting id, or undefined. */
  rowOf(id: string): number | undefined {
    if (!isUuid(id)) return this.rowOfOther.get(id);
    const key = this.key;
    uuidBytes(id, key, 0);
    const mask = this.table.length - 1;
    for (let slot = bytesHash(key, 0) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot]!;
      if (entry === 0) return undefined;
      if (entry > 0 && this.hasKey(entry - 1)) return entry - 1;
    }
  }

  private hasKey(row: number): boolean {
    const at = row * 16;
    for (let j = 0; j < 16; j++) if (this.bytes[at + j] !== this.key[j]) return false;
    return true;
  }

  /** The id of a live row. */
  idOf(row: number): string {
    return this.others.get(row) ?? uuidText(this.bytes, row * 16);
  }

  /**
   * Records the id of a row; `insert` false leaves the lookup table for {@link rehash} (a
   * build, which settles repeated ids there).
   */
  remember(row: number, id: string, insert: boolean): void {
    if (!isUuid(id)) {
      const text = flat(id);
      this.others.set(row, text);
      if (insert) this.rowOfOther.set(text, row);
      return;
    }
    uuidBytes(id, this.bytes, row * 16);
    if (!insert) return;
    const mask = this.table.length - 1;
    let slot = bytesHash(this.bytes, row * 16) & mask;
    while (this.table[slot]! > 0) slot = (slot + 1) & mask;
    this.table[slot] = row + 1;
  }

  /** Forgets the id of a row that is being removed. */
  forget(row: number): void {
    const other = this.others.get(row);
    if (other !== undefined) {
      this.rowOfOther.delete(other);
      this.others.delete(row);
      return;
    }
    const mask = this.table.length - 1;
    for (let slot = bytesHash(this.bytes, row * 16) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot]!;
      if (entry === 0) return;
      if (entry === row + 1) {
        this.table[slot] = -1;
        return;
      }
    }
  }

  /**
   * Re-inserts the id of every live row below `rows` into a table sized for `capacity` rows.
   * `order`, when given, is each row's position in the input of a build: of rows with the same
   * id, the one given last stays, and `drop` is called for each of the others.
   */
  rehash(
    capacity: number,
    rows: number,
    status: Uint8Array,
    order?: Int32Array,
    drop?: (row: number) => void,
  ): void {
    let size = 16;
    while (size < capacity * 1.5) size *= 2;
    const table = new Int32Array(size);
    this.table = table;
    this.rowOfOther.clear();
    const mask = size - 1;
    const bytes = this.bytes;
    const dropRow = (row: number): void => {
      this.others.delete(row);
      drop?.(row);
    };
    for (let row = 0; row < rows; row++) {
      if (status[row] === STATUS_REMOVED) continue;
      const id = this.others.get(row);
      if (id !== undefined) {
        const other = this.rowOfOther.get(id);
        if (other !== undefined && order !== undefined) {
          const keep = order[row]! > order[other]! ? row : other;
          dropRow(keep === row ? other : row);
          this.rowOfOther.set(id, keep);
        } else this.rowOfOther.set(id, row);
        continue;
      }
      let slot = bytesHash(bytes, row * 16) & mask;
      let placed = false;
      for (; table[slot] !== 0; slot = (slot + 1) & mask) {
        const other = table[slot]! - 1;
        if (order === undefined || !this.sameRowIds(other, row)) continue;
        if (order[row]! > order[other]!) {
          dropRow(other);
          table[slot] = row + 1;
        } else dropRow(row);
        placed = true;
        break;
      }
      if (!placed) table[slot] = row + 1;
    }
  }

  private sameRowIds(a: number, b: number): boolean {
    const bytes = this.bytes;
    for (let j = 0; j < 16; j++) if (bytes[a * 16 + j] !== bytes[b * 16 + j]) return false;
    return true;
  }

  /** Renumbers the first `n` rows: new row i is old row `order[i]` (the table is rehashed after). */
  reorder(order: Int32Array, n: number): void {
    const bytes = new Uint8Array(this.bytes.length);
    for (let i = 0; i < n; i++) {
      bytes.set(this.bytes.subarray(order[i]! * 16, order[i]! * 16 + 16), i * 16);
    }
    this.bytes = bytes;
    const rowAt = new Int32Array(n);
    for (let i = 0; i < n; i++) rowAt[order[i]!] = i;
    const others = [...this.others].map(([row, id]) => [rowAt[row]!, id] as const);
    this.others.clear();
    for (const [row, id] of others) this.others.set(row, id);
  }

  /** Bytes of the typed arrays (the Maps of other ids are not counted). */
  get byteLength(): number {
    return this.bytes.byteLength + this.table.byteLength;
  }
}
