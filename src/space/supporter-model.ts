/**
 * Supporters of the personal space (decision 0114): someone a person invites with a link (a
 * sponsor, a buddy, a peer coach), who chooses how to be reached and confirms it, and who then
 * receives only the words the person chose, when the person asks for help. Plain data and rules.
 */
import type { PushSubscriptionJson } from '../messaging/model.js';
import type { Locale } from '../web/i18n/locales.js';

/** How a supporter is reached. */
export const supporterChannels = ['email', 'sms', 'push'] as const;
export type SupporterChannel = (typeof supporterChannels)[number];

/**
 * `invited`: the link was made, nobody answered yet; `confirming`: the supporter gave an address
 * or a number and was sent a code to prove it is theirs; `active`: they can be reached.
 */
export type SupporterState = 'invited' | 'confirming' | 'active';

/** The contact a supporter gave, as the channel needs it. */
export type SupporterContact =
  | { channel: 'email'; email: string }
  | { channel: 'sms'; phone: string }
  | { channel: 'push'; subscription: PushSubscriptionJson };

/** What is sealed of a supporter: the contact, and the secret of their own page's link. */
export interface SupporterSecrets {
  contact: SupporterContact;
  /** Put in every message, so the supporter can always stop. */
  manage: string;
}

/** A supporter row as the service sees it (the secrets opened only when needed). */
export interface StoredSupporter {
  id: string;
  tokenHash: string;
  state: SupporterState;
  channel?: SupporterChannel;
  locale?: Locale;
  codeHash?: string;
  codeAttempts: number;
  codesSent: number;
  inviteExpiresAt: string;
  alertWindowAt?: string;
  alertsInWindow: number;
  createdAt: string;
}

/** What the person's device may learn of a supporter: never the contact. */
export interface SupporterStatus {
  state: SupporterState;
  channel?: SupporterChannel;
  /** Until when an invitation not yet answered can be. */
  inviteExpiresAt?: string;
}

/** How long an invitation link works before it is forgotten. */
export const INVITE_DAYS = 14;
/** Wrong codes allowed before the supporter must give their contact again. */
export const MAX_CODE_ATTEMPTS = 5;
/** Codes sent for one invitation: a few mistyped addresses, not a way to message strangers. */
export const MAX_CODES_SENT = 3;
/** Messages a supporter receives at most per window, whatever the person's device asks. */
export const MAX_ALERTS_PER_WINDOW = 3;
export const ALERT_WINDOW_MS = 60 * 60_000;
/** The longest message a person may send their supporters (it must fit a text with our words). */
export const MAX_ALERT_TEXT = 300;

/**
 * The person's words as they will be sent: one line, no control characters, at most
 * {@link MAX_ALERT_TEXT} characters; undefined when nothing is left.
 */
export function cleanAlertText(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const line = text
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (line === '') return undefined;
  return line.slice(0, MAX_ALERT_TEXT);
}

/**
 * Whether a supporter may be sent one more message at `now`: at most
 * {@link MAX_ALERTS_PER_WINDOW} in a window that opens with the first message of it. Returns the
 * window to store after sending, or undefined when the supporter has had enough for now.
 */
export function nextAlertWindow(
  supporter: Pick<StoredSupporter, 'alertWindowAt' | 'alertsInWindow'>,
  now: Date,
): { at: string; count: number } | undefined {
  const opened = supporter.alertWindowAt === undefined ? NaN : Date.parse(supporter.alertWindowAt);
  if (Number.isNaN(opened) || now.getTime() - opened >= ALERT_WINDOW_MS)
    return { at: now.toISOString(), count: 1 };
  if (supporter.alertsInWindow >= MAX_ALERTS_PER_WINDOW) return undefined;
  return { at: supporter.alertWindowAt!, count: supporter.alertsInWindow + 1 };
}
