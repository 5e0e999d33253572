import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mgOnlineRow, mgRow } from '../../test/factories/meeting-guide.js';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import { fixedClock } from '../platform/clock.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { createRepositories, type Repositories } from '../repositories.js';
import { mergeDuplicates } from './duplicates-merge.js';
import { importFeed } from './import-feed.js';

const clock = fixedClock('2026-11-02T10:00:00Z');
const intergroup = [
  mgRow({ slug: 'big-book', name: 'Greenfield Big Book', day: 2, time: '19:00' }),
  mgOnlineRow({ slug: 'hilltowns', name: 'Hilltowns Online', day: 1, time: '12:00' }),
];
const district = [
  mgRow({ slug: 'gbb-tuesday', name: 'Big Book (Tuesday)', day: 2, time: '19:00' }),
  mgOnlineRow({ slug: 'hilltowns-noon', name: 'Hilltowns Noon', day: 1, time: '12:00' }),
  mgRow({ slug: 'early-bird', name: 'Early Bird', day: 2, time: '07:00' }),
];

describe.each(testDialects)('merging duplicates with turns on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let repos: Repositories;

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    repos = createRepositories(handle.db);
    const deps = { repos, clock, limits: { maxBytes: 1_000_000, timeoutMs: 2_000 } };
    await importFeed(deps, { source: 'intergroup', location: 'x', rows: intergroup });
    await importFeed(deps, { source: 'district', location: 'y', rows: district });
  });
  afterEach(async () => handle.close());

  /** The stored links as pairs of slugs (which one is shown is not the point here). */
  const links = async () => {
    const slugOf = new Map((await repos.meetings.all()).map((m) => [m.id, m.slug]));
    return (await repos.duplicates.links())
      .map((l) => [slugOf.get(l.meetingId) ?? '', slugOf.get(l.canonicalId ?? '') ?? ''].sort())
      .sort();
  };

  it('reads the meetings outside its transaction with turns, and stores what a plain merge would', async () => {
    let turns = 0;
    const change = await mergeDuplicates({
      repos,
      clock,
      yieldToLoop: () => {
        turns++;
        return new Promise((resolve) => setImmediate(resolve));
      },
    });
    expect(turns).toBeGreaterThan(0);
    expect(change?.removed).toHaveLength(2);
    expect(await links()).toEqual([
      ['big-book', 'gbb-tuesday'],
      ['hilltowns', 'hilltowns-noon'],
    ]);
    // Nothing left for a merge in one transaction to change.
    expect(await mergeDuplicates({ repos, clock })).toBeUndefined();
  });

  it('reads again inside its transaction when the store changed while it read', async () => {
    let wrote = false;
    const change = await mergeDuplicates({
      repos,
      clock,
      // An editor removes a meeting between two slices of the merge's reading.
      yieldToLoop: async () => {
        if (wrote) return;
        wrote = true;
        const gone = await repos.meetings.findBySlug('gbb-tuesday');
        await repos.transaction(async (trx) => {
          await trx.meetings.remove([gone!.id]);
          await trx.revision.bump({ upserted: [], removed: [gone!.id] });
        });
      },
    });
    expect(wrote).toBe(true);
    expect(change?.removed).toHaveLength(1);
    expect(await links()).toEqual([['hilltowns', 'hilltowns-noon']]);
    expect(await mergeDuplicates({ repos, clock })).toBeUndefined();
  });
});
