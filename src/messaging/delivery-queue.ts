/**
 * One queue for every outgoing message, on the jobs table: a delivery is a one-off job
 * (`delivery`, its id) that the job runner runs under a lease, so two processes never send the
 * same message at once. A failure worth another try is retried with backoff (or after the wait
 * the provider asked for); a refusal, or too many attempts, puts the delivery in the dead-letter
 * state an operator reads with `porchlight deliveries list --dead`. The recipient and content
 * live in the payload only while the message waits; logs and lists show a masked recipient.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../platform/clock.js';
import { isRetryable, requestedWait } from '../platform/delivery/failure.js';
import { isPorchlightError, PorchlightError } from '../platform/errors.js';
import { backoffDelay, type BackoffPolicy } from '../platform/jobs/backoff.js';
import type { JobRepository } from '../platform/jobs/job-repository.js';
import type { JobRunner } from '../platform/jobs/job-runner.js';
import type { Job, JobResult } from '../platform/jobs/model.js';
import type { Mailer } from '../platform/mail/mailer.js';
import type { DeliveryRepository, StoredDelivery } from './delivery-repository.js';
import { maskEmail, maskPhone, maskPushEndpoint } from './mask.js';
import type { Channel, DeliveryRequest, DeliverySummary, PushMessage } from './model.js';
import type { PushSender } from './push/push-sender.js';
import type { SmsSender } from './sms/sms-sender.js';

/** The job kind deliveries run as. */
export const deliveryJobKind = 'delivery';
/** The daily job that clears old deliveries away. */
export const sweepJobKind = 'delivery-sweep';
/** How long a sent delivery's masked row stays for the operator's list, in days. */
export const sentRetentionDays = 30;
/** How long a dead letter stays, in days. */
export const deadRetentionDays = 90;

/** The senders this server has; a channel without one refuses new messages. */
export interface DeliveryChannels {
  email?: Mailer;
  sms?: SmsSender;
  push?: PushSender;
}

export interface DeliveryQueueOptions {
  deliveries: DeliveryRepository;
  jobs: JobRepository;
  clock: Clock;
  channels: DeliveryChannels;
  logger?: Logger;
  /** Attempts before a delivery that keeps failing for passing reasons is given up (default 8). */
  maxAttempts?: number;
  /** Waits between attempts (default 30 s doubling to one hour: 8 attempts span about 2 hours). */
  backoff?: BackoffPolicy;
  random?: () => number;
  /** Told when a push subscription is gone for good (410), so its owner can forget it. */
  onPushGone?: (subscription: PushMessage['subscription']) => Promise<void> | void;
}

/** What `enqueue` did: the delivery's id, and false when the key was already queued. */
export interface Enqueued {
  id: string;
  created: boolean;
}

export class DeliveryQueue {
  private runner: JobRunner | undefined;

  constructor(private readonly options: DeliveryQueueOptions) {}

  /**
   * Lets `runner` send deliveries, and try each new one at once (the server does; a test runs
   * `runDue` itself instead).
   */
  attach(runner: JobRunner, options: { sendAtOnce: boolean }): void {
    runner.register(deliveryJobKind, (job) => this.attempt(job));
    runner.register(sweepJobKind, async () => {
      const removed = await this.sweep();
      return { ok: true, outcome: `removed ${removed}` };
    });
    if (options.sendAtOnce) this.runner = runner;
  }

  /**
   * Queues a message. The same idempotency key twice queues (and sends) it once; the key is
   * stored only as a hash, since a caller may build it from an address.
   */
  async enqueue(
    request: DeliveryRequest,
    options: { waitForFirstAttempt?: boolean } = {},
  ): Promise<Enqueued> {
    if (this.options.channels[request.channel] === undefined)
      throw new PorchlightError('PL_DELIVERY_CHANNEL_OFF', channelOff(request.channel));
    const { deliveries, jobs, clock } = this.options;
    const now = clock.now().toISOString();
    const key = hashKey(request.idempotencyKey);
    const id = randomUUID();
    const created = await deliveries.insert({
      id,
      channel: request.channel,
      idempotencyKey: key,
      recipientMask: maskRecipient(request),
      payload: JSON.stringify(request.message),
      now,
    });
    const stored = created ? { id, state: 'pending' } : await deliveries.findByKey(key);
    if (stored === undefined) throw new Error('a delivery vanished while it was queued');
    // Also for a repeated key: a process that stopped between the two writes left no job.
    if (stored.state === 'pending') {
      const job = await jobs.ensure(deliveryJobKind, stored.id, { nextRunAt: now }, now);
      if (created) {
        const attempt = this.sendSoon(job);
        if (options.waitForFirstAttempt === true) await attempt;
      }
    }
    this.options.logger?.info(
      { delivery: stored.id, channel: request.channel, repeated: !created },
      'delivery queued',
    );
    return { id: stored.id, created };
  }

  /** Clears away old deliveries once a day (the server does this when it starts its jobs). */
  async scheduleSweep(): Promise<void> {
    const { jobs, clock } = this.options;
    await jobs.ensureRecurring(sweepJobKind, 86_400, clock.now().toISOString());
  }

