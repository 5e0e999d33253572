/**
 * The Mailer port over the delivery queue: code that sends mail (sign-in links, editor notices)
 * keeps calling `send`, and its mail is retried with backoff and dead-lettered like every other
 * delivery. `send` resolves once the message is queued and its first attempt is over, so the
 * mail has usually left when the request that caused it is answered; a failed attempt is the
 * queue's to retry, not the caller's error.
 */
import { randomUUID } from 'node:crypto';
import type { MailMessage, Mailer } from '../platform/mail/mailer.js';
import type { DeliveryQueue } from './delivery-queue.js';

export class QueuedMailer implements Mailer {
  constructor(private readonly queue: Pick<DeliveryQueue, 'enqueue'>) {}

  async send(message: MailMessage): Promise<void> {
    // Each call is one message, as with a direct mailer: a fresh key per call.
    await this.queue.enqueue(
      { channel: 'email', idempotencyKey: `mail:${randomUUID()}`, message },
      { waitForFirstAttempt: true },
    );
  }
}
