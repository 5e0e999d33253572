import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/support/manual-clock.js';
import { KeptRegions, REGIONS_KEPT_MS } from './kept-regions.js';
import type { Region } from './query.js';

describe('regions kept for a minute', () => {
  it('reads once a minute on the clock, and once for callers asking together', async () => {
    const clock = manualClock('2026-12-07T15:00:00Z');
    let reads = 0;
    const first: Region[] = [[{ latitude: 42.6, longitude: -72.6, radiusKm: 30 }]];
    const kept = new KeptRegions(() => {
      reads += 1;
      return Promise.resolve(reads === 1 ? first : []);
    }, clock);
    expect(kept.current).toBeUndefined();
    await Promise.all([kept.refresh(), kept.refresh(), kept.refresh()]);
    expect(reads).toBe(1);
    expect(kept.current).toEqual(first);
    clock.advance(REGIONS_KEPT_MS - 1);
    await kept.refresh();
    expect(reads).toBe(1);
    clock.advance(1);
    await kept.refresh();
    expect(reads).toBe(2);
    expect(kept.current).toEqual([]);
  });

  it('keeps what it had when a read fails, and reads again at the next ask', async () => {
    const clock = manualClock('2026-12-07T15:00:00Z');
    let fail = true;
    const kept = new KeptRegions(
      () => (fail ? Promise.reject(new Error('down')) : Promise.resolve([])),
      clock,
    );
    await expect(kept.refresh()).rejects.toThrow('down');
    expect(kept.current).toBeUndefined();
    fail = false;
    await kept.refresh();
    expect(kept.current).toEqual([]);
  });
});
