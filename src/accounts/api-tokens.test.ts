import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../test/support/manual-clock.js';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { createKeyring } from '../platform/crypto/keyring.js';
import { createRepositories, type Repositories } from '../repositories.js';
import { authenticateBearer, createApiToken, TOKEN_USE_RESOLUTION_MS } from './api-tokens.js';
import { findOrCreatePerson } from './people.js';

describe.each(testDialects)('API token use on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let repos: Repositories;
  let clock: ManualClock;

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    const keyring = createKeyring(Buffer.alloc(32, 5));
    repos = createRepositories(handle.db, () => keyring);
    clock = manualClock('2026-04-01T09:00:00.000Z');
  });
  afterEach(async () => {
    await handle.close();
  });

  const lastUsed = async (id: string) =>
    (
      await handle.db
        .selectFrom('api_tokens')
        .select('last_used_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).last_used_at;

  it('writes the last-use time at most once a minute per token', async () => {
    const deps = { repos, clock };
    const { person } = await findOrCreatePerson(repos, clock, 'coach@example.org');
    const { id, token } = await createApiToken(deps, person.id);
    const other = await createApiToken(deps, person.id);
    const header = `Bearer ${token}`;

    expect(await lastUsed(id)).toBeNull();
    await authenticateBearer(deps, header);
    expect(await lastUsed(id)).toBe('2026-04-01T09:00:00.000Z');

    // Within the minute: every request is answered, none writes.
    for (const step of [1_000, 20_000, 38_999]) {
      clock.advance(step);
      expect((await authenticateBearer(deps, header)).tokenId).toBe(id);
    }
    expect(await lastUsed(id)).toBe('2026-04-01T09:00:00.000Z');

    // Past the minute: the next request records itself.
    clock.set(
      new Date(Date.parse('2026-04-01T09:00:00.000Z') + TOKEN_USE_RESOLUTION_MS + 1).toISOString(),
    );
    await authenticateBearer(deps, header);
    expect(await lastUsed(id)).toBe('2026-04-01T09:01:00.001Z');

    // Each token keeps its own time.
    expect(await lastUsed(other.id)).toBeNull();
    await authenticateBearer(deps, `Bearer ${other.token}`);
    expect(await lastUsed(other.id)).toBe('2026-04-01T09:01:00.001Z');
  });

  it('writes once when two requests race past the minute with the same stale read', async () => {
    const deps = { repos, clock };
    const { person } = await findOrCreatePerson(repos, clock, 'coach@example.org');
    const { id } = await createApiToken(deps, person.id);
    await repos.apiTokens.touchIfOlder(id, '2026-04-01T09:00:00.000Z', '2026-04-01T08:59:00.000Z');
    // Both saw 09:00:00 and both decided to write; the condition keeps the first one's time.
    await repos.apiTokens.touchIfOlder(id, '2026-04-01T09:02:00.000Z', '2026-04-01T09:01:00.000Z');
    await repos.apiTokens.touchIfOlder(id, '2026-04-01T09:02:00.500Z', '2026-04-01T09:01:00.500Z');
    expect(await lastUsed(id)).toBe('2026-04-01T09:02:00.000Z');
  });
});
