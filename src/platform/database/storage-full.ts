import type { DatabaseConnection, Dialect, Driver } from 'kysely';
import { isPorchlightError, PorchlightError } from '../errors.js';

/**
 * A write the storage refused for want of room: SQLite's SQLITE_FULL (the disk, or the file's
 * `max_page_count`, is full; SQLite reports a write that fails with ENOSPC the same way) and
 * PostgreSQL's 53100 `disk_full`. Nothing else: a read-only file or a broken disk is not this.
 */
export function isStorageFull(error: unknown): boolean {
  if (isPorchlightError(error)) return error.code === 'PL_STORAGE_FULL';
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100';
}

export interface StorageGuardHooks {
  /** Told of each refused write (an operator must hear that the disk is full). */
  onStorageFull?: (error: unknown) => void;
  /** Told when a ROLLBACK after a failed statement fails in turn; the first error is thrown. */
  onRollbackFailed?: (rollbackError: unknown) => void;
}

/**
 * A dialect whose driver (1) turns a refused write into PL_STORAGE_FULL, a catalogued error that
 * the HTTP mapping answers with 507 and the command line prints without a stack, whatever code
 * path the write came from, and (2) never lets a failed ROLLBACK replace the error that caused
 * it. Kysely rolls back when a transaction's callback throws and throws the rollback's own error
 * if that fails too; after SQLITE_FULL, SQLite may already have rolled the transaction back
 * itself, so the ROLLBACK fails with "no transaction is active" and the disk-full error was lost.
 */
export function guardStorage(dialect: Dialect, hooks: StorageGuardHooks = {}): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => guardDriver(dialect.createDriver(), hooks),
  };
}

function guardDriver(driver: Driver, hooks: StorageGuardHooks): Driver {
  const guarded = new WeakSet<DatabaseConnection>();
  const acquire = driver.acquireConnection.bind(driver);
  const rollback = driver.rollbackTransaction.bind(driver);
  // The driver's own methods stay as they are (they keep private state); only these two are
  // wrapped, on the instance. Begin, commit and savepoints run through executeQuery.
  driver.acquireConnection = async () => {
    const connection = await acquire();
    if (!guarded.has(connection)) {
      guarded.add(connection);
      const execute = connection.executeQuery.bind(connection);
      connection.executeQuery = async <R>(query: Parameters<typeof execute>[0]) => {
        try {
          return await execute<R>(query);
        } catch (error) {
          throw storageFullOr(error, hooks);
        }
      };
    }
    return connection;
  };
  driver.rollbackTransaction = async (connection) => {
    try {
      await rollback(connection);
    } catch (error) {
      // Kysely throws the error that made it roll back once this returns.
      hooks.onRollbackFailed?.(error);
    }
  };
  return driver;
}

function storageFullOr(error: unknown, hooks: StorageGuardHooks): unknown {
  if (!isStorageFull(error) || isPorchlightError(error)) return error;
  hooks.onStorageFull?.(error);
  return new PorchlightError('PL_STORAGE_FULL', undefined, {
    cause: (error as { code?: unknown }).code,
  });
}
