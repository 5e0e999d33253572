/**
 * VAPID keys: the P-256 key pair a push service knows this server by. Made once by
 * `porchlight keys create` and kept in `DATA_DIR/keys/vapid.json` (owner-only), or given as
 * `VAPID_PUBLIC_KEY` and `VAPID_PRIVATE_KEY`. The public key is what a page hands the browser
 * when it subscribes; changing the keys orphans every subscription, so they are never rotated
 * silently.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';

export interface VapidKeys {
  /** Uncompressed P-256 point, base64url (65 bytes). */
  publicKey: string;
  /** The private scalar, base64url (32 bytes). */
  privateKey: string;
}

/** Where `keys create` keeps the pair. */
export function vapidKeyFile(dataDir: string): string {
  return join(dataDir, 'keys', 'vapid.json');
}

/** A fresh key pair. */
export function generateVapidKeys(): VapidKeys {
  const { publicKey, privateKey } = webpush.generateVAPIDKeys();
  return { publicKey, privateKey };
}

/**
 * Writes a new pair to the data directory, refusing to replace one (the subscriptions made
 * with it would all stop working) unless `replace` says so.
 */
export function writeVapidKeys(dataDir: string, keys: VapidKeys, replace = false): string {
  const file = vapidKeyFile(dataDir);
  if (existsSync(file) && !replace)
    throw new Error(
      `${file} exists; replacing the keys would end every push subscription (use --force to do it anyway)`,
    );
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/** The pair in the data directory, if `keys create` made one. */
export function readVapidKeys(dataDir: string): VapidKeys | undefined {
  const file = vapidKeyFile(dataDir);
  if (!existsSync(file)) return undefined;
  const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<VapidKeys>;
  if (typeof value.publicKey !== 'string' || typeof value.privateKey !== 'string')
    throw new Error(`${file} does not hold a VAPID key pair`);
  return { publicKey: value.publicKey, privateKey: value.privateKey };
}
