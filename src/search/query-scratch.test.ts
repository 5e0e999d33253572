import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { scratchFor } from './query-scratch.js';
import { KIND_REMOTE, STATUS_REMOVED } from './row-codes.js';
import { SearchIndex } from './search-index.js';
import { makeMeeting, randomWorld } from './test-meetings.js';

const now = Temporal.Instant.from('2026-10-30T16:00:00Z').epochMilliseconds;

function remoteCounts(index: SearchIndex): number[] {
  const counts = new Array<number>(index.signatures.length).fill(0);
  for (let row = 0; row < index.rows; row++) {
    if (index.kind[row] === KIND_REMOTE && index.status[row] !== STATUS_REMOVED) {
      counts[index.sig[row]!]!++;
    }
  }
  return counts;
}

describe('query scratch', () => {
  it('is one per index, sized to it as it grows', () => {
    const world = randomWorld(50, 5);
    const index = SearchIndex.build(world, { now });
    const scratch = scratchFor(index);
    expect(scratchFor(index)).toBe(scratch);
    expect(scratchFor(SearchIndex.build(world, { now }))).not.toBe(scratch);
    expect(scratch.stamp.length).toBeGreaterThanOrEqual(index.rows);
    for (let i = 0; i < 100; i++) index.upsert(makeMeeting({ slug: `n${i}`, name: `Word${i}` }));
    scratchFor(index);
    for (const array of [
      scratch.stamp,
      scratch.nextStartMs,
      scratch.windowDays,
      scratch.candidates,
    ]) {
      expect(array.length).toBeGreaterThanOrEqual(index.rows);
    }
    expect(scratch.localBits.length * 32).toBeGreaterThanOrEqual(index.rows);
    expect(scratch.wordMatch.length).toBeGreaterThanOrEqual(index.words.text.length);
  });

  it('forgets what it derived once the index changes', () => {
    const world = randomWorld(80, 6);
    const index = SearchIndex.build(world, { now });
    const scratch = scratchFor(index);
    scratch.derivedCache().set('k', 1);
    const remote = world.findIndex((m) => m.attendance === 'online');
    expect(Array.from(scratch.remoteSignatureCounts())).toEqual(remoteCounts(index));
    scratchFor(index);
    expect(scratch.derivedCache().get('k')).toBe(1);

    index.remove(world[remote]!.id);
    scratchFor(index);
    expect(scratch.derivedCache().size).toBe(0);
    expect(Array.from(scratch.remoteSignatureCounts())).toEqual(remoteCounts(index));
  });

  it('hands out fresh stamps, clearing the marks when they wrap', () => {
    const index = SearchIndex.build(randomWorld(20, 7), { now });
    const scratch = scratchFor(index);
    const a = scratch.nextStampValue();
    expect(scratch.nextStampValue()).toBe(a + 1);
    scratch.stamp[3] = a;
    (scratch as unknown as { stampCounter: number }).stampCounter = 0xfffffff0;
    expect(scratch.nextStampValue()).toBe(1);
    expect(scratch.stamp[3]).toBe(0);
  });
});
