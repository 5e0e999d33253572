/**
 * Referral links survive a master-key rotation, through the real server on every dialect: a
 * coach sends a link, the operator rotates the key (`keys rotate` does what `rotateMasterKey`
 * does) and the server goes on with the new key alone; the link opens as before, and a revoked
 * consent still answers 410. A link sent before links had secrets of their own (signed under
 * the key derived from the old master key) is kept by the rotation too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { App } from '../src/app.js';
import { createTokenFor } from '../src/centers/center-tokens.js';
import { createCenter } from '../src/centers/centers.js';
import { rotateMasterKey } from '../src/centers/keys/rotate-master-key.js';
import { createKeyring, type Keyring } from '../src/platform/crypto/keyring.js';
import { seedDemoResources } from '../src/resources/demo/demo-resources.js';
import { legacyLinkKey, linkExpiry, signReferralLink } from '../src/referrals/link-token.js';
import { createTestApp } from './support/app.js';
import { bearerCall } from './support/bearer.js';
import { testDialects } from './support/databases.js';
import { manualClock } from './support/manual-clock.js';

const oldMaster = Buffer.alloc(32, 21);
const newMaster = Buffer.alloc(32, 22);

describe.each(testDialects)('referral links across a key rotation on $name', ({ url }) => {
  const clock = manualClock('2026-12-07T15:00:00.000Z');
  /** The server's keyring: the old key until the rotation, then the new key alone. */
  let ring: Keyring = createKeyring(oldMaster);
  const keyring: Keyring = {
    get keyId() {
      return ring.keyId;
    },
    wrapKey: (dataKey, context) => ring.wrapKey(dataKey, context),
    unwrapKey: (wrapped, keyId, context) => ring.unwrapKey(wrapped, keyId, context),
    deriveKey: (purpose) => ring.deriveKey(purpose),
  };
  const base = '/api/v1/centers/franklin';
  let app: App;
  let coach: string;
  let serviceId: string;
  const call = bearerCall(
    () => app,
    () => coach,
  );

  const refer = async () => {
    const member = await call('POST', `${base}/members`, { chosenName: 'River J.' });
    const created = await call('POST', `${base}/referrals`, {
      memberId: member.json<{ id: string }>().id,
      serviceId,
      consent: {
        memberName: 'River J.',
        discloser: 'Franklin County Recovery Center',
        information: { description: 'My name.', shares: ['name'] },
        recipient: 'Valley Bridge Health',
        purpose: 'To start treatment.',
        revocation: 'I may revoke this consent at any time by telling my coach.',
        expiry: { date: '2027-03-01' },
        signature: { signedBy: 'River J.', signedAt: '2026-12-07T14:55:00Z', method: 'electronic' },
        redisclosureNotice:
          '42 CFR part 2 prohibits unauthorized use or disclosure of these records.',
      },
    });
    expect(created.statusCode).toBe(201);
    return created.json<{ referral: { id: string; createdAt: string }; link: string }>();
  };
  const open = (link: string) => call('GET', `/api/v1/referral-links/${link}`, undefined, null);

  beforeAll(async () => {
    app = await createTestApp({ databaseUrl: url }, { clock, keyring });
    const deps = { repos: app.repos, clock };
    await createCenter(deps, {
      slug: 'franklin',
      name: 'Franklin County Recovery Center',
      adminEmail: 'lead@example.org',
    });
    await seedDemoResources(app.repos.resources, clock);
    coach = (await createTokenFor(deps, { email: 'lead@example.org', centerSlug: 'franklin' }))
      .token;
    const found = await app.server.inject({
      method: 'GET',
      url: '/api/v1/resources/search?near=01301&radius=30&moud=buprenorphine',
    });
    serviceId = found.json<{ results: { id: string }[] }>().results[0]!.id;
  }, 120_000);
  afterAll(async () => app?.close());

  it('opens a link sent before the rotation, and answers 410 once its consent is revoked', async () => {
    const kept = await refer();
    const revoked = await refer();
    // A referral as made before links had their own secrets: signed under the derived key.
    const legacy = await refer();
    await sql`update referrals set link_secret = null where id = ${legacy.referral.id}`.execute(
      app.database.db,
    );
    const legacyLink = signReferralLink(
      legacyLinkKey(ring),
      legacy.referral.id,
      linkExpiry(legacy.referral.createdAt),
    );
    expect((await open(legacyLink)).statusCode).toBe(200);
    expect((await open(legacy.link)).statusCode).toBe(404);

    const next = createKeyring(newMaster, [oldMaster]);
    const report = await rotateMasterKey(app.repos, ring, next);
    expect(report.referralLinksKept).toBe(1);
    await app.repos.accounts.resealEmails(ring, next);
    // The server restarts with the new key alone.
    ring = createKeyring(newMaster);

    const seen = await open(kept.link);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ member: { name: 'River J.' } });
    expect((await open(legacyLink)).statusCode).toBe(200);
    expect((await call('GET', `${base}/referrals/${kept.referral.id}`)).statusCode).toBe(200);

    await call('POST', `${base}/referrals/${revoked.referral.id}/revoke-consent`, {});
    const gone = await open(revoked.link);
    expect([gone.statusCode, gone.json().error.code]).toEqual([410, 'PL_CONSENT_REVOKED']);
    expect(JSON.stringify(gone.json())).not.toContain('River');

    // A tampered link, or one whose expiry was pushed out, names nothing.
    const [id, expires, signature] = kept.link.split('.') as [string, string, string];
    expect((await open(`${id}.${Number(expires) + 86_400}.${signature}`)).statusCode).toBe(404);
    const [lid, lexpires, lsignature] = legacyLink.split('.') as [string, string, string];
    expect((await open(`${lid}.${Number(lexpires) + 86_400}.${lsignature}`)).statusCode).toBe(404);
    expect((await open(`${id}.${expires}.${'A'.repeat(43)}`)).statusCode).toBe(404);
  });
});
