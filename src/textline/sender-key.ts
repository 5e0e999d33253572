/**
 * Who texted, as the line may remember it: a keyed hash (HMAC-SHA-256) of the number, under a
 * key derived from the operator's master key. The same number always gives the same key (so
 * STOP is remembered and MORE finds the last search), but the number cannot be read back, nor
 * found by hashing every possible number without the master key.
 */
import { createHmac } from 'node:crypto';

/** Turns a sender's number into the key the line keeps; the number itself is never kept. */
export type SenderKey = (from: string) => string;

/** The sender key under `key` (derive it with `keyring.deriveKey('textline-sender')`). */
export function senderKey(key: Buffer): SenderKey {
  return (from) =>
    createHmac('sha256', key).update(canonicalNumber(from), 'utf8').digest('base64url');
}

/** A number with its spacing and punctuation gone, so `+1 (413) 555-0123` is `+14135550123`. */
function canonicalNumber(from: string): string {
  const trimmed = from.trim();
  return /^[+\d\s().-]+$/.test(trimmed) ? trimmed.replace(/[\s().-]/g, '') : trimmed;
}

/** A sender key whose key is derived on first use (the master key loads lazily). */
export function lazySenderKey(deriveKey: () => Buffer): SenderKey {
  let key: SenderKey | undefined;
  return (from) => (key ??= senderKey(deriveKey()))(from);
}
