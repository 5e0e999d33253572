/**
 * Authenticated encryption of small records with AES-256-GCM from `node:crypto`. A sealed value
 * is text (`v1.<iv>.<ciphertext+tag>`, base64url) so it fits a text column in every dialect.
 * The context (which record, which field) is bound as additional data: a ciphertext copied to
 * another row or column fails to open instead of reading as someone else's value.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Every key here is 256 bits. */
export const KEY_BYTES = 32;

/** A fresh random 256-bit key. */
export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Encrypts `plaintext` under `key`, bound to `context`. */
export function seal(key: Buffer, plaintext: Buffer | string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([
    cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** Decrypts a sealed value; throws when the key, the context or the bytes are not the ones sealed. */
export function open(key: Buffer, sealed: string, context: string): Buffer {
  const [version, ivText, bodyText] = sealed.split('.');
  if (version !== VERSION || ivText === undefined || bodyText === undefined)
    throw new Error('not a sealed value');
  const iv = Buffer.from(ivText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(body.subarray(0, body.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

/** Seals a JSON value. */
export function sealJson(key: Buffer, value: unknown, context: string): string {
  return seal(key, JSON.stringify(value), context);
}

/** Opens a value sealed by `sealJson`. */
export function openJson<T>(key: Buffer, sealed: string, context: string): T {
  return JSON.parse(open(key, sealed, context).toString('utf8')) as T;
}
