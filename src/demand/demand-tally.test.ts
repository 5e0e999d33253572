import { describe, expect, it } from 'vitest';
import { manualTimers } from '../../test/support/manual-timers.js';
import { fixedClock } from '../platform/clock.js';
import type { SearchAnswer } from '../search/answer.js';
import type { SearchQuery } from '../search/query.js';
import type { DemandIncrement } from './demand-repository.js';
import { DemandTally } from './demand-tally.js';

const query = (extra: Partial<SearchQuery> = {}) =>
  ({
    near: { latitude: 42.6731, longitude: -72.6887 },
    typeGroups: [['aa:W', 'na:W']],
    languages: ['es'],
    ...extra,
  }) as SearchQuery;
const noRoom = {
  results: [],
  total: 0,
  fallback: { inPersonWithinRadius: 0 },
} as unknown as SearchAnswer;

describe('the demand tally', () => {
  it('counts in memory and writes one batch when its timer fires', async () => {
    const written: DemandIncrement[][] = [];
    const timers = manualTimers();
    const tally = new DemandTally(
      { add: (rows) => Promise.resolve(void written.push([...rows])) },
      fixedClock('2026-12-07T23:30:00Z'),
      { timers },
    );
    tally.noteSearch(query(), noRoom);
    tally.noteSearch(query({ languages: [] }), noRoom);
    tally.noteSearch(query(), { results: [], total: 0 });
    expect(written).toEqual([]);
    await timers.fire();
    await tally.flush();
    expect(written).toEqual([
      [
        { cell: '426,-727', week: '2026-W50', need: 'women', count: 2 },
        { cell: '426,-727', week: '2026-W50', need: 'lang:es', count: 1 },
      ],
    ]);
  });

  it('keeps the counts for the next flush when the store cannot be written', async () => {
    const errors: unknown[] = [];
    let failing = true;
    const written: DemandIncrement[] = [];
    const tally = new DemandTally(
      {
        add: (rows) => {
          if (failing) return Promise.reject(new Error('disk full'));
          written.push(...rows);
          return Promise.resolve();
        },
      },
      fixedClock('2026-12-07T10:00:00Z'),
      { timers: manualTimers(), onError: (error) => errors.push(error) },
    );
    tally.noteSearch(query({ languages: [] }), noRoom);
    await tally.flush();
    expect(errors).toHaveLength(1);
    tally.noteSearch(query({ languages: [] }), noRoom);
    failing = false;
    await tally.flush();
    expect(written).toEqual([{ cell: '426,-727', week: '2026-W50', need: 'women', count: 2 }]);
  });
});
