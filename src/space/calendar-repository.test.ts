import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { SpaceCalendarRepository } from './calendar-repository.js';

describe.each(testDialects)('the space calendar store on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let repo: SpaceCalendarRepository;

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    repo = new SpaceCalendarRepository(handle.db);
  });
  afterEach(async () => {
    await handle.close();
  });

  it('keeps, replaces and deletes a sealed subscription by its id', async () => {
    expect(await repo.sealed('a'.repeat(64))).toBeUndefined();
    await repo.insert('a'.repeat(64), 'v1.first', '2026-12-07T10:00:00.000Z');
    expect(await repo.sealed('a'.repeat(64))).toBe('v1.first');
    expect(await repo.update('a'.repeat(64), 'v1.second', '2026-12-07T11:00:00.000Z')).toBe(true);
    expect(await repo.update('b'.repeat(64), 'v1.other', '2026-12-07T11:00:00.000Z')).toBe(false);
    expect(await repo.sealed('a'.repeat(64))).toBe('v1.second');
    expect(await repo.delete('a'.repeat(64))).toBe(true);
    expect(await repo.delete('a'.repeat(64))).toBe(false);
    expect(await repo.sealed('a'.repeat(64))).toBeUndefined();
  });
});
