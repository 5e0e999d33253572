import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import type { Pool } from 'pg';
import type { SqliteSynchronous } from '../config.js';
import type { Database } from './schema.js';
import { LockWaitingSqliteDialect } from './sqlite-driver.js';
import { WalCheckpointer } from './wal-checkpointer.js';
import { guardStorage, type StorageGuardHooks } from './storage-full.js';

export type DialectName = 'sqlite' | 'postgres';

/** Connections a PostgreSQL pool opens at most. */
export const poolSize = 10;

export interface OpenOptions extends StorageGuardHooks {
  /** SQLite only; `full` unless an operator chose otherwise. */
  synchronous?: SqliteSynchronous;
  /**
   * SQLite files only: copy the write-ahead log into the database on a thread of its own rather
   * than at the end of a commit (a server: see {@link WalCheckpointer}).
   */
  backgroundCheckpoints?: boolean;
  /** PostgreSQL: told when an idle connection is closed under the pool (a server restart). */
  onIdleConnectionError?: (error: Error) => void;
  /**
   * SQLite only: how long a statement waits for the write lock another connection holds (a
   * refresh on its own thread, a command-line import), on a timer: default 5 s.
   */
  lockWaitMs?: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** A printable description that never includes credentials. */
  description: string;
  /** The node-postgres pool of a PostgreSQL server (a replica falls back on the primary's). */
  pool?: Pool;
  close(): Promise<void>;
}

/**
 * Opens the database a URL names: `sqlite:<file>` or `sqlite::memory:` (better-sqlite3, WAL),
 * `postgres://...` (node-postgres pool) or `pglite:memory` (in-process PostgreSQL for tests).
 */
export async function openDatabase(
  url: string,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pg = await import('pg');
    // PostgreSQL returns bigint counts as strings; our counts are small, so read them as numbers.
    pg.default.types.setTypeParser(20, (value: string) => Number(value));
    const pool = new pg.default.Pool({ connectionString: url, max: poolSize });
    // An idle connection that the server closes (a restart, a failover, an administrator) is an
    // 'error' event on the pool; unheard, it would end the process. The pool drops that
    // connection and the next query opens a new one, so the server carries on by itself.
    // The pool listens only while a connection is idle; one checked out between statements (a
    // transaction, a read about to be retried) that the server ends emits 'error' on itself.
    // Heard here for the connection's whole life, its next statement fails instead, and the
    // pool drops it when it comes back. An idle one is heard by both: it is told once.
    pool.on('error', (error) => heardOnce(error));
    pool.on('connect', (client) => client.on('error', (error) => heardOnce(error)));
    const heard = new WeakSet<Error>();
    const heardOnce = (error: Error) => {
      if (heard.has(error)) return;
      heard.add(error);
      options.onIdleConnectionError?.(error);
    };
    const db = new Kysely<Database>({
      dialect: guardStorage(new PostgresDialect({ pool }), options),
    });
    return {
      db,
      dialect: 'postgres',
      description: redactUrl(url),
      pool,
      close: () => db.destroy(),
    };
  }
  if (url.startsWith('pglite:')) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGliteDialect } = await import('./pglite-driver.js');
    const db = new Kysely<Database>({
      dialect: guardStorage(new PGliteDialect(new PGlite()), options),
    });
    return {
      db,
      dialect: 'postgres',
      description: 'pglite (in memory)',
      close: () => db.destroy(),
    };
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    const { default: SQLite } = await import('better-sqlite3');
    if (file !== ':memory:') createPrivateFile(file);
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${(options.synchronous ?? 'full').toUpperCase()}`);
    sqlite.pragma('foreign_keys = ON');
    let checkpointer: WalCheckpointer | undefined;
    if (options.backgroundCheckpoints === true && file !== ':memory:') {
      sqlite.pragma('wal_autocheckpoint = 0');
      checkpointer = new WalCheckpointer(file, { synchronous: options.synchronous ?? 'full' });
    }
    // Lock waits on a timer rather than in the statement, and transactions that take the write
    // lock when they begin: two connections write the file (decision 0145).
    const dialect = new LockWaitingSqliteDialect(sqlite, options.lockWaitMs ?? 5000);
    const db = new Kysely<Database>({
      dialect: guardStorage(dialect, {
        ...options,
        onRollbackFailed: (error) => {
          // SQLite usually ends the transaction itself after SQLITE_FULL, and the ROLLBACK then
          // only finds none; should one be left open, it must not swallow the next writes.
          if (sqlite.inTransaction) {
            try {
              sqlite.exec('ROLLBACK');
            } catch {
              // Nothing more to do here; the hook below hears of it.
            }
          }
          options.onRollbackFailed?.(error);
        },
      }),
    });
    return {
      db,
      dialect: 'sqlite',
      description: `sqlite ${file}`,
      close: async () => {
        await checkpointer?.close();
        await db.destroy();
      },
    };
  }
  throw new Error(
    `DATABASE_URL must start with sqlite:, postgres:// or pglite: (got "${redactUrl(url)}")`,
  );
}

/**
 * The database file holds people's email addresses: its folder is created owner-only (0700) and
 * the file itself 0600, before SQLite opens it. SQLite gives the `-wal` and `-shm` files it
 * creates beside it the database file's mode, so they are owner-only too. A file left readable by
 * an earlier version is narrowed to 0600 (with its `-wal` and `-shm`); an existing folder is left
 * as its operator made it.
 */
function createPrivateFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

/** Hides a password in a connection URL so it can be logged. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
