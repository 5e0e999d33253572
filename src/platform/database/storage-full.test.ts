import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { isPorchlightError } from '../errors.js';
import { openDatabase, type DatabaseHandle } from './connect.js';
import { guardStorage, isStorageFull } from './storage-full.js';

/** A SQLite file of at most its present size plus `spare` pages: the next page it asks fails. */
async function capped(handle: DatabaseHandle, spare: number): Promise<void> {
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(handle.db);
  await sql.raw(`pragma max_page_count = ${rows[0]!.page_count + spare}`).execute(handle.db);
}

const rows = async (handle: DatabaseHandle) =>
  Number((await sql<{ n: number }>`select count(*) as n from t`.execute(handle.db)).rows[0]!.n);

/** Writes `count` rows of 4 KB each in one transaction. */
const bulk = (handle: DatabaseHandle, count: number) =>
  handle.db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++)
      await sql`insert into t (x) values (${'x'.repeat(4000)})`.execute(trx);
  });

async function caught(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
}

describe('a SQLite file that runs out of room', () => {
  it('refuses the write with PL_STORAGE_FULL, not with the failed rollback that followed it', async () => {
    const rollbacks: unknown[] = [];
    const handle = await openDatabase(
      `sqlite:${join(mkdtempSync(join(tmpdir(), 'full-')), 'full.db')}`,
      { onRollbackFailed: (error) => rollbacks.push(error) },
    );
    try {
      await sql`create table t (x text)`.execute(handle.db);
      await bulk(handle, 5);
      await capped(handle, 3);

      const error = await caught(bulk(handle, 50));
      expect(isPorchlightError(error) && error.code).toBe('PL_STORAGE_FULL');
      expect(isPorchlightError(error) && error.status).toBe(507);
      // Nothing of the refused transaction stays; reads carry on.
      expect(await rows(handle)).toBe(5);

      // Room again: the same connection writes.
      await sql.raw('pragma max_page_count = 1000000').execute(handle.db);
      await bulk(handle, 50);
      expect(await rows(handle)).toBe(55);
    } finally {
      await handle.close();
    }
  });

  it('a single statement outside a transaction is refused the same way', async () => {
    const handle = await openDatabase(
      `sqlite:${join(mkdtempSync(join(tmpdir(), 'full-')), 'full.db')}`,
    );
    try {
      await sql`create table t (x text)`.execute(handle.db);
      await capped(handle, 0);
      const error = await caught(
        sql`insert into t (x) select ${'y'.repeat(4000)} from (select 1 union all select 2 union all select 3)`.execute(
          handle.db,
        ),
      );
      expect(isStorageFull(error)).toBe(true);
      expect(await rows(handle)).toBe(0);
    } finally {
      await handle.close();
    }
  });
});

/**
 * PostgreSQL's disk_full (53100) cannot be caused on a shared test server; a driver that answers
 * every INSERT with it, and every ROLLBACK with a broken connection, shows the same mapping.
 */
describe('PostgreSQL disk_full', () => {
  function failingDialect(): Dialect {
    const connection: DatabaseConnection = {
      executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        if (query.sql.startsWith('insert'))
          return Promise.reject(
            Object.assign(new Error('could not extend file: No space left on device'), {
              code: '53100',
            }),
          );
        if (query.sql === 'rollback')
          return Promise.reject(new Error('Connection terminated unexpectedly'));
        return Promise.resolve({ rows: [] });
      },
      streamQuery: () => {
        throw new Error('not used');
      },
    };
    const driver: Driver = {
      init: () => Promise.resolve(),
      acquireConnection: () => Promise.resolve(connection),
      beginTransaction: async (c) => void (await c.executeQuery(CompiledQuery.raw('begin'))),
      commitTransaction: async (c) => void (await c.executeQuery(CompiledQuery.raw('commit'))),
      rollbackTransaction: async (c) => void (await c.executeQuery(CompiledQuery.raw('rollback'))),
      releaseConnection: () => Promise.resolve(),
      destroy: () => Promise.resolve(),
    };
    return {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createQueryCompiler: () => new SqliteQueryCompiler(),
      createIntrospector: (db) => new SqliteIntrospector(db),
    };
  }

  it('is PL_STORAGE_FULL, told once to the operator, and the failed rollback is only told', async () => {
    const full: unknown[] = [];
    const rollbacks: unknown[] = [];
    const db = new Kysely<{ t: { x: string } }>({
      dialect: guardStorage(failingDialect(), {
        onStorageFull: (error) => full.push(error),
        onRollbackFailed: (error) => rollbacks.push(error),
      }),
    });
    const error = await caught(
      db.transaction().execute((trx) => trx.insertInto('t').values({ x: 'a' }).execute()),
    );
    expect(isPorchlightError(error) && error.code).toBe('PL_STORAGE_FULL');
    expect(full).toHaveLength(1);
    expect(String(rollbacks[0])).toContain('Connection terminated');
    await db.destroy();
  });
});
