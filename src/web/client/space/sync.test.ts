import { describe, expect, it } from 'vitest';
import { mergeSnapshots, type Snapshot } from './sync.js';

/** This device's merge, written as version 5. */
const merge = (here: Snapshot, there: Snapshot | undefined) =>
  mergeSnapshots(here, there, { device: 'here', writing: 5 }).snapshot;

const empty: Snapshot = {
  dates: [],
  attendance: [],
  checkIns: [],
  worksheets: [],
  supporters: [],
  settings: { weeklyGoal: 3 },
  savedMeetings: [],
  deleted: [],
};

describe('merging two devices’ snapshots', () => {
  it('keeps the union by id, this device’s copy where both have one, and the later settings', () => {
    const here: Snapshot = {
      ...empty,
      dates: [{ id: 'd1', label: 'Alcohol', since: '2026-03-01', history: [] }],
      attendance: [{ id: 'a1', day: '2026-12-07', name: 'Here' }],
      settings: { weeklyGoal: 4, savedAt: '2026-12-01T00:00:00Z' },
    };
    const there: Snapshot = {
      ...empty,
      dates: [{ id: 'd1', label: 'Alcohol (old)', since: '2026-01-01', history: [] }],
      attendance: [{ id: 'a2', day: '2026-12-06', name: 'There' }],
      settings: { weeklyGoal: 5, savedAt: '2026-12-05T00:00:00Z' },
      savedMeetings: [{ slug: 'x', name: 'X', href: '/en/meetings/x', summary: '', savedAt: 1 }],
    };
    const merged = merge(here, there);
    expect(merged.dates.map((d) => d.label)).toEqual(['Alcohol']);
    expect(merged.attendance.map((a) => a.name)).toEqual(['Here', 'There']);
    expect(merged.settings.weeklyGoal).toBe(5);
    expect(merged.savedMeetings.map((f) => f.slug)).toEqual(['x']);
    const first = merge(here, undefined);
    expect([first.dates, first.attendance, first.settings]).toEqual([
      here.dates,
      here.attendance,
      here.settings,
    ]);
    expect(first.devices).toEqual({ here: 5 });
  });

  it('leaves out what either side deleted, and keeps the deletions for the next merge', () => {
    const here: Snapshot = {
      ...empty,
      attendance: [{ id: 'a1', day: '2026-12-07', name: 'Kept' }],
      deleted: ['a2'],
    };
    const there: Snapshot = {
      ...empty,
      attendance: [
        { id: 'a1', day: '2026-12-07', name: 'Kept' },
        { id: 'a2', day: '2026-12-06', name: 'Deleted here' },
      ],
      dates: [{ id: 'd9', label: 'Gone', since: '2026-01-01', history: [] }],
      deleted: ['d9'],
    };
    const merged = merge(here, there);
    expect(merged.attendance.map((a) => a.name)).toEqual(['Kept']);
    expect(merged.dates).toEqual([]);
    expect(merged.deleted.sort()).toEqual(['a2', 'd9']);
  });

  it('keeps the later copy of a changed record: a slip and a supporter’s choice reach the other device', () => {
    const date = { id: 'd1', label: 'Alcohol', since: '2026-01-01', history: [] };
    const slipped = {
      ...date,
      since: '2026-03-01',
      history: [{ since: '2026-01-01', until: '2026-03-01' }],
      updatedAt: '2026-03-01T20:00:00Z',
    };
    const maria = {
      id: 's1',
      token: 't',
      name: 'Maria',
      expiresAt: '2026-12-21T00:00:00Z',
      state: 'active' as const,
      onHelp: true,
      onCheckIn: false,
      createdAt: '2026-12-01T00:00:00Z',
      updatedAt: '2026-12-01T00:00:00Z',
    };
    const chosen = { ...maria, onHelp: false, onCheckIn: true, updatedAt: '2026-12-02T00:00:00Z' };
    // This device has the old copies; the other changed them later.
    const here: Snapshot = { ...empty, dates: [date], supporters: [maria] };
    const there: Snapshot = { ...empty, dates: [slipped], supporters: [chosen] };
    const merged = merge(here, there);
    expect(merged.dates).toEqual([slipped]);
    expect(merged.supporters).toEqual([chosen]);
    // The other way round, this device's later copies stand.
    const back = merge(there, here);
    expect(back.dates).toEqual([slipped]);
    expect(back.supporters).toEqual([chosen]);
    // Two copies of one moment: this device's.
    const same = { ...chosen, name: 'Maria R.' };
    expect(merge({ ...empty, supporters: [same] }, there).supporters).toEqual([same]);
  });

  it('carries a deletion until every device has merged it, then lets it go', () => {
    const x = { id: 'x', day: '2026-12-01', name: 'Deleted on A' };
    // A deletes x and syncs as version 5; B last wrote version 4, before it.
    const fromA = mergeSnapshots(
      { ...empty, deleted: ['x'] },
      { ...empty, attendance: [x], devices: { A: 3, B: 4 } },
      { device: 'A', writing: 5 },
    );
    expect(fromA.gone).toEqual(['x']);
    expect(fromA.snapshot.attendance).toEqual([]);
    expect(fromA.snapshot.deleted).toEqual(['x']);
    expect(fromA.snapshot.deletedIn).toEqual({ x: 5 });
    // B still has x: its merge deletes it there, and as everyone has seen it, it is let go.
    const fromB = mergeSnapshots({ ...empty, attendance: [x] }, fromA.snapshot, {
      device: 'B',
      writing: 6,
    });
    expect(fromB.gone).toEqual(['x']);
    expect(fromB.snapshot.attendance).toEqual([]);
    expect(fromB.snapshot.deleted).toEqual([]);
    expect(fromB.snapshot.devices).toEqual({ A: 5, B: 6 });
    // A device alone lets its deletions go at once: nobody else holds the record.
    const alone = mergeSnapshots({ ...empty, deleted: ['y'] }, undefined, {
      device: 'A',
      writing: 1,
    });
    expect([alone.gone, alone.snapshot.deleted]).toEqual([['y'], []]);
    // A device that stops syncing holds nothing back: B leaves, A's deletions go at once.
    const left = mergeSnapshots(empty, fromA.snapshot, { device: 'B', writing: 6, leaving: true });
    expect(left.snapshot.devices).toEqual({ A: 5 });
    expect(left.snapshot.deleted).toEqual([]);
  });

  it('keeps every deletion of a snapshot written before devices were listed', () => {
    const older: Snapshot = { ...empty, deleted: ['old'] };
    const merged = merge(empty, older);
    expect(merged.deleted).toEqual(['old']);
    expect(merged.deletedIn).toEqual({ old: 5 });
  });

  it('removes a saved meeting on every device, unless it was saved again after', () => {
    const meeting = (savedAt: number) => ({
      slug: 'm',
      name: 'Tuesday group',
      href: '/en/meetings/m',
      summary: '',
      savedAt,
    });
    const there: Snapshot = { ...empty, savedMeetings: [meeting(100)], devices: { B: 4 } };
    // Removed here at 200, after it was saved there at 100: it goes, and B will be told.
    const removed = merge({ ...empty, unsaved: [{ slug: 'm', at: 200 }] }, there);
    expect(removed.savedMeetings).toEqual([]);
    expect(removed.unsaved).toEqual([{ slug: 'm', at: 200, version: 5 }]);
    // B saved it again at 300, after the removal: it stays, on both.
    const again = mergeSnapshots({ ...empty, savedMeetings: [meeting(300)] }, removed, {
      device: 'B',
      writing: 6,
    }).snapshot;
    expect(again.savedMeetings).toEqual([meeting(300)]);
    // Both devices have seen the removal now: the note is let go.
    expect(again.unsaved).toEqual([]);
  });
});
