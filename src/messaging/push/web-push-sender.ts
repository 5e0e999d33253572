/**
 * Web push with the `web-push` package: the payload is encrypted for the subscription
 * (aes128gcm) and the request signed with this server's VAPID keys. A 404 or 410 means the
 * subscription is gone (PL_PUSH_GONE, which the queue reports to its owner); 429 and 5xx are
 * tried again, after the wait the service asked for; other 4xx refuse the message for good.
 */
import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { Clock } from '../../platform/clock.js';
import { deliveryFailure } from '../../platform/delivery/failure.js';
import type { PorchlightError } from '../../platform/errors.js';
import type { PushMessage } from '../model.js';
import { retryAfter } from '../sms/provider-http.js';
import type { PushSender } from './push-sender.js';
import type { VapidKeys } from './vapid-keys.js';

export interface WebPushOptions {
  keys: VapidKeys;
  /** How a push service reaches the operator: an https URL or a `mailto:` address. */
  subject: string;
  clock: Clock;
  /** How long one request may take (default 10 s). */
  timeoutMs?: number;
  /** The HTTPS agent (a test trusts its own push service's certificate through it). */
  agent?: Agent;
}

export class WebPushSender implements PushSender {
  constructor(private readonly options: WebPushOptions) {}

  async send(message: PushMessage): Promise<void> {
    const { keys, subject } = this.options;
    if (!message.subscription.endpoint.startsWith('https://'))
      throw deliveryFailure('PL_DELIVERY_INVALID', 'A push endpoint must be an https URL.', {
        retryable: false,
      });
    try {
      await webpush.sendNotification(message.subscription, message.payload, {
        vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        TTL: message.ttlSeconds ?? 86_400,
        contentEncoding: 'aes128gcm',
        timeout: this.options.timeoutMs ?? 10_000,
        ...(this.options.agent !== undefined ? { agent: this.options.agent } : {}),
      });
    } catch (error) {
      throw this.classify(error);
    }
  }

  private classify(error: unknown): PorchlightError {
    if (!(error instanceof webpush.WebPushError))
      return deliveryFailure(
        'PL_PUSH_UNAVAILABLE',
        'The push service could not be reached or did not answer in time.',
        { retryable: true },
      );
    const status = error.statusCode;
    const said = `it answered ${status}`;
    if (status === 404 || status === 410)
      return deliveryFailure('PL_PUSH_GONE', `The push subscription is gone (${said}).`, {
        retryable: false,
      });
    if (status === 401 || status === 403)
      return deliveryFailure(
        'PL_PUSH_AUTH_FAILED',
        `The push service refused our VAPID keys (${said}).`,
        {
          retryable: true,
        },
      );
    if (status === 429 || status >= 500) {
      const header = error.headers['retry-after'];
      const wait = retryAfter(typeof header === 'string' ? header : null, this.options.clock);
      return deliveryFailure(
        'PL_PUSH_UNAVAILABLE',
        `The push service could not take it now (${said}).`,
        {
          retryable: true,
          ...(wait !== undefined ? { retryAfterMs: wait } : {}),
        },
      );
    }
    return deliveryFailure(
      'PL_PUSH_REJECTED',
      `The push service refused the notification (${said}).`,
      {
        retryable: false,
      },
    );
  }
}
