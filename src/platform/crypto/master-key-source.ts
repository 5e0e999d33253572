/**
 * Where the master key comes from, in order: PORCHLIGHT_MASTER_KEY, the key file
 * (PORCHLIGHT_MASTER_KEY_FILE, by default `master.key` in the data directory), or, on a fresh
 * machine, a new key written to that file (mode 0600) with a log line naming the file, never
 * the key. The key is loaded on first use: a server that holds no personal data needs none.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { newDataKey } from './envelope.js';
import { createKeyring, parseMasterKey, type Keyring } from './keyring.js';

export interface MasterKeySettings {
  /** The key itself, as text (the environment variable). */
  masterKey?: string | undefined;
  /** The key file. */
  masterKeyFile: string;
  /** Create the file when it is missing (`npm start`); otherwise a missing key is an error. */
  createIfMissing: boolean;
}

/** A keyring loaded on first use and kept; `log` hears of a newly created key file. */
export function lazyKeyring(
  settings: MasterKeySettings,
  log: (message: string) => void,
): () => Keyring {
  let keyring: Keyring | undefined;
  return () => (keyring ??= createKeyring(loadMasterKey(settings, log)));
}

/** Loads (or, when allowed, creates) the master key. */
export function loadMasterKey(settings: MasterKeySettings, log: (message: string) => void): Buffer {
  if (settings.masterKey !== undefined && settings.masterKey.trim() !== '')
    return parseMasterKey(settings.masterKey);
  const file = settings.masterKeyFile;
  if (existsSync(file)) return parseMasterKey(readFileSync(file, 'utf8'));
  if (!settings.createIfMissing)
    throw new Error(
      `no master key: set PORCHLIGHT_MASTER_KEY or PORCHLIGHT_MASTER_KEY_FILE (looked for ${file})`,
    );
  const key = newDataKey();
  mkdirSync(dirname(file), { recursive: true });
  try {
    // `wx`: never overwrite a key another process wrote a moment ago; use that one instead.
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return parseMasterKey(readFileSync(file, 'utf8'));
    throw error;
  }
  log(
    `created a new master key in ${file}: keep a copy apart from the database backups; without it the center records cannot be read`,
  );
  return key;
}

/** Writes a new master key to a file of its own (mode 0600), refusing to overwrite one. */
export function writeNewMasterKey(file: string, key: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
}

/**
 * Puts a rotated key in place: the old file is kept beside it as `<file>.retired-<id>` (to
 * delete once no backup needs it), and the new one takes its name.
 */
export function swapMasterKeyFiles(file: string, newFile: string, oldKeyId: string): string {
  const retired = `${file}.retired-${oldKeyId}`;
  renameSync(file, retired);
  renameSync(newFile, file);
  return retired;
}
