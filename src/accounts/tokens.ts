/**
 * Secrets handed to a browser or a mailbox (session cookies, sign-in links): 32 random bytes,
 * shown once, and kept only as their SHA-256, so a copy of the database signs nobody in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when a string has the shape of one of our tokens (cheap check before any lookup). */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A stable, non-reversible label for an email in logs and rate-limit keys (never the address). */
export function emailFingerprint(normalizedEmail: string): string {
  return createHash('sha256')
    .update(`porchlight-email:${normalizedEmail}`)
    .digest('hex')
    .slice(0, 16);
}
