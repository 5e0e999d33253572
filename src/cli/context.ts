import { loadConfig, type Config, type ConfigOverrides } from '../platform/config.js';
import { openDatabase, type DatabaseHandle } from '../platform/database/connect.js';
import { migrateToLatest } from '../platform/database/migrate.js';
import { createRepositories, type Repositories } from '../repositories.js';
import { systemClock } from '../platform/clock.js';
import type { ImportDeps } from '../sources/import-feed.js';
import { createOfflineGeocoder } from '../places/gazetteer.js';
import { mergingAfterImport } from '../sources/duplicates-merge.js';

export interface DatabaseFlags {
  dataDir?: string;
  databaseUrl?: string;
}

/** Configuration from the environment with the database flags of a command applied. */
export function configFrom(flags: DatabaseFlags, extra: ConfigOverrides = {}): Config {
  const overrides: ConfigOverrides = { ...extra };
  if (flags.dataDir !== undefined) overrides.dataDir = flags.dataDir;
  if (flags.databaseUrl !== undefined) overrides.databaseUrl = flags.databaseUrl;
  return loadConfig(process.env, overrides);
}

export interface StoreContext {
  config: Config;
  database: DatabaseHandle;
  repos: Repositories;
  importDeps: ImportDeps;
}

/** Opens and migrates the database for a one-shot command, closing it afterwards. */
export async function withStore<T>(
  flags: DatabaseFlags,
  work: (ctx: StoreContext) => Promise<T>,
): Promise<T> {
  const config = configFrom(flags);
  const database = await openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db as never);
    const repos = createRepositories(database.db);
    // Duplicates across sources are merged after every import, as the server does.
    const importDeps: ImportDeps = mergingAfterImport(
      {
        repos,
        clock: systemClock,
        geocoder: createOfflineGeocoder(),
        limits: { maxBytes: config.feedMaxBytes, timeoutMs: config.feedTimeoutMs },
      },
      (error) => process.stderr.write(`warning: merging duplicates failed: ${String(error)}\n`),
    );
    return await work({ config, database, repos, importDeps });
  } finally {
    await database.close();
  }
}

/** Parses a whole-number flag or fails with a usage message. */
export function parseCount(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number`);
  return n;
}
