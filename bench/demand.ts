/**
 * `npm run -s bench:demand [-- --rounds N --searches N]`: what counting unmet needs adds to a
 * search. The same women's search near a place with no women's room (which takes the rural
 * fallback) is answered from one index of 5,000 meetings, in interleaved rounds:
 *
 * - `baseline`: `search` alone;
 * - `counted`: `search` and then the demand tally's note (the in-memory count; its writes to the
 *   store happen later, off the answer's path, and are not part of this).
 *
 * Prints one JSON document on stdout (median microseconds per search), progress on stderr.
 */
import { performance } from 'node:perf_hooks';
import { Temporal } from 'temporal-polyfill';
import { DemandTally } from '../src/demand/demand-tally.js';
import { fixedClock } from '../src/platform/clock.js';
import { parseSearchParams } from '../src/search/parse-params.js';
import { SearchIndex } from '../src/search/search-index.js';
import { search } from '../src/search/search.js';
import { makeMeeting } from '../src/search/test-meetings.js';
import { intFlag, machineInfo, median, progress, round } from './measure.js';

const rounds = intFlag(process.argv, 'rounds', 15);
const searches = intFlag(process.argv, 'searches', 2000);
const now = Temporal.ZonedDateTime.from('2026-12-07T17:00[America/New_York]').epochMilliseconds;

// 5,000 meetings spread over Massachusetts, one in ten a women's meeting, none near the viewer.
const meetings = Array.from({ length: 5000 }, (_, i) =>
  makeMeeting({
    slug: `m-${i}`,
    types: i % 10 === 0 ? ['W'] : ['O'],
    place: {
      latitude: 41.5 + ((i * 7919) % 1000) / 1000,
      longitude: -73 + ((i * 104729) % 3000) / 1000,
      address: { city: 'Somewhere' },
      regions: [],
    },
  }),
);
const index = SearchIndex.build(meetings, { now });
/** Northern Vermont: no room within 5 miles. */
const query = parseSearchParams(
  { near: '44.8123,-72.3456', radius: '5', types: 'women' },
  { now, resolvePlace: () => undefined, defaultTimeZone: 'America/New_York' },
);
query.countFacets = false;
let written = 0;
const tally = new DemandTally(
  { add: (rows) => Promise.resolve(void (written += rows.length)) },
  fixedClock(new Date(now)),
  // The flush never fires during the measurement: only the note is on the answer's path.
  { timers: { after: () => () => undefined } },
);
if (search(index, query).fallback?.inPersonWithinRadius !== 0)
  throw new Error('the query should find no room near');

function perSearchMicros(counted: boolean): number {
  const start = performance.now();
  for (let i = 0; i < searches; i++) {
    const answer = search(index, query);
    if (counted) tally.noteSearch(query, answer);
  }
  return ((performance.now() - start) * 1000) / searches;
}

// Warm both paths before measuring.
perSearchMicros(false);
perSearchMicros(true);
const samples = { baseline: [] as number[], counted: [] as number[] };
for (let r = 0; r < rounds; r++) {
  progress(`round ${r + 1}/${rounds}`);
  // Interleaved, in alternating order, so drift on a shared machine hits both alike.
  const order =
    r % 2 === 0 ? (['baseline', 'counted'] as const) : (['counted', 'baseline'] as const);
  for (const variant of order) samples[variant].push(perSearchMicros(variant === 'counted'));
}
await tally.flush();
const baseline = median(samples.baseline);
const counted = median(samples.counted);
process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'demand',
      machine: machineInfo(),
      meetings: meetings.length,
      rounds,
      searchesPerRound: searches,
      medianMicrosPerSearch: { baseline: round(baseline, 1), counted: round(counted, 1) },
      addedMicrosPerSearch: round(counted - baseline, 1),
      countsWritten: written,
    },
    null,
    2,
  )}\n`,
);
