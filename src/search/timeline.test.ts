import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { KIND_REMOTE, STATUS_REMOVED, TIMELINE_REMOTE } from './row-codes.js';
import { SearchIndex } from './search-index.js';
import { makeMeeting, randomWorld } from './test-meetings.js';

const MINUTE = 60_000;
const now = Temporal.Instant.from('2026-10-30T16:00:00Z').epochMilliseconds;

/** Every occurrence of the index's live rows, as the timeline should hold them. */
function expectedEntries(index: SearchIndex): string[] {
  const entries: string[] = [];
  for (let row = 0; row < index.rows; row++) {
    if (index.status[row] === STATUS_REMOVED) continue;
    for (const o of index.occurrencesOf(
      row,
      index.horizonStart * MINUTE,
      index.horizonEnd * MINUTE,
    )) {
      const remote = index.kind[row] === KIND_REMOTE ? TIMELINE_REMOTE : 0;
      const minute = index.schedules.minute.data[index.recOff[row]! + o.recurrenceIndex]!;
      const duration = (o.end - o.start) / MINUTE;
      entries.push(
        `${o.start / MINUTE} ${row} ${duration} ${o.recurrenceIndex | remote} ${minute} ${index.sig[row]}`,
      );
    }
  }
  return entries.sort();
}

function entries(index: SearchIndex): string[] {
  const t = index.timeline;
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) {
    out.push(`${t.start[i]} ${t.row[i]} ${t.dur[i]} ${t.rec[i]} ${t.local[i]} ${t.sig[i]}`);
  }
  return out;
}

describe('the timeline', () => {
  it('holds every occurrence of the horizon once, sorted by start', () => {
    const index = SearchIndex.build(randomWorld(300, 3), { now, horizonWeeks: 2 });
    const found = entries(index);
    expect([...found].sort()).toEqual(expectedEntries(index));
    const starts = Array.from(index.timeline.start.subarray(0, index.timeline.length));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('is rebuilt without removed rows and with changed ones', () => {
    const world = randomWorld(100, 4);
    const index = SearchIndex.build(world, { now, horizonWeeks: 2 });
    index.remove(world[0]!.id);
    index.upsert({
      ...world[1]!,
      schedule: [{ kind: 'weekly', day: 3, start: '06:15', durationMinutes: 20 }],
    });
    index.upsert(makeMeeting({ slug: 'added', attendance: 'online' }));
    index.timeline.build(index);
    expect([...entries(index)].sort()).toEqual(expectedEntries(index));
  });
});
