import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/platform/clock.js';
import type { DatabaseHandle } from '../src/platform/database/connect.js';
import { LOG_KEEP_IDS } from '../src/platform/database/revision.js';
import { createRepositories, type Repositories } from '../src/repositories.js';
import { loadSearchIndex } from '../src/search/load-index.js';
import { SearchIndex } from '../src/search/search-index.js';
import { search } from '../src/search/search.js';
import { importFeed } from '../src/sources/import-feed.js';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';
import { openTestDatabase, testDialects } from './support/databases.js';

const now = Date.parse('2026-11-04T22:00:00Z');

describe.each(testDialects)('what the search index reads from the store, on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let repos: Repositories;

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    repos = createRepositories(handle.db);
    const rows = Array.from({ length: 7 }, (_, i) =>
      i % 3 === 0
        ? mgOnlineRow({ slug: `m${i}`, name: `Online ${i}` })
        : mgRow({ slug: `m${i}`, name: `Room ${i}`, day: i % 7 }),
    );
    await importFeed(
      { repos, clock: fixedClock(new Date(now)), limits: { maxBytes: 1e6, timeoutMs: 1000 } },
      { source: 'a', location: 'test', rows },
    );
  });
  afterEach(async () => handle.close());

  it('pages through every meeting once, in id order', async () => {
    const ids: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const meetings = await repos.meetings.pageById(3, after);
      ids.push(...meetings.map((m) => m.id));
      if (meetings.length < 3) break;
      after = meetings.at(-1)!.id;
    }
    const all = (await repos.meetings.all()).map((m) => m.id).sort();
    expect(ids).toEqual(all);
  });

  it('reads meetings by id, skipping ids that are gone', async () => {
    const all = await repos.meetings.all();
    const wanted = [all[1]!.id, all[4]!.id, 'no-such-id'];
    const found = await repos.meetings.byIds(wanted);
    expect(found.map((m) => m.id).sort()).toEqual([all[1]!.id, all[4]!.id].sort());
    expect(found.find((m) => m.id === all[1]!.id)).toEqual(all[1]);
  });

  it('builds the same index a page at a time as from every meeting at once', async () => {
    const pages: number[] = [];
    const paged = await loadSearchIndex(repos.meetings, {
      now,
      pageSize: 2,
      onPage: (n) => pages.push(n),
    });
    expect(pages).toEqual([2, 4, 6, 7]);
    const whole = SearchIndex.build(await repos.meetings.all(), { now });
    const query = {
      now,
      viewerTimeZone: 'America/New_York',
      radiusKm: 40,
      includeInProgress: true,
      includeClosed: true,
      sort: 'time' as const,
      limit: 50,
      fallbackThreshold: 5,
    };
    expect(search(paged, query)).toEqual(search(whole, query));
    expect(paged.size).toBe(7);
  });

  it('gives every concurrent writer a revision of its own', async () => {
    const before = await repos.revision.current();
    const revisions = await Promise.all(
      Array.from({ length: 6 }, () =>
        repos.transaction((r) => r.revision.bump({ upserted: [], removed: [] })),
      ),
    );
    expect([...revisions].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6].map((n) => before + n));
    expect(await repos.revision.current()).toBe(before + 6);
  });

  it('logs what each revision touched, keeping the newest up to a bounded number of ids', async () => {
    const start = await repos.revision.current();
    // The import in beforeEach is logged with the meetings it added.
    const [first] = await repos.revision.changesAfter(start - 1);
    expect(first).toMatchObject({ revision: start, ids: { removed: [] } });
    expect(first!.ids.upserted).toHaveLength(7);

    const r1 = await repos.transaction((r) =>
      r.revision.bump({ upserted: ['a', 'b'], removed: [] }),
    );
    const r2 = await repos.transaction((r) => r.revision.bump({ upserted: [], removed: ['a'] }));
    expect(await repos.revision.changesAfter(start)).toEqual([
      { revision: r1, ids: { upserted: ['a', 'b'], removed: [] } },
      { revision: r2, ids: { upserted: [], removed: ['a'] } },
    ]);
    expect(await repos.revision.changesAfter(r2)).toEqual([]);

    // One revision of more ids than the log keeps lets every older one go, and stays itself.
    const huge = Array.from({ length: LOG_KEEP_IDS }, (_, i) => `h${i}`);
    const r3 = await repos.transaction((r) => r.revision.bump({ upserted: huge, removed: ['b'] }));
    const kept = await repos.revision.changesAfter(0);
    expect(kept.map((c) => c.revision)).toEqual([r3]);
    expect(kept[0]!.ids.upserted).toHaveLength(LOG_KEEP_IDS);
    const r4 = await repos.transaction((r) => r.revision.bump({ upserted: ['c'], removed: [] }));
    expect((await repos.revision.changesAfter(0)).map((c) => c.revision)).toEqual([r4]);
  });
});
