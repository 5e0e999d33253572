/**
 * The sync's keys and sealing (decision 0113), all in WebCrypto on the device: from a secret
 * (a recovery phrase's entropy, see phrase.ts) HKDF derives the account id, the access token
 * and the AES-GCM key. A sealed blob is `nonce || ciphertext`, bound to its account.
 */

/** What a device keeps to sync: the account, its token, and a key it cannot export. */
export interface SyncKeys {
  account: string;
  token: string;
  key: CryptoKey;
}

const encode = (text: string) => new TextEncoder().encode(text);
const SALT = encode('porchlight-space-v1');

function base64url(bytes: ArrayBuffer): string {
  return base64(new Uint8Array(bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** The keys of a high-entropy secret (a phrase's entropy, or a passkey's PRF output). */
export async function keysFromSecret(secret: Uint8Array<ArrayBuffer>): Promise<SyncKeys> {
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, [
    'deriveBits',
    'deriveKey',
  ]);
  const hkdf = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: SALT,
    info: encode(info),
  });
  const account = base64url(await crypto.subtle.deriveBits(hkdf('account'), base, 128));
  const token = base64url(await crypto.subtle.deriveBits(hkdf('token'), base, 256));
  const key = await crypto.subtle.deriveKey(
    hkdf('encrypt'),
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  return { account, token, key };
}

/** Encrypts a text for the account: base64 of a fresh nonce and the ciphertext. */
export async function seal(keys: SyncKeys, plaintext: string): Promise<string> {
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: encode(keys.account) },
    keys.key,
    encode(plaintext),
  );
  const out = new Uint8Array(12 + sealed.byteLength);
  out.set(nonce);
  out.set(new Uint8Array(sealed), 12);
  return base64(out);
}

/** Decrypts a blob of the account; throws when the key or the account is not its own. */
export async function unseal(keys: SyncKeys, blob: string): Promise<string> {
  const bytes = fromBase64(blob);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: encode(keys.account) },
    keys.key,
    bytes.slice(12),
  );
  return new TextDecoder().decode(plain);
}
