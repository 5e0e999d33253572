/**
 * The master key and what it does: wrap and unwrap data keys, and derive purpose keys (the blind
 * index of a center). It never reaches the database: it comes from PORCHLIGHT_MASTER_KEY
 * (base64, 32 bytes) or a key file, and only the key's id (a hash prefix) is stored beside what
 * it wrapped, so rotation can tell which key a wrapped data key needs.
 */
import { createHash, hkdfSync } from 'node:crypto';
import { KEY_BYTES, open, seal } from './envelope.js';

/** The port services use to wrap data keys and derive purpose keys. */
export interface Keyring {
  /** The id of the key new data keys are wrapped with. */
  readonly keyId: string;
  /** Wraps a data key for the record named by `context`. */
  wrapKey(dataKey: Buffer, context: string): { wrapped: string; keyId: string };
  /** Unwraps a data key; throws when the key id is unknown or the bytes were altered. */
  unwrapKey(wrapped: string, keyId: string, context: string): Buffer;
  /** A 256-bit key for one purpose (HKDF-SHA-256 of the master key). */
  deriveKey(purpose: string): Buffer;
}

/** The id a master key is known by: the first 16 hex digits of its SHA-256. */
export function masterKeyId(master: Buffer): string {
  return createHash('sha256').update(master).digest('hex').slice(0, 16);
}

/** Reads a master key from its text form (base64 or base64url of 32 bytes, or 64 hex digits). */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64');
  if (key.length !== KEY_BYTES)
    throw new Error(`a master key must be ${KEY_BYTES} bytes (base64 or hex); this one is not`);
  return key;
}

/**
 * A keyring over the current master key and, during a rotation, the previous ones (to unwrap
 * what they wrapped until it is rewrapped).
 */
export function createKeyring(current: Buffer, previous: readonly Buffer[] = []): Keyring {
  const keys = new Map<string, Buffer>();
  for (const key of [current, ...previous]) keys.set(masterKeyId(key), key);
  const keyId = masterKeyId(current);
  return {
    keyId,
    wrapKey: (dataKey, context) => ({ wrapped: seal(current, dataKey, `key:${context}`), keyId }),
    unwrapKey: (wrapped, id, context) => {
      const master = keys.get(id);
      if (master === undefined) throw new Error(`no master key with id ${id} is loaded`);
      return open(master, wrapped, `key:${context}`);
    },
    deriveKey: (purpose) =>
      Buffer.from(hkdfSync('sha256', current, Buffer.alloc(0), `porchlight:${purpose}`, KEY_BYTES)),
  };
}
