/**
 * `porchlight restore`: a backup into an empty database of either dialect. The schema is made by
 * the backup's own migrations, the rows go in inside one transaction that commits only after the
 * file's counts and digests check out, then the migrations that came since run (a backup from
 * an older Porchlight takes its data migrations as an upgrade would). A backup that names a
 * migration this Porchlight does not have is refused before anything is written.
 *
 * SQLite builds the restored database beside the target file and renames it into place, so a
 * failed restore leaves the old file as it was. PostgreSQL restores only into a database (or
 * schema) with no tables; a failure drops what the restore made.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle, type DialectName } from '../database/connect.js';
import { migrateOnly, migrateToLatest, migrationNames } from '../database/migrate.js';
import { PorchlightError } from '../errors.js';
import { BackupReader, type BackupHeader } from './backup-file.js';
import { tablesHere } from './table-order.js';

export interface RestoreOptions {
  /** SQLite only: replace an existing database file (the server must be stopped). */
  replace?: boolean;
}

export interface RestoreResult {
  dialect: DialectName;
  from: BackupHeader;
  tables: number;
  rows: number;
  /** Migrations that ran after the rows went in: the backup was older than this Porchlight. */
  upgraded: string[];
}

/** A batch's bound parameters stay below SQLite's limit (32,766) and PostgreSQL's (65,535). */
const MAX_PARAMETERS = 30_000;

export async function restoreBackup(
  databaseUrl: string,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const { reader, header } = await BackupReader.open(file);
  const unknown = header.migrations.filter((name) => !migrationNames.includes(name));
  if (unknown.length > 0)
    throw new PorchlightError(
      'PL_BACKUP_NEWER',
      `The backup was made by a newer Porchlight (its schema has ${unknown.join(', ')}); upgrade Porchlight, then restore.`,
    );
  if (databaseUrl.startsWith('sqlite:')) return restoreSqlite(databaseUrl, reader, header, options);
  const handle = await openDatabase(databaseUrl);
  try {
    if ((await appTables(handle)).length > 0)
      throw new PorchlightError(
        'PL_RESTORE_NOT_EMPTY',
        `${handle.description} already has tables: restore into a new, empty database (createdb), then point DATABASE_URL at it.`,
      );
    try {
      return await fill(handle, reader, header);
    } catch (error) {
      await dropAll(handle);
      throw error;
    }
  } finally {
    await handle.close();
  }
}

async function restoreSqlite(
  databaseUrl: string,
  reader: BackupReader,
  header: BackupHeader,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const path = databaseUrl.slice('sqlite:'.length);
  if (path === ':memory:') throw new Error('restore needs a database file, not :memory:');
  if (existsSync(path) && options.replace !== true) {
    const existing = await openDatabase(databaseUrl);
    try {
      if ((await appTables(existing)).length > 0)
        throw new PorchlightError(
          'PL_RESTORE_NOT_EMPTY',
          `${path} already holds a database: stop the server and add --replace, or restore to another DATA_DIR.`,
        );
    } finally {
      await existing.close();
    }
  }
  const building = `${path}.restoring`;
  const remove = (base: string) => {
    for (const f of [base, `${base}-wal`, `${base}-shm`]) rmSync(f, { force: true });
  };
  remove(building);
  let result: RestoreResult;
  const handle = await openDatabase(`sqlite:${building}`);
  try {
    result = await fill(handle, reader, header);
  } catch (error) {
    await handle.close();
    remove(building);
    throw error;
  }
  await handle.close();
  // The old file's write-ahead log belongs to the old file: it must not be replayed into this one.
  for (const f of [`${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  renameSync(building, path);
  return result;
}

async function fill(
  handle: DatabaseHandle,
  reader: BackupReader,
  header: BackupHeader,
): Promise<RestoreResult> {
  const db = handle.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  await migrateOnly(db as unknown as Kysely<unknown>, header.migrations);
  const columnsOf = new Map(
    (await tablesHere(db as unknown as Kysely<unknown>, handle.dialect)).map((t) => [
      t.name,
      new Set(t.columns.map((c) => c.name)),
    ]),
  );
  let tables = 0;
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    for await (const table of reader.tables(1000)) {
      const known = columnsOf.get(table.name);
      const stray = known === undefined ? [table.name] : table.columns.filter((c) => !known.has(c));
      if (stray.length > 0)
        throw new PorchlightError(
          'PL_BACKUP_INVALID',
          `The file is not a whole backup: ${stray.join(', ')} is not in the schema it names.`,
        );
      tables += 1;
      const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, table.columns.length)));
      for await (const batch of table.rows) {
        for (let i = 0; i < batch.length; i += perBatch) {
          await trx
            .insertInto(table.name)
            .values(batch.slice(i, i + perBatch))
            .execute();
        }
        rows += batch.length;
      }
    }
    // Nothing commits unless every table's count and digest match what was written.
    reader.verify();
  });
  const upgraded = await migrateToLatest(db as unknown as Kysely<unknown>);
  return { dialect: handle.dialect, from: header, tables, rows, upgraded };
}

async function appTables(handle: DatabaseHandle): Promise<string[]> {
  const db = handle.db as unknown as Kysely<unknown>;
  return (await tablesHere(db, handle.dialect, { withInternalKyselyTables: true })).map(
    (t) => t.name,
  );
}

async function dropAll(handle: DatabaseHandle): Promise<void> {
  for (const name of await appTables(handle))
    await sql`drop table if exists ${sql.table(name)} cascade`.execute(handle.db);
}
