import type { CommittedChange } from '../src/platform/database/change-feed.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../src/platform/clock.js';
import { createRepositories } from '../src/repositories.js';
import type { SearchParams } from '../src/search/parse-params.js';
import { SearchIndex } from '../src/search/search-index.js';
import { SearchService } from '../src/search/search-service.js';
import { search } from '../src/search/search.js';
import { importFeed, type ImportDeps } from '../src/sources/import-feed.js';
import { meetingGuideRow } from './factories/arbitraries.js';
import { openTestDatabase } from './support/databases.js';

const noPlaces = { lookup: () => [] };
const clock: Clock = { now: () => new Date('2026-11-04T22:00:00Z') };

/** One import: a source's whole feed, drawn from a small pool of slugs so rows come and go. */
const importStep = fc.record({
  source: fc.constantFrom('north', 'south'),
  rows: fc
    .uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 7 })
    .chain((ids) => fc.tuple(...ids.map((i) => meetingGuideRow(`m${i}`)))),
});

/**
 * Imports, then a handing-over of what they changed: all at once in order or reversed (as
 * notices arrive), or one by one (each waits for the next's ids, or for the gap watch).
 */
const scenario = fc.record({
  batches: fc.array(
    fc.record({
      imports: fc.array(importStep, { minLength: 1, maxLength: 4 }),
      order: fc.constantFrom('in-order', 'reversed', 'one-by-one'),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  /** 1,000: always patched; 0: changes beyond a third of the index are rebuilt. */
  rebuildMinIds: fc.constantFrom(1000, 0),
});

const queries: SearchParams[] = [
  { limit: '200', include_closed: 'true' },
  { near: '42.5876,-72.5995', radius: '10', limit: '50' },
  { near: '42.5876,-72.5995', radius: '10', sort: 'distance', limit: '5' },
  { near: '36.154,-95.9928', nearest: '3' },
  { q: 'serenity', limit: '50' },
  { attendance: 'online,phone', limit: '50' },
  { types: 'women', near: '42.67,-72.69', radius: '3' },
  { day: '2,4', from: '06:00', to: '20:00', limit: '50' },
  { program: 'aa', lang: 'es', limit: '50' },
];

describe('the search index kept current change by change', () => {
  it('answers exactly as an index built afresh from the store, after any series of imports', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ batches, rebuildMinIds }) => {
        const handle = await openTestDatabase('sqlite::memory:');
        const repos = createRepositories(handle.db);
        const service = new SearchService(repos, clock, noPlaces, {
          rebuildMinIds,
          rebuildShare: 1 / 3,
          gapGraceMs: 20,
        });
        try {
          await service.start();
          let pending: CommittedChange[] = [];
          const deps: ImportDeps = {
            repos,
            clock,
            limits: { maxBytes: 1_000_000, timeoutMs: 2_000 },
            onChange: (change) => void pending.push(change),
          };
          for (const batch of batches) {
            for (const step of batch.imports) {
              await importFeed(deps, { source: step.source, location: 'test', rows: step.rows });
            }
            const changes = pending;
            pending = [];
            if (batch.order === 'one-by-one') {
              for (const change of changes) await service.applyChange(change);
            } else {
              if (batch.order === 'reversed') changes.reverse();
              await Promise.all(changes.map((c) => service.applyChange(c)));
            }
            const fresh = SearchIndex.build(await repos.meetings.all(), {
              now: clock.now().getTime(),
            });
            expect(service.status().revision).toBe(await repos.revision.current());
            expect(service.size).toBe(fresh.size);
            for (const params of queries) {
              const query = service.parse(params);
              expect(service.search(query), JSON.stringify(params)).toEqual(search(fresh, query));
            }
          }
        } finally {
          await service.close();
          await handle.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
