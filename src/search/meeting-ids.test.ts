import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isUuid, MeetingIds } from './meeting-ids.js';
import { STATUS_REMOVED } from './row-codes.js';

describe('meeting ids', () => {
  it('tells canonical UUIDs from other ids', () => {
    expect(isUuid('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(isUuid('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(false);
    expect(isUuid('0f8fad5b-d9cb-469f-a165-70867728950')).toBe(false);
    expect(isUuid('0f8fad5bxd9cb-469f-a165-70867728950e')).toBe(false);
    expect(isUuid('id-greenfield')).toBe(false);
  });

  it('finds rows by id and ids by row, for UUIDs and other ids, through growth', () => {
    const ids = new MeetingIds();
    const status = new Uint8Array(600);
    const written = Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? `id-${i}` : randomUUID()));
    let capacity = 0;
    written.forEach((id, row) => {
      if (row >= capacity) {
        capacity = Math.max(16, capacity * 2);
        ids.grow(capacity);
        ids.rehash(capacity, row, status);
      }
      ids.remember(row, id, true);
    });
    written.forEach((id, row) => {
      expect(ids.rowOf(id)).toBe(row);
      expect(ids.idOf(row)).toBe(id);
    });
    expect(ids.rowOf(randomUUID())).toBeUndefined();
    expect(ids.rowOf('id-unknown')).toBeUndefined();

    // Forgotten rows are not found; the others still are (past the holes they leave).
    for (const row of [0, 1, 2, 3]) {
      ids.forget(row);
      status[row] = STATUS_REMOVED;
    }
    for (const row of [0, 1, 2, 3]) expect(ids.rowOf(written[row]!)).toBeUndefined();
    written.slice(4).forEach((id, i) => expect(ids.rowOf(id)).toBe(i + 4));
    ids.rehash(capacity, written.length, status);
    written.slice(4).forEach((id, i) => expect(ids.rowOf(id)).toBe(i + 4));
  });

  it('keeps the row given last of a repeated id when a build settles them, and drops the others', () => {
    const ids = new MeetingIds();
    const uuid = randomUUID();
    // Input positions: rows 0..3 were given as uuid, other, uuid, other.
    const given = [uuid, 'other', uuid, 'other'];
    ids.grow(16);
    given.forEach((id, row) => ids.remember(row, id, false));
    // The build renumbers the rows: new row i is old row order[i].
    const order = Int32Array.from([2, 0, 3, 1, ...Array.from({ length: 12 }, (_, i) => i + 4)]);
    ids.reorder(order, 4);
    const dropped: number[] = [];
    ids.rehash(16, 4, new Uint8Array(16), order, (row) => dropped.push(row));
    // Old row 2 (new 0) is the later uuid; old row 3 (new 2) the later 'other'.
    expect(ids.rowOf(uuid)).toBe(0);
    expect(ids.rowOf('other')).toBe(2);
    expect(dropped.sort()).toEqual([1, 3]);
  });
});
