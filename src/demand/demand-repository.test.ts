import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { DemandRepository } from './demand-repository.js';

describe.each(testDialects)('demand counts on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let demand: DemandRepository;
  beforeEach(async () => {
    handle = await openTestDatabase(url);
    demand = new DemandRepository(handle.db);
  });
  afterEach(async () => handle.close());

  it('adds to a cell, week and need, creating the row the first time', async () => {
    await demand.add([{ cell: '426,-727', week: '2026-W50', need: 'women', count: 3 }]);
    await demand.add([
      { cell: '426,-727', week: '2026-W50', need: 'women', count: 4 },
      { cell: '426,-727', week: '2026-W50', need: 'lang:es', count: 1 },
    ]);
    const rows = await handle.db
      .selectFrom('demand_counts' as never)
      .select(['cell', 'week', 'need', 'count'] as never[])
      .orderBy('need' as never)
      .execute();
    expect(rows).toEqual([
      { cell: '426,-727', week: '2026-W50', need: 'lang:es', count: 1 },
      { cell: '426,-727', week: '2026-W50', need: 'women', count: 7 },
    ]);
  });

  it('totals a need per cell over the weeks asked, keeping only cells at the threshold', async () => {
    await demand.add([
      { cell: 'a', week: '2026-W49', need: 'women', count: 6 },
      { cell: 'a', week: '2026-W50', need: 'women', count: 4 },
      { cell: 'a', week: '2026-W51', need: 'women', count: 50 },
      { cell: 'b', week: '2026-W50', need: 'women', count: 9 },
      { cell: 'c', week: '2026-W50', need: 'women', count: 12 },
      { cell: 'c', week: '2026-W50', need: 'men', count: 40 },
    ]);
    expect(await demand.totals('women', '2026-W49', '2026-W50', 10)).toEqual([
      { cell: 'c', count: 12 },
      { cell: 'a', count: 10 },
    ]);
    expect(await demand.totals('women', '2026-W51', '2026-W52', 10)).toEqual([
      { cell: 'a', count: 50 },
    ]);
    expect(await demand.totals('veterans', '2026-W01', '2026-W52', 10)).toEqual([]);
  });
});
