import { loadConfig, type Config, type ConfigOverrides } from '../platform/config.js';
import type { ChangeFeed } from '../platform/database/change-feed.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import type { Repositories } from '../repositories.js';
import type { ImportDeps } from '../sources/import-feed.js';

export interface DatabaseFlags {
  dataDir?: string;
  databaseUrl?: string;
  /** A Nominatim server for street addresses (commands that import). */
  geocoderUrl?: string;
}

/** Configuration from the environment with the database flags of a command applied. */
export function configFrom(flags: DatabaseFlags, extra: ConfigOverrides = {}): Config {
  const overrides: ConfigOverrides = { ...extra };
  if (flags.dataDir !== undefined) overrides.dataDir = flags.dataDir;
  if (flags.databaseUrl !== undefined) overrides.databaseUrl = flags.databaseUrl;
  if (flags.geocoderUrl !== undefined) overrides.geocoderUrl = flags.geocoderUrl;
  return loadConfig(process.env, overrides);
}

export interface StoreContext {
  config: Config;
  database: DatabaseHandle;
  repos: Repositories;
  importDeps: ImportDeps;
}

/**
 * Opens and migrates the database for a one-shot command, closing it afterwards: the same
 * wiring as the server's (`openStore`, which `createApp` builds on). It loads here, not when the
 * CLI starts: `--help` and `--version` need no storage.
 */
export async function withStore<T>(
  flags: DatabaseFlags,
  work: (ctx: StoreContext) => Promise<T>,
): Promise<T> {
  const [
    { openStore },
    { systemClock },
    { createOfflineGeocoder },
    { openChangeFeed },
    { lazyKeyring },
  ] = await Promise.all([
    import('../open-store.js'),
    import('../platform/clock.js'),
    import('../places/gazetteer.js'),
    import('../platform/database/change-feed.js'),
    import('../platform/crypto/master-key-source.js'),
  ]);
  const config = configFrom(flags);
  // A command's writes are announced to the servers sharing the database (PostgreSQL NOTIFY),
  // so an import run beside them is searchable there at once, not at their next poll.
  let feed: ChangeFeed | undefined;
  const announcements: Promise<void>[] = [];
  const { database, repos, importDeps } = await openStore(config, {
    clock: systemClock,
    // People's emails are sealed with the master key; loaded only when one is read or written.
    keyring: lazyKeyring(
      { masterKey: config.masterKey, masterKeyFile: config.masterKeyFile, createIfMissing: true },
      (message) => process.stderr.write(`${message}\n`),
    ),
    geocoder: createOfflineGeocoder(),
    onMergeError: (error) =>
      process.stderr.write(`warning: merging duplicates failed: ${String(error)}\n`),
    onChange: (change) => {
      if (feed === undefined) return;
      announcements.push(
        feed.publish(change).catch((error: unknown) => {
          process.stderr.write(`warning: servers were not told of a change: ${String(error)}\n`);
        }),
      );
    },
  });
  if (database.dialect === 'postgres') feed = await openChangeFeed(config.databaseUrl, database);
  try {
    return await work({ config, database, repos, importDeps });
  } finally {
    await Promise.all(announcements);
    await feed?.close();
    await database.close();
  }
}

/** Parses a whole-number flag or fails with a usage message. */
export function parseCount(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number`);
  return n;
}
