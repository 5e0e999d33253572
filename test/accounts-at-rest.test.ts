/**
 * What a copy of the database says about who the volunteers are: nothing readable. Stewards and
 * center staff are made (a role granted, a center created with its administrator) and one signs
 * in by a real link through the server; the raw SQLite file and its write-ahead log then hold
 * none of their email addresses, while sign-in still finds them (migration 0012).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { operatorActor } from '../src/accounts/operator.js';
import { createCenter } from '../src/centers/centers.js';
import { fixedClock } from '../src/platform/clock.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { grantRole } from '../src/stewardship/roles.js';
import { signIn, Visitor } from './stewardship-editing-support.js';
import { createTestApp } from './support/app.js';
import { expectNoneIn } from './support/at-rest.js';
import { outboxMessages } from './support/outbox.js';

const clock = fixedClock('2026-03-02T15:00:00.000Z');
const keyring = createKeyring(Buffer.alloc(32, 11));
const steward = 'Wendeline.Stewardly@example.net';
const centerAdmin = 'centeradmin.quorra@example.net';
const needles = [steward, steward.toLowerCase(), 'Stewardly', 'stewardly', centerAdmin, 'quorra'];

describe('volunteer emails at rest in the SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-emails-at-rest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds no steward or staff address in plaintext, and sign-in still finds them', async () => {
    const app = await createTestApp(
      { dataDir: dir, databaseUrl: `sqlite:${join(dir, 'porchlight.db')}` },
      { clock, keyring },
    );
    try {
      await grantRole(app.importDeps, operatorActor, steward, { role: 'administrator' });
      await createCenter(
        { repos: app.repos, clock },
        { slug: 'hill', name: 'Hill Center', adminEmail: centerAdmin },
      );
      const visitor = new Visitor(app);
      await signIn(app, visitor, steward.toLowerCase());
      expect((await visitor.request('GET', '/en/account')).statusCode).toBe(200);
      // Asked for a link through the page, typed in another case: the mail goes to the steward.
      const asking = new Visitor(app, '198.51.100.7');
      const form = await asking.page('/en/sign-in');
      const sent = await asking.request('POST', '/en/sign-in', {
        email: steward.toUpperCase(),
        _csrf: form.csrf,
      });
      expect(sent.statusCode).toBe(303);
      await vi.waitFor(() =>
        expect(outboxMessages(dir).some((mail) => /sign-in\/verify\?token=/.test(mail))).toBe(true),
      );
      expectNoneIn(dir, needles);
    } finally {
      await app.close();
    }
    expectNoneIn(dir, needles);
    // The control: the file is readable as bytes, and the center's own name is there.
    expect(readFileSync(join(dir, 'porchlight.db')).includes('Hill Center')).toBe(true);
  });
});
