import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import { manualClock } from '../../test/support/manual-clock.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { SpaceBlobRepository } from './blob-repository.js';
import { SpaceSync } from './space-sync.js';

const ACCOUNT = 'a1B2c3D4e5F6g7H8i9J0kL';
const TOKEN = 'tok_'.padEnd(43, 'x');
const OTHER = 'other'.padEnd(43, 'y');

describe.each(testDialects)('the space sync store on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let sync: SpaceSync;
  const clock = manualClock('2026-12-07T10:00:00.000Z');

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    sync = new SpaceSync(new SpaceBlobRepository(handle.db), clock);
  });
  afterEach(async () => {
    await handle.close();
  });

  it('makes the account on the first write and keeps versions, sizes and times', async () => {
    expect(await sync.list(ACCOUNT, TOKEN)).toEqual([]);
    const first = await sync.write(ACCOUNT, TOKEN, 'snapshot', 0, 'AAECAwQ=');
    expect(first).toEqual({
      id: 'snapshot',
      version: 1,
      size: 5,
      createdAt: '2026-12-07T10:00:00.000Z',
      updatedAt: '2026-12-07T10:00:00.000Z',
    });
    clock.set('2026-12-08T10:00:00.000Z');
    const second = await sync.write(ACCOUNT, TOKEN, 'snapshot', 1, 'AAECAwQFBgc=');
    expect(second).toMatchObject({ version: 2, size: 8, createdAt: '2026-12-07T10:00:00.000Z' });
    expect(await sync.read(ACCOUNT, TOKEN, 'snapshot')).toMatchObject({
      version: 2,
      ciphertext: 'AAECAwQFBgc=',
      updatedAt: '2026-12-08T10:00:00.000Z',
    });
    expect((await sync.list(ACCOUNT, TOKEN)).map((b) => [b.id, b.version])).toEqual([
      ['snapshot', 2],
    ]);
  });

  it('refuses a write over a version that moved on, and a new blob that exists', async () => {
    await sync.write(ACCOUNT, TOKEN, 'snapshot', 0, 'AAAA');
    await sync.write(ACCOUNT, TOKEN, 'snapshot', 1, 'AAAB');
    await expect(sync.write(ACCOUNT, TOKEN, 'snapshot', 1, 'AAAC')).rejects.toMatchObject({
      code: 'PL_SPACE_VERSION_CONFLICT',
    });
    await expect(sync.write(ACCOUNT, TOKEN, 'snapshot', 0, 'AAAC')).rejects.toMatchObject({
      code: 'PL_SPACE_VERSION_CONFLICT',
    });
  });

  it('answers another token with a refusal, never the ciphertext', async () => {
    await sync.write(ACCOUNT, TOKEN, 'snapshot', 0, 'AAAA');
    for (const call of [
      () => sync.read(ACCOUNT, OTHER, 'snapshot'),
      () => sync.list(ACCOUNT, OTHER),
      () => sync.write(ACCOUNT, OTHER, 'snapshot', 1, 'AAAB'),
      () => sync.deleteAccount(ACCOUNT, OTHER),
    ])
      await expect(call()).rejects.toMatchObject({ code: 'PL_SPACE_TOKEN_WRONG' });
  });

  it('deletes the account with its blobs; the server then knows nothing of it', async () => {
    await sync.write(ACCOUNT, TOKEN, 'snapshot', 0, 'AAAA');
    await sync.deleteAccount(ACCOUNT, TOKEN);
    expect(await sync.list(ACCOUNT, TOKEN)).toEqual([]);
    await expect(sync.read(ACCOUNT, TOKEN, 'snapshot')).rejects.toMatchObject({
      code: 'PL_NOT_FOUND',
    });
    // The id is free again: a new first write makes a new account.
    expect(await sync.write(ACCOUNT, OTHER, 'snapshot', 0, 'AAAA')).toMatchObject({ version: 1 });
  });
});
