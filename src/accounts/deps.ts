import type { Clock } from '../platform/clock.js';
import type { Mailer } from '../platform/mail/mailer.js';
import type { Repositories } from '../repositories.js';

/** What account services are handed: storage, time, mail, and the site's public address. */
export interface AccountDeps {
  repos: Repositories;
  clock: Clock;
  mailer: Mailer;
  /** The address people reach the site at: the origin and relying-party id of passkeys. */
  publicUrl: string;
}

/** How long things live. */
export const lifetimes = {
  signInLinkMs: 15 * 60_000,
  sessionMs: 30 * 24 * 3600_000,
  /** A session unused this long ends even before it expires. */
  sessionIdleMs: 14 * 24 * 3600_000,
  /** Last-seen is written at most this often, so reading pages does not write on every request. */
  sessionTouchMs: 5 * 60_000,
  challengeMs: 5 * 60_000,
} as const;

/** An instant `ms` after `from`, as ISO text. */
export function later(from: Date, ms: number): string {
  return new Date(from.getTime() + ms).toISOString();
}
