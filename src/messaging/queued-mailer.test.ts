import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import { manualClock } from '../../test/support/manual-clock.js';
import { manualTimers } from '../../test/support/manual-timers.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { deliveryFailure } from '../platform/delivery/failure.js';
import { JobRepository } from '../platform/jobs/job-repository.js';
import { JobRunner } from '../platform/jobs/job-runner.js';
import type { MailMessage } from '../platform/mail/mailer.js';
import { DeliveryRepository } from './delivery-repository.js';
import { DeliveryQueue } from './delivery-queue.js';
import { QueuedMailer } from './queued-mailer.js';
import { newDataKey } from '../platform/crypto/envelope.js';
import { createKeyring } from '../platform/crypto/keyring.js';

/** The master key that seals pending deliveries in these tests. */
const keyring = createKeyring(newDataKey());

describe.each(testDialects)('mail through the queue on $name', ({ url }) => {
  let handle: DatabaseHandle;
  const clock = manualClock('2026-12-07T10:00:00.000Z');
  beforeEach(async () => {
    handle = await openTestDatabase(url);
    clock.set('2026-12-07T10:00:00.000Z');
  });
  afterEach(async () => handle.close());

  it('has sent the mail when send resolves, and retries a failed first attempt instead of failing the caller', async () => {
    const outbox: MailMessage[] = [];
    let down = false;
    const jobs = new JobRepository(handle.db);
    const queue = new DeliveryQueue({
      deliveries: new DeliveryRepository(handle.db, () => keyring),
      jobs,
      clock,
      random: () => 0.5,
      channels: {
        email: {
          send: (m) => {
            if (down)
              return Promise.reject(
                deliveryFailure('PL_MAIL_UNAVAILABLE', 'down', { retryable: true }),
              );
            outbox.push(m);
            return Promise.resolve();
          },
        },
      },
    });
    const runner = new JobRunner({ jobs, clock, owner: 't', timers: manualTimers(clock) });
    queue.attach(runner, { sendAtOnce: true });
    const mailer = new QueuedMailer(queue);

    await mailer.send({ to: 'sam@example.org', subject: 'Sign in', text: 'link' });
    expect(outbox.map((m) => m.subject)).toEqual(['Sign in']);

    down = true;
    await mailer.send({ to: 'sam@example.org', subject: 'Notice', text: 'x' });
    expect(outbox).toHaveLength(1);
    down = false;
    clock.advance(60_000);
    await runner.runDue();
    expect(outbox.map((m) => m.subject)).toEqual(['Sign in', 'Notice']);
    expect((await queue.list()).map((d) => [d.state, d.attempts]).sort()).toEqual([
      ['sent', 1],
      ['sent', 2],
    ]);
  });
});
