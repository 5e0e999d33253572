/**
 * The receiving organization's link: `<referral id>.<expiry, epoch seconds>.<signature>`, the
 * signature an HMAC-SHA-256 under a key derived from the master key for this purpose alone.
 * No account is needed; an altered or expired link verifies as nothing (a 404 for the caller).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../platform/crypto/keyring.js';

/** How long a link works (the consent may end sooner: that answers 410, not 404). */
export const LINK_LIFETIME_SECONDS = 60 * 86_400;

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

export function linkKey(keyring: Keyring): Buffer {
  return keyring.deriveKey('referral-link');
}

export function signReferralLink(key: Buffer, referralId: string, expiresAt: number): string {
  const payload = `${referralId}.${expiresAt}`;
  return `${payload}.${sign(key, payload)}`;
}

/** The referral id a link names, if the link is intact and not expired at `now` (epoch ms). */
export function verifyReferralLink(key: Buffer, token: string, now: number): string | undefined {
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (match === null) return undefined;
  const [, id, expires, signature] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(sign(key, `${id}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  if (Number(expires) * 1000 <= now) return undefined;
  return id;
}
