import { loadConfig, type Config, type ConfigOverrides } from '../platform/config.js';
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
 * Opens and migrates the database for a one-shot command, closing it afterwards. The storage
 * and import modules load here, not when the CLI starts: `--help` and `--version` need none.
 */
export async function withStore<T>(
  flags: DatabaseFlags,
  work: (ctx: StoreContext) => Promise<T>,
): Promise<T> {
  const [
    { openDatabase },
    { migrateToLatest },
    { createRepositories },
    { systemClock },
    { createOfflineGeocoder },
    { configuredAddressGeocoder },
    { packageVersion },
    { mergingAfterImport },
  ] = await Promise.all([
    import('../platform/database/connect.js'),
    import('../platform/database/migrate.js'),
    import('../repositories.js'),
    import('../platform/clock.js'),
    import('../places/gazetteer.js'),
    import('../places/nominatim.js'),
    import('../platform/paths.js'),
    import('../sources/duplicates-merge.js'),
  ]);
  const config = configFrom(flags);
  const database = await openDatabase(config.databaseUrl, {
    synchronous: config.sqliteSynchronous,
  });
  try {
    await migrateToLatest(database.db as never);
    const repos = createRepositories(database.db);
    const addressGeocoder = configuredAddressGeocoder(config, packageVersion());
    // Duplicates across sources are merged after every import, as the server does.
    const importDeps: ImportDeps = mergingAfterImport(
      {
        repos,
        clock: systemClock,
        geocoder: createOfflineGeocoder(),
        ...(addressGeocoder !== undefined ? { addressGeocoder } : {}),
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
