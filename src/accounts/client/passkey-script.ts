/**
 * The passkey script, served as written from our own asset path (the only `script-src`), under a
 * name carrying its content hash so browsers may cache it for good.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The script's text. */
export const PASSKEY_SCRIPT = readFileSync(new URL('./passkey.js', import.meta.url), 'utf8');

/** Where pages load it from. */
export const PASSKEY_SCRIPT_PATH = `/assets/passkey-${createHash('sha256')
  .update(PASSKEY_SCRIPT)
  .digest('hex')
  .slice(0, 12)}.js`;
