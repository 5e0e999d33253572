import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from './connect.js';

const mode = (path: string) => statSync(path).mode & 0o777;

async function synchronous(handle: DatabaseHandle): Promise<number> {
  const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
  return rows[0]!.synchronous;
}

/** Writes one row, so SQLite creates its `-wal` and `-shm` files. */
async function write(handle: DatabaseHandle): Promise<void> {
  await sql`create table if not exists t (x integer)`.execute(handle.db);
  await sql`insert into t (x) values (1)`.execute(handle.db);
}

describe('openDatabase on a SQLite file', () => {
  it('creates its folder owner-only and the database, log and shared-memory files 0600', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'connect-')), 'data', 'nested');
    const file = join(dir, 'porchlight.db');
    const handle = await openDatabase(`sqlite:${file}`);
    try {
      await write(handle);
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, '..'))).toBe(0o700);
      for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path)).toBe(0o600);
    } finally {
      await handle.close();
    }
  });

  it('narrows a database file an earlier version left world-readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'connect-'));
    const file = join(dir, 'porchlight.db');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const handle = await openDatabase(`sqlite:${file}`);
    try {
      await write(handle);
      for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path)).toBe(0o600);
    } finally {
      await handle.close();
    }
  });

  it('syncs every commit (synchronous=FULL) unless told otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'connect-'));
    const full = await openDatabase(`sqlite:${join(dir, 'a.db')}`);
    const normal = await openDatabase(`sqlite:${join(dir, 'b.db')}`, { synchronous: 'normal' });
    const extra = await openDatabase(`sqlite:${join(dir, 'c.db')}`, { synchronous: 'extra' });
    try {
      // SQLite reports OFF=0, NORMAL=1, FULL=2, EXTRA=3.
      expect(await synchronous(full)).toBe(2);
      expect(await synchronous(normal)).toBe(1);
      expect(await synchronous(extra)).toBe(3);
      const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(full.db);
      expect(rows[0]!.journal_mode).toBe('wal');
    } finally {
      await Promise.all([full.close(), normal.close(), extra.close()]);
    }
  });
});

describe('transactions beside a second writer to the same SQLite file', () => {
  /** Opens `a` (as told) and a second connection `b` that does not wait for a lock (refused at once). */
  async function pair(options: { immediateTransactions?: boolean }) {
    const file = join(mkdtempSync(join(tmpdir(), 'connect-')), 'shared.db');
    const a = await openDatabase(`sqlite:${file}`, options);
    await write(a);
    const b = await openDatabase(`sqlite:${file}`);
    await sql`pragma busy_timeout = 0`.execute(b.db);
    return { a, b };
  }

  it('a deferred transaction that read first fails at its write once the other committed', async () => {
    const { a, b } = await pair({});
    try {
      const work = a.db.transaction().execute(async (trx) => {
        await sql`select count(*) from t`.execute(trx);
        await sql`insert into t (x) values (2)`.execute(b.db);
        await sql`insert into t (x) values (3)`.execute(trx);
      });
      await expect(work).rejects.toMatchObject({ code: 'SQLITE_BUSY_SNAPSHOT' });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('an immediate one holds the lock from its start: the other writer is the one kept waiting', async () => {
    const { a, b } = await pair({ immediateTransactions: true });
    try {
      await a.db.transaction().execute(async (trx) => {
        await sql`select count(*) from t`.execute(trx);
        await expect(sql`insert into t (x) values (2)`.execute(b.db)).rejects.toMatchObject({
          code: 'SQLITE_BUSY',
        });
        await sql`insert into t (x) values (3)`.execute(trx);
      });
      await sql`insert into t (x) values (4)`.execute(b.db);
      const { rows } = await sql<{ x: number }>`select x from t order by x`.execute(b.db);
      expect(rows.map((r) => r.x)).toEqual([1, 3, 4]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

const serverUrl = process.env.PORCHLIGHT_TEST_POSTGRES_URL;

describe.skipIf(serverUrl === undefined)('openDatabase on a PostgreSQL server', () => {
  it('carries on when the server closes its idle connections (a restart), and says so', async () => {
    const heard: Error[] = [];
    const handle = await openDatabase(serverUrl!, {
      onIdleConnectionError: (error) => heard.push(error),
    });
    const pg = await import('pg');
    const admin = new pg.default.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(
        handle.db,
      );
      // What a restart or a failover does to every connection the pool holds idle.
      await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      await vi.waitFor(() => expect(heard.length).toBe(1));
      const again = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      expect(again.rows[0]?.one).toBe(1);
    } finally {
      await admin.end();
      await handle.close();
    }
  });

  it('carries on when the server ends a connection that is checked out between statements', async () => {
    const heard: Error[] = [];
    const handle = await openDatabase(serverUrl!, {
      onIdleConnectionError: (error) => heard.push(error),
    });
    const pg = await import('pg');
    const admin = new pg.default.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      // A connection held across statements (a transaction, a read retried) is not idle: the
      // pool's own listener is off it, and an unheard 'error' would end the process.
      await expect(
        handle.db.connection().execute(async (conn) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
          await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
          await vi.waitFor(() => expect(heard.length).toBe(1));
          await sql`select 1`.execute(conn);
        }),
      ).rejects.toThrow();
      const again = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      expect(again.rows[0]?.one).toBe(1);
    } finally {
      await admin.end();
      await handle.close();
    }
  });
});
