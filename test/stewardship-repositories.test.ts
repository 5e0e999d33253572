/** Stewardship storage and services on every dialect: SQLite, PGlite, and PostgreSQL in CI. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/platform/clock.js';
import type { DatabaseHandle } from '../src/platform/database/connect.js';
import { createRepositories, type Repositories } from '../src/repositories.js';
import { actorFor } from '../src/accounts/people.js';
import { operatorActor } from '../src/accounts/operator.js';
import { grantRole, revokeRole } from '../src/stewardship/roles.js';
import {
  createServiceBody,
  deleteServiceBody,
  listServiceBodies,
  updateServiceBody,
} from '../src/stewardship/service-bodies.js';
import { endAllSessions, resumeSession, startSession } from '../src/accounts/sessions.js';
import { issueSignInLink, redeemSignInLink } from '../src/accounts/sign-in-links.js';
import { hashToken } from '../src/accounts/tokens.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { openTestDatabase, testDialects } from './support/databases.js';

const clock = fixedClock('2025-06-01T12:00:00.000Z');
const keyring = createKeyring(Buffer.alloc(32, 7));

describe.each(testDialects)('stewardship storage on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let repos: Repositories;
  const deps = () => ({ repos, clock });

  beforeAll(async () => {
    handle = await openTestDatabase(url);
    repos = createRepositories(handle.db, () => keyring);
  });
  afterAll(async () => handle?.close());

  it('stores people once per email and finds them', async () => {
    await repos.accounts.insertPerson({
      id: 'p1',
      email: 'a@example.org',
      createdAt: clock.now().toISOString(),
    });
    expect(await repos.accounts.personByEmail('a@example.org')).toMatchObject({ id: 'p1' });
    await expect(
      repos.accounts.insertPerson({
        id: 'p2',
        email: 'a@example.org',
        createdAt: clock.now().toISOString(),
      }),
    ).rejects.toThrow();
    expect(await repos.accounts.peopleByIds(['p1', 'missing'])).toHaveLength(1);
  });

  it('keeps the email sealed, found by its blind index; a row from before is sealed on open', async () => {
    await repos.accounts.insertPerson({
      id: 'p-sealed',
      email: 'Volunteer.Sealed@Example.org',
      createdAt: clock.now().toISOString(),
    });
    const raw = await handle.db
      .selectFrom('people')
      .select(['email_index', 'email_sealed'])
      .where('id', '=', 'p-sealed')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(raw).toLowerCase()).not.toContain('volunteer');
    expect(raw.email_sealed).toMatch(/^v1\./);
    // Found whatever the case the person types; read back as stored.
    const found = await repos.accounts.personByEmail('volunteer.sealed@example.org');
    expect(found).toMatchObject({ id: 'p-sealed', email: 'Volunteer.Sealed@Example.org' });
    // Another master key neither finds nor opens it.
    const other = createRepositories(handle.db, () => createKeyring(Buffer.alloc(32, 8)));
    expect(await other.accounts.personByEmail('volunteer.sealed@example.org')).toBeUndefined();

    // A row written before migration 0012 (the address in the old column) is found meanwhile,
    // and sealed by the next open with the key.
    await handle.db
      .insertInto('people')
      .values({
        id: 'p-old',
        email_index: 'old.steward@example.org',
        email_sealed: null,
        display_name: null,
        created_at: clock.now().toISOString(),
        last_sign_in_at: null,
        disabled_at: null,
      })
      .execute();
    expect(await repos.accounts.personByEmail('old.steward@example.org')).toMatchObject({
      id: 'p-old',
    });
    expect(await repos.accounts.sealPlainEmails()).toBe(1);
    expect(await repos.accounts.sealPlainEmails()).toBe(0);
    const sealed = await handle.db
      .selectFrom('people')
      .select(['email_index', 'email_sealed'])
      .where('id', '=', 'p-old')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(sealed)).not.toContain('old.steward');
    expect(await repos.accounts.personByEmail('old.steward@example.org')).toMatchObject({
      id: 'p-old',
      email: 'old.steward@example.org',
    });
  });

  it('records a public form token as used once, and forgets it after it expires', async () => {
    const use = { tokenHash: 'f'.repeat(64), expiresAt: '2025-06-02T12:00:00.000Z' };
    const now = clock.now().toISOString();
    expect(await repos.changeRequests.useFormToken(use, now)).toBe(true);
    expect(await repos.changeRequests.useFormToken(use, now)).toBe(false);
    // Inside a transaction that goes on to fail, the use is undone with it.
    const other = { ...use, tokenHash: 'e'.repeat(64) };
    await expect(
      repos.transaction(async (trx) => {
        expect(await trx.changeRequests.useFormToken(other, now)).toBe(true);
        throw new Error('the suggestion could not be stored');
      }),
    ).rejects.toThrow();
    expect(await repos.changeRequests.useFormToken(other, now)).toBe(true);
    // Past its expiry the record is dropped (a token that old is refused by its signed time).
    expect(await repos.changeRequests.useFormToken(use, '2025-06-03T00:00:00.000Z')).toBe(true);
  });

  it('uses a sign-in token once, and stores only its hash', async () => {
    const link = await issueSignInLink(deps(), 'p1', 'https://x.example/sign-in/verify');
    const token = new URL(link).searchParams.get('token')!;
    const rows = await handle.db.selectFrom('sign_in_tokens').selectAll().execute();
    expect(rows.map((r) => r.token_hash)).toContain(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const first = await redeemSignInLink(deps(), token, 'Firefox on Linux');
    expect(first.session.personId).toBe('p1');
    await expect(redeemSignInLink(deps(), token, undefined)).rejects.toMatchObject({
      code: 'PL_SIGN_IN_LINK_INVALID',
    });
    // Two racing uses of one fresh link: exactly one wins.
    const raced = new URL(
      await issueSignInLink(deps(), 'p1', 'https://x.example/v'),
    ).searchParams.get('token')!;
    const results = await Promise.allSettled([
      redeemSignInLink(deps(), raced, undefined),
      redeemSignInLink(deps(), raced, undefined),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('keeps sessions by hash, and ends them', async () => {
    const a = await startSession(deps(), 'p1', 'email', undefined);
    const b = await startSession(deps(), 'p1', 'passkey', 'Safari on iOS');
    expect((await resumeSession(deps(), a.token))?.person.email).toBe('a@example.org');
    expect(await resumeSession(deps(), 'x'.repeat(43))).toBeUndefined();
    const stored = await handle.db.selectFrom('sessions').select('token_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(a.token);
    expect(
      await repos.accounts.revokeSession('someone-else', b.session.id, clock.now().toISOString()),
    ).toBe(false);
    expect(await endAllSessions(deps(), 'p1')).toBeGreaterThanOrEqual(2);
    expect(await resumeSession(deps(), a.token)).toBeUndefined();
    expect(await resumeSession(deps(), b.token)).toBeUndefined();
  });

  it('stores passkeys with counters beyond 32-bit signed, and moves them forward only', async () => {
    await repos.accounts.insertPasskey({
      id: 'k1',
      personId: 'p1',
      credentialId: 'Y3JlZA',
      publicKey: new Uint8Array([1, 2, 3]),
      algorithm: -7,
      signCount: 4_000_000_000,
      transports: ['internal', 'hybrid'],
      createdAt: clock.now().toISOString(),
    });
    const key = await repos.accounts.passkeyByCredentialId('Y3JlZA');
    expect(key).toMatchObject({ signCount: 4_000_000_000, transports: ['internal', 'hybrid'] });
    expect(key?.publicKey).toEqual(new Uint8Array([1, 2, 3]));
    expect(await repos.accounts.recordPasskeyUse('k1', 4_000_000_001, 4_000_000_000, 'now')).toBe(
      true,
    );
    // A second use that read the old counter loses.
    expect(await repos.accounts.recordPasskeyUse('k1', 4_000_000_001, 4_000_000_000, 'now')).toBe(
      false,
    );
    expect(await repos.accounts.deletePasskey('someone-else', 'k1')).toBe(false);
    expect(await repos.accounts.deletePasskey('p1', 'k1')).toBe(true);
  });

  it('uses a challenge once, for its purpose and person only', async () => {
    const expiresAt = '2025-06-01T12:05:00.000Z';
    await repos.accounts.insertChallenge({
      challenge: 'c1',
      purpose: 'register',
      personId: 'p1',
      expiresAt,
    });
    const now = clock.now().toISOString();
    expect(await repos.accounts.consumeChallenge('c1', 'authenticate', undefined, now)).toBe(false);
    expect(await repos.accounts.consumeChallenge('c1', 'register', undefined, now)).toBe(false);
    expect(await repos.accounts.consumeChallenge('c1', 'register', 'p1', now)).toBe(true);
    expect(await repos.accounts.consumeChallenge('c1', 'register', 'p1', now)).toBe(false);
    await repos.accounts.insertChallenge({ challenge: 'c2', purpose: 'authenticate', expiresAt });
    expect(await repos.accounts.consumeChallenge('c2', 'authenticate', undefined, expiresAt)).toBe(
      false,
    );
  });

  it('keeps the tree, its roles and the audit log through the services', async () => {
    const region = await createServiceBody(deps(), operatorActor, {
      name: 'Region',
      kind: 'region',
    });
    const area = await createServiceBody(deps(), operatorActor, {
      name: 'Area',
      kind: 'area',
      parentId: region.id,
    });
    const grant = await grantRole(deps(), operatorActor, 'editor@example.org', {
      role: 'editor',
      serviceBodyId: area.id,
    });
    const editorId = grant.personId;
    const editor = await actorFor(repos, editorId);
    expect(editor.grants).toEqual([{ role: 'editor', serviceBodyId: area.id }]);
    // Granting the same role twice keeps one grant.
    expect(
      (
        await grantRole(deps(), operatorActor, 'Editor@Example.org', {
          role: 'editor',
          serviceBodyId: area.id,
        })
      ).id,
    ).toBe(grant.id);

    const district = await createServiceBody(deps(), editor, {
      name: 'District 2',
      kind: 'district',
      parentId: area.id,
    });
    await expect(
      createServiceBody(deps(), editor, { name: 'Elsewhere', kind: 'area', parentId: region.id }),
    ).rejects.toMatchObject({ code: 'PL_FORBIDDEN' });
    await expect(
      updateServiceBody(deps(), editor, area.id, { name: 'Area', kind: 'area' }),
    ).rejects.toMatchObject({ code: 'PL_FORBIDDEN' });
    await updateServiceBody(deps(), editor, district.id, {
      name: 'District Two',
      kind: 'district',
      parentId: area.id,
    });
    const tree = await listServiceBodies(deps());
    expect(tree.filter((b) => b.path[0] === region.id).map((b) => `${b.depth}:${b.name}`)).toEqual([
      '0:Region',
      '1:Area',
      '2:District Two',
    ]);
    await expect(deleteServiceBody(deps(), operatorActor, area.id)).rejects.toMatchObject({
      code: 'PL_SERVICE_BODY_NOT_EMPTY',
    });
    await deleteServiceBody(deps(), editor, district.id);

    await expect(revokeRole(deps(), undefined, grant.id)).rejects.toMatchObject({
      code: 'PL_SIGN_IN_REQUIRED',
    });
    await revokeRole(deps(), operatorActor, grant.id);
    expect((await actorFor(repos, editorId)).grants).toEqual([]);

    const log = await repos.audit.recent(50);
    const actions = log.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'service_body.create',
        'service_body.update',
        'service_body.delete',
        'role.grant',
        'role.revoke',
        'person.create',
      ]),
    );
    expect(log.find((e) => e.action === 'service_body.update')?.actorId).toBe(editorId);
    expect(log.find((e) => e.action === 'role.revoke')?.actorId).toBeUndefined();
    expect(JSON.stringify(log)).not.toContain('@');
  });

  it('never removes the last administrator', async () => {
    const only = await grantRole(deps(), operatorActor, 'root@example.org', {
      role: 'administrator',
    });
    await expect(revokeRole(deps(), operatorActor, only.id)).rejects.toMatchObject({
      code: 'PL_INVALID_GRANT',
    });
  });
});
