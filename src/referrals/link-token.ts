/**
 * The receiving organization's link: `<referral id>.<expiry, epoch seconds>.<signature>`, the
 * signature an HMAC-SHA-256 under the referral's own link secret (decision 0137): 32 random
 * bytes sealed under the member's data key, so a master-key rotation (which rewraps that key)
 * leaves every link sent working, and erasing the member ends it. No account is needed; an
 * altered or expired link verifies as nothing (a 404 for the caller).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../platform/crypto/keyring.js';

/** How long a link works (the consent may end sooner: that answers 410, not 404). */
export const LINK_LIFETIME_SECONDS = 60 * 86_400;

/**
 * What a referral's sealed link secret holds: its own key, or, for a referral made before link
 * secrets existed, the signature its link was sent with (kept at the rotation that retired the
 * key it was made under).
 */
export type LinkSecret = { key: string } | { signature: string; expires: number };

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** A new referral's link secret. */
export function newLinkSecret(): LinkSecret {
  return { key: randomBytes(32).toString('base64url') };
}

/** The key links were signed with before each referral had its own (derived from the master). */
export function legacyLinkKey(keyring: Keyring): Buffer {
  return keyring.deriveKey('referral-link');
}

/** When the link of a referral made at `createdAt` stops working (epoch seconds). */
export function linkExpiry(createdAt: string): number {
  return Math.floor(Date.parse(createdAt) / 1000) + LINK_LIFETIME_SECONDS;
}

export function signReferralLink(key: Buffer, referralId: string, expiresAt: number): string {
  const payload = `${referralId}.${expiresAt}`;
  return `${payload}.${sign(key, payload)}`;
}

/** The link of a referral under its secret (a legacy secret holds the signature itself). */
export function linkWithSecret(secret: LinkSecret, referralId: string, createdAt: string): string {
  const expires = linkExpiry(createdAt);
  return 'key' in secret
    ? signReferralLink(Buffer.from(secret.key, 'base64url'), referralId, expires)
    : `${referralId}.${secret.expires}.${secret.signature}`;
}

/** A link's parts, if it is well formed and not expired at `now` (epoch ms); not yet verified. */
export interface LinkParts {
  id: string;
  expires: number;
  signature: string;
}

export function readReferralLink(token: string, now: number): LinkParts | undefined {
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (match === null) return undefined;
  const [, id, expires, signature] = match as unknown as [string, string, string, string];
  if (Number(expires) * 1000 <= now) return undefined;
  return { id, expires: Number(expires), signature };
}

/** True when the link's signature is the one its secret (or the legacy key) gives. */
export function linkSignedWith(parts: LinkParts, secret: LinkSecret | Buffer): boolean {
  // A kept signature covers its own expiry only: a link with another one is not that link.
  if (!Buffer.isBuffer(secret) && 'signature' in secret && secret.expires !== parts.expires)
    return false;
  const expected = Buffer.from(
    Buffer.isBuffer(secret)
      ? sign(secret, `${parts.id}.${parts.expires}`)
      : 'key' in secret
        ? sign(Buffer.from(secret.key, 'base64url'), `${parts.id}.${parts.expires}`)
        : secret.signature,
  );
  const given = Buffer.from(parts.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
