import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import { manualClock } from '../../test/support/manual-clock.js';
import { manualTimers } from '../../test/support/manual-timers.js';
import { startSmtpServer } from '../../test/support/smtp-server.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { deliveryFailure } from '../platform/delivery/failure.js';
import { PorchlightError } from '../platform/errors.js';
import { JobRepository } from '../platform/jobs/job-repository.js';
import { JobRunner } from '../platform/jobs/job-runner.js';
import type { MailMessage } from '../platform/mail/mailer.js';
import { SmtpMailer } from '../platform/mail/smtp-mailer.js';
import { DeliveryRepository } from './delivery-repository.js';
import { DeliveryQueue, type DeliveryChannels } from './delivery-queue.js';
import type { TextMessage } from './model.js';
import { newDataKey } from '../platform/crypto/envelope.js';
import { createKeyring } from '../platform/crypto/keyring.js';

/** The master key that seals pending deliveries in these tests. */
const keyring = createKeyring(newDataKey());

describe.each(testDialects)('the delivery queue on $name', ({ url }) => {
  let handle: DatabaseHandle;
  const clock = manualClock('2026-12-07T10:00:00.000Z');
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    clock.set('2026-12-07T10:00:00.000Z');
  });
  afterEach(async () => {
    while (closers.length > 0) await closers.pop()!();
    await handle.close();
  });

  function setUp(channels: DeliveryChannels, maxAttempts = 4) {
    const lines: string[] = [];
    const jobs = new JobRepository(handle.db);
    const queue = new DeliveryQueue({
      deliveries: new DeliveryRepository(handle.db, () => keyring),
      jobs,
      clock,
      channels,
      maxAttempts,
      backoff: { baseMs: 60_000, capMs: 600_000 },
      random: () => 0.5,
      logger: pino({ level: 'info' }, { write: (line: string) => lines.push(line) }),
    });
    const runner = new JobRunner({ jobs, clock, owner: 'test', timers: manualTimers(clock) });
    queue.attach(runner, { sendAtOnce: false });
    return { queue, runner, lines, jobs };
  }

  /** A text sender that answers as told, one answer per attempt, and records what it sent. */
  function texts(...answers: (Error | undefined)[]) {
    const sent: TextMessage[] = [];
    return {
      sent,
      sender: {
        send: (message: TextMessage) => {
          const answer = answers.shift();
          if (answer !== undefined) return Promise.reject(answer);
          sent.push(message);
          return Promise.resolve({ providerId: `SM${sent.length}` });
        },
      },
    };
  }

  it('sends an email through a real SMTP server, then forgets the address and the content', async () => {
    const smtp = await startSmtpServer();
    closers.push(() => smtp.close());
    const mailer = new SmtpMailer({
      url: `smtp://localhost:${smtp.port}`,
      from: 'no-reply@meetings.example.org',
      ca: smtp.ca,
    });
    closers.push(() => mailer.close());
    const { queue, runner, lines } = setUp({ email: mailer });
    const message: MailMessage = { to: 'sam@example.org', subject: 'Hello', text: 'Body' };
    const { id } = await queue.enqueue({ channel: 'email', idempotencyKey: 'k1', message });
    expect(await runner.runDue()).toHaveLength(1);
    expect(smtp.received.map((m) => m.to)).toEqual([['sam@example.org']]);
    expect(await queue.list()).toEqual([
      expect.objectContaining({ id, channel: 'email', recipient: 's***@e***', state: 'sent' }),
    ]);
    const row = await handle.db
      .selectFrom('deliveries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.payload).toBeNull();
    expect(JSON.stringify(row)).not.toContain('sam@example.org');
    expect(row.idempotency_key).not.toBe('k1');
    expect(lines.join('\n')).not.toMatch(/sam@example\.org|Hello|Body/);
  });

  it('sends a message once however often the same key is queued', async () => {
    const { sender, sent } = texts();
    const { queue, runner } = setUp({ sms: sender });
    const message = { to: '+14135550123', text: 'Your ride is at 6:40' };
    const first = await queue.enqueue({ channel: 'sms', idempotencyKey: 'ride-7', message });
    const again = await queue.enqueue({ channel: 'sms', idempotencyKey: 'ride-7', message });
    expect(again).toEqual({ id: first.id, created: false });
    await runner.runDue();
    const after = await queue.enqueue({ channel: 'sms', idempotencyKey: 'ride-7', message });
    expect(after.created).toBe(false);
    await runner.runDue();
    expect(sent).toHaveLength(1);
    expect(await queue.list()).toHaveLength(1);
  });

  it('retries a passing failure with backoff, honouring a requested wait, until it goes through', async () => {
    const busy = deliveryFailure('PL_MAIL_UNAVAILABLE', 'busy', { retryable: true });
    const slowDown = deliveryFailure('PL_MAIL_UNAVAILABLE', 'slow down', {
      retryable: true,
      retryAfterMs: 20 * 60_000,
    });
    const { sender, sent } = texts(busy, slowDown);
    const { queue, runner } = setUp({ sms: sender });
    await queue.enqueue({
      channel: 'sms',
      idempotencyKey: 'a',
      message: { to: '+14135550123', text: 'x' },
    });
    await runner.runDue();
    let [d] = await queue.list();
    // Half fixed, half jitter (0.5): 45 s after the first failure.
    expect(d).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastErrorCode: 'PL_MAIL_UNAVAILABLE',
      nextAttemptAt: '2026-12-07T10:00:45.000Z',
    });
    clock.advance(44_000);
    expect(await runner.runDue()).toEqual([]);
    clock.advance(1_000);
    await runner.runDue();
    [d] = await queue.list();
    // The provider asked for 20 minutes, longer than the backoff's 90 s.
    expect(d?.nextAttemptAt).toBe('2026-12-07T10:20:45.000Z');
    clock.advance(20 * 60_000);
    await runner.runDue();
    expect(sent).toHaveLength(1);
    [d] = await queue.list();
    expect(d).toMatchObject({ state: 'sent', attempts: 3 });
    expect(d?.lastErrorCode).toBeUndefined();
  });

  it('puts a refused message in the dead letters at once, and one that keeps failing after the last attempt', async () => {
    const refused = deliveryFailure('PL_DELIVERY_INVALID', 'bad number', { retryable: false });
    const down = () => deliveryFailure('PL_MAIL_UNAVAILABLE', 'down', { retryable: true });
    const { sender } = texts(refused, down(), down(), down(), down());
    const { queue, runner, jobs } = setUp({ sms: sender }, 4);
    const message = { to: '+14135550123', text: 'x' };
    const bad = await queue.enqueue({ channel: 'sms', idempotencyKey: 'bad', message });
    await runner.runDue();
    const flaky = await queue.enqueue({ channel: 'sms', idempotencyKey: 'flaky', message });
    for (let i = 0; i < 6; i++) {
      await runner.runDue();
      clock.advance(3_600_000);
    }
    const dead = await queue.list({ dead: true });
    expect(dead.map((d) => [d.id, d.attempts, d.lastErrorCode]).sort()).toEqual(
      [
        [bad.id, 1, 'PL_DELIVERY_INVALID'],
        [flaky.id, 4, 'PL_MAIL_UNAVAILABLE'],
      ].sort(),
    );
    // Dead letters keep no payload and are never due again.
    const rows = await handle.db.selectFrom('deliveries').select('payload').execute();
    expect(rows.every((r) => r.payload === null)).toBe(true);
    expect(await jobs.due('2030-01-01T00:00:00.000Z', 10)).toEqual([]);
  });

  it('refuses a message for a channel this server has no sender for', async () => {
    const { queue } = setUp({});
    const error = await queue
      .enqueue({ channel: 'sms', idempotencyKey: 'x', message: { to: '+14135550123', text: 'x' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PorchlightError);
    expect((error as PorchlightError).code).toBe('PL_DELIVERY_CHANNEL_OFF');
  });

  it('tells the owner of a push subscription that is gone, and gives its message up', async () => {
    const gone: string[] = [];
    const jobs = new JobRepository(handle.db);
    const queue = new DeliveryQueue({
      deliveries: new DeliveryRepository(handle.db, () => keyring),
      jobs,
      clock,
      channels: {
        push: {
          send: () =>
            Promise.reject(deliveryFailure('PL_DELIVERY_INVALID', 'gone', { retryable: false })),
        },
      },
      onPushGone: (s) => {
        gone.push(s.endpoint);
      },
    });
    const runner = new JobRunner({ jobs, clock, owner: 't', timers: manualTimers(clock) });
    queue.attach(runner, { sendAtOnce: false });
    const subscription = {
      endpoint: 'https://push.example.net/send/abc',
      keys: { p256dh: 'p', auth: 'a' },
    };
    await queue.enqueue({
      channel: 'push',
      idempotencyKey: 'p',
      message: { subscription, payload: '{}' },
    });
    await runner.runDue();
    // Only a 410 (PL_PUSH_GONE) means the subscription is gone; another refusal does not.
    expect(gone).toEqual([]);
    expect((await queue.list({ dead: true }))[0]?.recipient).toBe('push:push.example.net');
  });
});

