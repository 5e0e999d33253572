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
});
