/**
 * `porchlight backup`: one consistent snapshot of every table, taken while the server serves.
 * SQLite: the online backup API copies the database beside the target file in one step (WAL
 * mode lets the server keep writing meanwhile; the copy is one point in time), and the copy is
 * read into the backup file. PostgreSQL: one REPEATABLE READ, READ ONLY
 * transaction reads every table, so all tables come from the same snapshot.
 */
import { closeSync, openSync, rmSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { openDatabase, type DialectName } from '../database/connect.js';
import { packageVersion } from '../paths.js';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupWriter,
  type Row,
  type TableSummary,
} from './backup-file.js';
import { parentsFirst, tablePlan } from './table-order.js';

export interface BackupResult {
  file: string;
  dialect: DialectName;
  migrations: number;
  tables: Record<string, TableSummary>;
  rows: number;
}

/** Rows read per query: a page of a large table, small enough to keep memory flat. */
const PAGE = 2000;

export async function writeBackup(
  databaseUrl: string,
  file: string,
  clock: Clock,
): Promise<BackupResult> {
  if (databaseUrl.startsWith('sqlite:')) return backupSqlite(databaseUrl, file, clock);
  const handle = await openDatabase(databaseUrl);
  try {
    return await handle.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`set transaction read only`.execute(trx);
        return dump(trx as unknown as Kysely<unknown>, 'postgres', file, clock);
      });
  } finally {
    await handle.close();
  }
}

async function backupSqlite(
  databaseUrl: string,
  file: string,
  clock: Clock,
): Promise<BackupResult> {
  const path = databaseUrl.slice('sqlite:'.length);
  if (path === ':memory:') throw new Error('an in-memory database cannot be backed up');
  const { default: SQLite } = await import('better-sqlite3');
  const snapshot = `${file}.snapshot-${process.pid}`;
  // The copy holds what the database holds: owner-only from its first byte.
  closeSync(openSync(snapshot, 'w', 0o600));
  try {
    const source = new SQLite(path, { readonly: true, fileMustExist: true });
    try {
      // All pages in one step: between steps another connection's write restarts the copy, so
      // a server that keeps writing would starve a copy made in small steps.
      await source.backup(snapshot, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
    const handle = await openDatabase(`sqlite:${snapshot}`);
    try {
      return await dump(handle.db as unknown as Kysely<unknown>, 'sqlite', file, clock);
    } finally {
      await handle.close();
    }
  } finally {
    for (const leftover of [snapshot, `${snapshot}-wal`, `${snapshot}-shm`])
      rmSync(leftover, { force: true });
  }
}

async function dump(
  db: Kysely<unknown>,
  dialect: DialectName,
  file: string,
  clock: Clock,
): Promise<BackupResult> {
  const { rows: applied } = await sql<{ name: string }>`
    select name from kysely_migration order by name`.execute(db);
  const migrations = applied.map((m) => m.name);
  const writer = new BackupWriter(file, {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: clock.now().toISOString(),
    dialect,
    migrations,
    writtenBy: packageVersion(),
  });
  for (const plan of await tablePlan(db, dialect)) {
    await writer.startTable(plan.name, plan.columns);
    if (plan.selfReferences.length > 0) {
      const all: Row[] = [];
      for await (const page of pages(db, dialect, plan.name)) all.push(...page);
      for (const row of parentsFirst(all, plan)) await writer.row(row);
    } else {
      for await (const page of pages(db, dialect, plan.name))
        for (const row of page) await writer.row(row);
    }
  }
  const tables = await writer.finish();
  return {
    file,
    dialect,
    migrations: migrations.length,
    tables,
    rows: Object.values(tables).reduce((sum, t) => sum + t.rows, 0),
  };
}

/**
 * A table's rows a page at a time, by the row's physical position (SQLite's rowid, PostgreSQL's
 * ctid): every table has one, whatever its key, and inside one snapshot it does not move.
 */
async function* pages(
  db: Kysely<unknown>,
  dialect: DialectName,
  table: string,
): AsyncGenerator<Row[]> {
  let after: string | number = dialect === 'postgres' ? '(0,0)' : 0;
  for (;;) {
    const query =
      dialect === 'postgres'
        ? sql<Row>`select ctid::text as "__position", * from ${sql.table(table)}
            where ctid > ${after}::tid order by ctid limit ${PAGE}`
        : sql<Row>`select rowid as "__position", * from ${sql.table(table)}
            where rowid > ${after} order by rowid limit ${PAGE}`;
    const { rows } = await query.execute(db);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]?.__position as string | number;
    if (rows.length < PAGE) return;
  }
}