describe.each(testDialects)('clearing old deliveries away on $name', ({ url }) => {
  let handle: DatabaseHandle;
  const clock = manualClock('2026-12-07T10:00:00.000Z');
  beforeEach(async () => {
    handle = await openTestDatabase(url);
    clock.set('2026-12-07T10:00:00.000Z');
  });
  afterEach(async () => handle.close());

  it('removes sent deliveries after 30 days and dead letters after 90, with their jobs, daily', async () => {
    const jobs = new JobRepository(handle.db);
    const queue = new DeliveryQueue({
      deliveries: new DeliveryRepository(handle.db, () => keyring),
      jobs,
      clock,
      channels: {
        sms: {
          send: (m: TextMessage) =>
            m.text === 'refuse'
              ? Promise.reject(deliveryFailure('PL_SMS_REJECTED', 'no', { retryable: false }))
              : Promise.resolve({}),
        },
      },
    });
    const runner = new JobRunner({ jobs, clock, owner: 't', timers: manualTimers(clock) });
    queue.attach(runner, { sendAtOnce: false });
    const to = '+14135550123';
    await queue.enqueue({ channel: 'sms', idempotencyKey: 'sent', message: { to, text: 'ok' } });
    await queue.enqueue({
      channel: 'sms',
      idempotencyKey: 'dead',
      message: { to, text: 'refuse' },
    });
    await runner.runDue();
    await queue.scheduleSweep();
    await queue.scheduleSweep();
    clock.advance(31 * 86_400_000);
    await queue.enqueue({ channel: 'sms', idempotencyKey: 'new', message: { to, text: 'ok' } });
    await runner.runDue();
    expect((await queue.list()).map((d) => d.state).sort()).toEqual(['dead', 'sent']);
    expect(await jobs.find('delivery-sweep', 'all')).toMatchObject({ lastOutcome: 'removed 1' });
    // Day 91: the dead letter is past 90 days, the newer sent message past 30.
    clock.advance(60 * 86_400_000);
    await runner.runDue();
    expect(await queue.list()).toEqual([]);
    const left = await handle.db
      .selectFrom('jobs')
      .select('kind')
      .where('kind', '=', 'delivery')
      .execute();
    expect(left).toEqual([]);
  });
});
