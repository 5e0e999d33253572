/**
 * What a copy of the database holds about a message that waits to be sent: nothing readable.
 * While a text message and an email are pending (their channel refuses for a passing reason),
 * the raw SQLite file and its write-ahead log, and the PostgreSQL rows as text, hold neither the
 * number, the address nor the words; the queue still sends them as they were written, and a
 * master key rotation leaves them readable under the new key alone.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import { manualClock } from '../../test/support/manual-clock.js';
import { manualTimers } from '../../test/support/manual-timers.js';
import { newDataKey } from '../platform/crypto/envelope.js';
import { createKeyring } from '../platform/crypto/keyring.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { deliveryFailure } from '../platform/delivery/failure.js';
import { JobRepository } from '../platform/jobs/job-repository.js';
import { JobRunner } from '../platform/jobs/job-runner.js';
import type { MailMessage } from '../platform/mail/mailer.js';
import { DeliveryRepository } from './delivery-repository.js';
import { DeliveryQueue } from './delivery-queue.js';
import type { TextMessage } from './model.js';

const secrets = {
  phone: '+14135550177',
  text: 'Your ride to the heron pond meeting is at 6:40',
  email: 'quillfeather.distinct@example.net',
  body: 'Sign in to the zephyrine desk with this link',
};
const needles = Object.values(secrets);

const dir = mkdtempSync(join(tmpdir(), 'porchlight-deliveries-at-rest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(testDialects)('pending deliveries at rest on $name', ({ name, url }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });
  const clock = manualClock('2026-12-07T10:00:00.000Z');

  /** Queues a text message and an email whose channels refuse once, and tries each once. */
  async function queuePending(db: DatabaseHandle, master: Buffer) {
    const keyring = createKeyring(master);
    const texts: TextMessage[] = [];
    const mails: MailMessage[] = [];
    const busy = () => deliveryFailure('PL_MAIL_UNAVAILABLE', 'busy', { retryable: true });
    let refuse = true;
    const jobs = new JobRepository(db.db);
    const queue = new DeliveryQueue({
      deliveries: new DeliveryRepository(db.db, () => keyring),
      jobs,
      clock,
      channels: {
        sms: {
          send: (m) => (refuse ? Promise.reject(busy()) : (texts.push(m), Promise.resolve({}))),
        },
        email: {
          send: (m) => (refuse ? Promise.reject(busy()) : (mails.push(m), Promise.resolve())),
        },
      },
      random: () => 0.5,
    });
    const runner = new JobRunner({ jobs, clock, owner: 't', timers: manualTimers(clock) });
    queue.attach(runner, { sendAtOnce: false });
    await queue.enqueue({
      channel: 'sms',
      idempotencyKey: 'ride',
      message: { to: secrets.phone, text: secrets.text },
    });
    await queue.enqueue({
      channel: 'email',
      idempotencyKey: 'sign-in',
      message: { to: secrets.email, subject: 'Sign in', text: secrets.body },
    });
    await runner.runDue();
    expect((await queue.list()).map((d) => d.state)).toEqual(['pending', 'pending']);
    return {
      texts,
      mails,
      sendNow: async () => {
        refuse = false;
        clock.advance(3_600_000);
        await runner.runDue();
      },
    };
  }

  /** Every text column of every delivery and job row, as the database gives it. */
  async function rowsAsText(db: DatabaseHandle): Promise<string> {
    if (name === 'sqlite') {
      const rows = await db.db.selectFrom('deliveries').selectAll().execute();
      const jobs = await db.db.selectFrom('jobs').selectAll().execute();
      return JSON.stringify([rows, jobs]);
    }
    const text: string[] = [];
    for (const table of ['deliveries', 'jobs']) {
      const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(
        table,
      )} t`.execute(db.db);
      text.push(...rows.map((r) => r.row));
    }
    return text.join('\n');
  }

  it('holds no number, address or words while they wait, and sends them as written', async () => {
    const file = join(dir, `${name}.db`);
    handle = await openTestDatabase(name === 'sqlite' ? `sqlite:${file}` : url);
    const { texts, mails, sendNow } = await queuePending(handle, newDataKey());
    const text = await rowsAsText(handle);
    expect(text).toContain('***-***-0177');
    for (const needle of needles)
      expect({ needle, found: text.includes(needle) }).toEqual({ needle, found: false });
    if (name === 'sqlite') expectNoneInFiles(`${name}.db`);
    await sendNow();
    expect(texts).toEqual([{ to: secrets.phone, text: secrets.text }]);
    expect(mails).toEqual([{ to: secrets.email, subject: 'Sign in', text: secrets.body }]);
    const sent = await handle.db.selectFrom('deliveries').selectAll().execute();
    expect(sent.map((r) => [r.state, r.payload, r.payload_key, r.payload_key_id])).toEqual([
      ['sent', null, null, null],
      ['sent', null, null, null],
    ]);
    if (name === 'sqlite') {
      await handle.close();
      handle = undefined;
      expectNoneInFiles(`${name}.db`);
      // The control: the file is readable as bytes, and the masked number is there.
      expect(readFileSync(file).includes('***-***-0177')).toBe(true);
    }
  });

  it('opens what waits under the new master key alone after a rotation', async () => {
    handle = await openTestDatabase(url);
    const old = newDataKey();
    const fresh = newDataKey();
    await queuePending(handle, old);
    const repo = (key: Buffer) => new DeliveryRepository(handle!.db, () => createKeyring(key));
    const [row] = await handle.db.selectFrom('deliveries').select('id').execute();
    // Without the key that wrapped it, a pending payload does not open.
    await expect(repo(fresh).find(row!.id)).rejects.toThrow();
    const rewrapped = await repo(old).rewrapKeys(createKeyring(old), createKeyring(fresh, [old]));
    expect(rewrapped).toBe(2);
    const payloads = await Promise.all(
      (await handle.db.selectFrom('deliveries').select('id').execute()).map(
        async (r) => (await repo(fresh).find(r.id))?.payload,
      ),
    );
    expect(payloads.sort()).toEqual(
      [
        JSON.stringify({ to: secrets.phone, text: secrets.text }),
        JSON.stringify({ to: secrets.email, subject: 'Sign in', text: secrets.body }),
      ].sort(),
    );
    await expect(repo(old).find(row!.id)).rejects.toThrow(/no master key/);
  });
});

function expectNoneInFiles(prefix: string): void {
  const files = readdirSync(dir).filter((f) => f.startsWith(prefix));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    for (const needle of needles)
      expect({ file, needle, found: bytes.includes(needle) }).toEqual({
        file,
        needle,
        found: false,
      });
  }
}
