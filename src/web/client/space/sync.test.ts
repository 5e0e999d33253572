import { describe, expect, it } from 'vitest';
import { mergeSnapshots, type Snapshot } from './sync.js';

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
    const merged = mergeSnapshots(here, there);
    expect(merged.dates.map((d) => d.label)).toEqual(['Alcohol']);
    expect(merged.attendance.map((a) => a.name)).toEqual(['Here', 'There']);
    expect(merged.settings.weeklyGoal).toBe(5);
    expect(merged.savedMeetings.map((f) => f.slug)).toEqual(['x']);
    expect(mergeSnapshots(here, undefined)).toBe(here);
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
    const merged = mergeSnapshots(here, there);
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
    const merged = mergeSnapshots(here, there);
    expect(merged.dates).toEqual([slipped]);
    expect(merged.supporters).toEqual([chosen]);
    // The other way round, this device's later copies stand.
    const back = mergeSnapshots(there, here);
    expect(back.dates).toEqual([slipped]);
    expect(back.supporters).toEqual([chosen]);
    // Two copies of one moment: this device's.
    const same = { ...chosen, name: 'Maria R.' };
    expect(mergeSnapshots({ ...empty, supporters: [same] }, there).supporters).toEqual([same]);
  });
});
