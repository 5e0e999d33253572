import { createHmac } from 'node:crypto';
import { open, seal } from '../platform/crypto/envelope.js';
import type { Keyring } from '../platform/crypto/keyring.js';

/**
 * The two keys behind a person's stored email (migration 0012): one seals the address
 * (AES-256-GCM, bound to the person's id, so a sealed address cannot be moved to another row),
 * the other makes its blind index (HMAC-SHA-256 of the normalized address), which finds the
 * person at sign-in without the address in the database. Both are derived from the master key.
 */
export interface EmailKeys {
  index(email: string): string;
  seal(personId: string, email: string): string;
  open(personId: string, sealed: string): string;
}

export function emailKeys(keyring: Keyring): EmailKeys {
  const indexKey = keyring.deriveKey('person-email-index');
  const sealKey = keyring.deriveKey('person-email');
  const context = (personId: string) => `person-email:${personId}`;
  return {
    index: (email) =>
      createHmac('sha256', indexKey).update(email.trim().toLowerCase(), 'utf8').digest('base64url'),
    seal: (personId, email) => seal(sealKey, email, context(personId)),
    open: (personId, sealed) => open(sealKey, sealed, context(personId)).toString('utf8'),
  };
}
