/** What the delivery queue carries: one message for one recipient over one channel. */
import type { MailMessage } from '../platform/mail/mailer.js';

export const channels = ['email', 'sms', 'push'] as const;
export type Channel = (typeof channels)[number];

/** A browser's push subscription, as `PushSubscription.toJSON()` gives it. */
export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** A text message; `to` in E.164 (`+14135550123`). */
export interface TextMessage {
  to: string;
  text: string;
}

/** A push notification: the subscription it goes to and the (small) JSON text it carries. */
export interface PushMessage {
  subscription: PushSubscriptionJson;
  /** What the service worker receives; under 3 KB, since push services cap a message at 4 KB. */
  payload: string;
  /** How long the push service keeps it for an offline device, in seconds (default one day). */
  ttlSeconds?: number;
}

/** A message to send, with the sender's name for it: the same key twice sends once. */
export type DeliveryRequest = { idempotencyKey: string } & (
  | { channel: 'email'; message: MailMessage }
  | { channel: 'sms'; message: TextMessage }
  | { channel: 'push'; message: PushMessage }
);

export type DeliveryState = 'pending' | 'sent' | 'dead';

/** What an operator may see of a delivery: never the recipient in full, never the content. */
export interface DeliverySummary {
  id: string;
  channel: Channel;
  /** `j***@e***`, `***-***-1234`, `push:fcm.googleapis.com`. */
  recipient: string;
  state: DeliveryState;
  attempts: number;
  lastErrorCode?: string;
  createdAt: string;
  updatedAt: string;
  /** When a pending delivery is tried next. */
  nextAttemptAt?: string;
}
