import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { OptOutRepository } from './opt-out-repository.js';

describe.each(testDialects)('text line opt-outs on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let optOuts: OptOutRepository;
  beforeEach(async () => {
    handle = await openTestDatabase(url);
    optOuts = new OptOutRepository(handle.db);
  });
  afterEach(async () => handle.close());

  it('remembers STOP until START, by sender key', async () => {
    expect(await optOuts.isOptedOut('k1')).toBe(false);
    await optOuts.optOut('k1', '2026-12-07T10:00:00Z');
    await optOuts.optOut('k1', '2026-12-07T11:00:00Z');
    expect(await optOuts.isOptedOut('k1')).toBe(true);
    expect(await optOuts.isOptedOut('k2')).toBe(false);
    const rows = await handle.db.selectFrom('textline_opt_outs').selectAll().execute();
    expect(rows).toEqual([{ sender_key: 'k1', opted_out_at: '2026-12-07T10:00:00Z' }]);
    expect(await optOuts.optIn('k1')).toBe(true);
    expect(await optOuts.optIn('k1')).toBe(false);
    expect(await optOuts.isOptedOut('k1')).toBe(false);
  });
});
