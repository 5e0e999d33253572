/**
 * Where a database's search index snapshot lives, and what identifies the database, so that a
 * snapshot is only ever read back for the database it was made from (decision 0092):
 *
 * - a SQLite file: beside it (`<file>.search-index`); the identity is the file's device and
 *   inode, which a restore (built beside, renamed into place) or a new file changes;
 * - PostgreSQL: in the data directory, named after a hash of the identity: the server's host
 *   and port, the database's name and its oid (a database dropped and made again gets another),
 *   and the schema the tables are in (several stores may share one database);
 * - a database in memory (SQLite or PGlite): none, there is nothing to restart from.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../platform/database/connect.js';

export interface SnapshotLocation {
  file: string;
  identity: string;
}

export async function snapshotLocation(
  databaseUrl: string,
  dataDir: string,
  database: Pick<DatabaseHandle, 'db'>,
): Promise<SnapshotLocation | undefined> {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '' || path === ':memory:' || path.startsWith('file::memory:')) return undefined;
    const file = resolve(path);
    const { dev, ino } = await stat(file);
    return { file: `${file}.search-index`, identity: `sqlite:${dev}:${ino}` };
  }
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    const { rows } = await sql<{ name: string; oid: string | number; schema: string }>`
      select current_database() as name, current_schema() as schema,
        (select oid from pg_database where datname = current_database()) as oid
    `.execute(database.db);
    const row = rows[0];
    if (row === undefined) return undefined;
    const url = new URL(databaseUrl);
    const identity = `postgres:${url.hostname}:${url.port || '5432'}/${row.name}:${row.oid}/${row.schema}`;
    const name = createHash('sha256').update(identity).digest('hex').slice(0, 16);
    return { file: join(dataDir, `search-index-${name}.snapshot`), identity };
  }
  return undefined;
}
