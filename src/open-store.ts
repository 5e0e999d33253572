/**
 * The wiring the server and every command share: the database opened and migrated, the
 * repositories over it, and what an import needs (geocoders, feed limits, duplicates merged
 * after every import). `createApp` builds on it; a one-shot command uses it alone, so the CLI
 * and the server cannot drift apart.
 */
import type { Clock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import type { Keyring } from './platform/crypto/keyring.js';
import { openDatabase, type DatabaseHandle } from './platform/database/connect.js';
import type { CommittedChange } from './platform/database/change-feed.js';
import { migrateToLatest } from './platform/database/migrate.js';
import type { YieldToLoop } from './platform/loop-yield.js';
import { packageVersion } from './platform/paths.js';
import type { Timers } from './platform/timers.js';
import type { AddressGeocoder } from './places/address-geocoder.js';
import type { Geocoder } from './places/gazetteer.js';
import { configuredAddressGeocoder } from './places/nominatim.js';
import { createRepositories, type Repositories } from './repositories.js';
import { mergingAfterImport } from './sources/duplicates-merge.js';
import type { Fetcher } from './sources/feed-reader.js';
import { feedLimits } from './sources/feed-address.js';
import type { ImportDeps } from './sources/import-source.js';

export interface StoreOptions {
  clock: Clock;
  /** The offline gazetteer imports place meetings with. */
  geocoder: Geocoder;
  /** The street-address geocoder; by default the configured Nominatim, if any. */
  addressGeocoder?: AddressGeocoder;
  fetcher?: Fetcher;
  timers?: Timers;
  /** Gives the event loop turns during long imports (a server answers meanwhile). */
  yieldToLoop?: YieldToLoop;
  /** Checkpoints the SQLite log off the thread that answers requests (a server). */
  backgroundCheckpoints?: boolean;
  /** Told of every committed import and the merge that follows it. */
  onChange?: (change: CommittedChange) => void | Promise<void>;
  /** The master keyring, loaded on first use: it seals pending deliveries. */
  keyring?: () => Keyring;
  /** Told when merging duplicates after an import fails (the import stays committed). */
  onMergeError: (error: unknown) => void;
  /** PostgreSQL: told when the server closes an idle connection (a restart); the pool recovers. */
  onIdleConnectionError?: (error: Error) => void;
  /** Told of each write refused for want of room (the write fails with PL_STORAGE_FULL). */
  onStorageFull?: (error: unknown) => void;
  /** Told when a ROLLBACK fails after a failed statement (whose own error is the one thrown). */
  onRollbackFailed?: (error: unknown) => void;
}

export interface Store {
  database: DatabaseHandle;
  repos: Repositories;
  /** What imports need: the repositories, the clock, the geocoders, the feed limits. */
  importDeps: ImportDeps;
}

/** Opens and migrates the database and wires imports over it; closes it again on failure. */
export async function openStore(config: Config, options: StoreOptions): Promise<Store> {
  const database = await openDatabase(config.databaseUrl, {
    synchronous: config.sqliteSynchronous,
    ...(options.backgroundCheckpoints === true ? { backgroundCheckpoints: true } : {}),
    ...(options.onIdleConnectionError !== undefined
      ? { onIdleConnectionError: options.onIdleConnectionError }
      : {}),
    ...(options.onStorageFull !== undefined ? { onStorageFull: options.onStorageFull } : {}),
    ...(options.onRollbackFailed !== undefined
      ? { onRollbackFailed: options.onRollbackFailed }
      : {}),
  });
  try {
    await migrateToLatest(database.db as never);
    const repos = createRepositories(database.db, options.keyring);
    // People's and suggesters' emails written before they were sealed are sealed now
    // (migrations 0012 and 0013).
    if (options.keyring !== undefined) {
      await repos.accounts.sealPlainEmails();
      await repos.changeRequests.sealPlainEmails();
    }
    const { fetcher, timers } = options;
    const addressGeocoder =
      options.addressGeocoder ??
      configuredAddressGeocoder(config, packageVersion(), {
        ...(fetcher !== undefined ? { fetcher } : {}),
        ...(timers !== undefined ? { timers } : {}),
      });
    // Duplicates across sources are merged after every import; listeners hear of both at once.
    const importDeps = mergingAfterImport(
      {
        repos,
        clock: options.clock,
        geocoder: options.geocoder,
        ...(addressGeocoder !== undefined ? { addressGeocoder } : {}),
        ...(options.yieldToLoop !== undefined ? { yieldToLoop: options.yieldToLoop } : {}),
        ...(options.onChange !== undefined ? { onChange: options.onChange } : {}),
        limits: {
          ...feedLimits(config),
          ...(fetcher !== undefined ? { fetcher } : {}),
          ...(timers !== undefined ? { timers } : {}),
        },
      },
      options.onMergeError,
    );
    return { database, repos, importDeps };
  } catch (error) {
    await database.close();
    throw error;
  }
}