  /**
   * Deletes sent deliveries after 30 days and dead letters after 90 (long enough for an operator
   * to notice and ask), with their jobs; returns how many went.
   */
  async sweep(): Promise<number> {
    const now = this.options.clock.now().getTime();
    const day = 86_400_000;
    const ids = await this.options.deliveries.purge(
      new Date(now - sentRetentionDays * day).toISOString(),
      new Date(now - deadRetentionDays * day).toISOString(),
    );
    await this.options.jobs.removeTargets(deliveryJobKind, ids);
    if (ids.length > 0)
      this.options.logger?.info({ removed: ids.length }, 'old deliveries removed');
    return ids.length;
  }

  /** Deliveries newest first, as an operator may see them; only the dead letters with `dead`. */
  list(filter: DeliveryFilter = {}): Promise<DeliverySummary[]> {
    return listDeliveries(this.options.deliveries, filter);
  }

  /** One attempt at one delivery: the job handler. */
  async attempt(job: Job): Promise<JobResult> {
    const { deliveries, clock, logger } = this.options;
    const delivery = await deliveries.find(job.target);
    if (delivery === undefined || delivery.state !== 'pending' || delivery.payload === undefined)
      return { ok: true, outcome: 'nothing_to_send' };
    const attempts = delivery.attempts + 1;
    const log = { delivery: delivery.id, channel: delivery.channel, attempt: attempts };
    try {
      await this.send(delivery);
    } catch (error) {
      const code = isPorchlightError(error) ? error.code : 'PL_INTERNAL';
      const message = error instanceof Error ? error.message : String(error);
      const now = clock.now();
      if (!isPorchlightError(error)) logger?.error({ ...log, err: error }, 'delivery failed');
      if (!isRetryable(error) || attempts >= (this.options.maxAttempts ?? 8)) {
        await deliveries.markDead(delivery.id, attempts, code, now.toISOString());
        logger?.warn({ ...log, code }, 'delivery given up (dead letter)');
        await this.afterDeath(delivery, code);
        return { ok: false, outcome: 'dead', error: { code, message } };
      }
      const wait = Math.max(
        backoffDelay(attempts, this.options.backoff ?? deliveryBackoff, this.options.random),
        requestedWait(error) ?? 0,
      );
      const nextAt = new Date(now.getTime() + wait).toISOString();
      await deliveries.markRetry(delivery.id, attempts, code, nextAt, now.toISOString());
      logger?.warn({ ...log, code, nextAt }, 'delivery failed; will try again');
      return { ok: false, outcome: 'retry', error: { code, message }, runAgainAt: nextAt };
    }
    await deliveries.markSent(delivery.id, attempts, clock.now().toISOString());
    logger?.info(log, 'delivery sent');
    return { ok: true, outcome: 'sent' };
  }

  private async send(delivery: StoredDelivery): Promise<void> {
    const { channels } = this.options;
    const payload: unknown = JSON.parse(delivery.payload!);
    switch (delivery.channel) {
      case 'email':
        return requireChannel(channels.email, 'email').send(payload as never);
      case 'sms':
        await requireChannel(channels.sms, 'sms').send(payload as never);
        return;
      case 'push':
        return requireChannel(channels.push, 'push').send(payload as never);
    }
  }

  private async afterDeath(delivery: StoredDelivery, code: string): Promise<void> {
    if (code !== 'PL_PUSH_GONE' || this.options.onPushGone === undefined) return;
    const message = JSON.parse(delivery.payload!) as PushMessage;
    try {
      await this.options.onPushGone(message.subscription);
    } catch (error) {
      this.options.logger?.error(
        { delivery: delivery.id, err: error },
        'forgetting a push subscription failed',
      );
    }
  }

  /**
   * Tries a new delivery now rather than at the runner's next look; the promise settles when
   * that attempt is over, and never rejects (a failed attempt is the queue's to retry).
   */
  private sendSoon(job: Job): Promise<void> {
    const runner = this.runner;
    if (runner === undefined) return Promise.resolve();
    return runner.runNow(job).then(
      () => undefined,
      (error: unknown) => {
        this.options.logger?.error({ delivery: job.target, err: error }, 'delivery attempt failed');
      },
    );
  }
}

export interface DeliveryFilter {
  /** Only the dead letters. */
  dead?: boolean;
  /** Most deliveries listed (default 100). */
  limit?: number;
}

/** Deliveries newest first, masked (`porchlight deliveries list`). */
export function listDeliveries(
  deliveries: DeliveryRepository,
  filter: DeliveryFilter = {},
): Promise<DeliverySummary[]> {
  return deliveries.list({
    ...(filter.dead === true ? { state: 'dead' } : {}),
    limit: filter.limit ?? 100,
  });
}

/** 30 s, 1 min, 2 min ... up to an hour between attempts. */
export const deliveryBackoff: BackoffPolicy = { baseMs: 30_000, capMs: 3_600_000 };

function requireChannel<T>(sender: T | undefined, channel: Channel): T {
  // A channel switched off after messages were queued: give them up rather than wait forever.
  if (sender === undefined)
    throw new PorchlightError('PL_DELIVERY_CHANNEL_OFF', channelOff(channel), {
      retryable: false,
    });
  return sender;
}

function channelOff(channel: Channel): string {
  const setting = { email: 'mail', sms: 'a text provider', push: 'push keys' }[channel];
  return `This server cannot send ${channel} messages: it has no ${setting} set up.`;
}

function maskRecipient(request: DeliveryRequest): string {
  switch (request.channel) {
    case 'email':
      return maskEmail(request.message.to);
    case 'sms':
      return maskPhone(request.message.to);
    case 'push':
      return maskPushEndpoint(request.message.subscription.endpoint);
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
