import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
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

describe('a SQLite file written by a second connection', () => {
  /** Opens ours, and a second connection (better-sqlite3 itself) that is refused a lock at once. */
  async function pair(options: { lockWaitMs?: number } = {}) {
    const file = join(mkdtempSync(join(tmpdir(), 'connect-')), 'shared.db');
    const ours = await openDatabase(`sqlite:${file}`, options);
    await write(ours);
    const other = new SQLite(file);
    other.pragma('busy_timeout = 0');
    const rows = async () =>
      (await sql<{ x: number }>`select x from t order by x`.execute(ours.db)).rows.map((r) => r.x);
    return {
      ours,
      other,
      rows,
      close: async () => {
        other.close();
        await ours.close();
      },
    };
  }

  it('a transaction holds the write lock from its start, so its writes never fail for it', async () => {
    const { ours, other, rows, close } = await pair();
    try {
      await ours.db.transaction().execute(async (trx) => {
        await sql`select count(*) from t`.execute(trx);
        expect(() => other.prepare('insert into t (x) values (2)').run()).toThrow(
          expect.objectContaining({ code: 'SQLITE_BUSY' }),
        );
        await sql`insert into t (x) values (3)`.execute(trx);
      });
      other.prepare('insert into t (x) values (4)').run();
      expect(await rows()).toEqual([1, 3, 4]);
    } finally {
      await close();
    }
  });

  it('a write waits for the other connection on a timer, the event loop turning meanwhile', async () => {
    const { ours, other, rows, close } = await pair();
    try {
      other.exec('begin immediate');
      other.prepare('insert into t (x) values (2)').run();
      let written = false;
      const waiting = sql`insert into t (x) values (3)`
        .execute(ours.db)
        .then(() => (written = true));
      let turns = 0;
      while (turns < 20) {
        await new Promise((resolve) => setImmediate(resolve));
        turns++;
      }
      expect(written).toBe(false);
      other.exec('commit');
      await waiting;
      expect(await rows()).toEqual([1, 2, 3]);
      // A transaction waits the same way for its BEGIN.
      other.exec('begin immediate');
      const later = ours.db
        .transaction()
        .execute((trx) => sql`insert into t (x) values (5)`.execute(trx));
      await new Promise((resolve) => setImmediate(resolve));
      other.exec('rollback');
      await later;
      expect(await rows()).toEqual([1, 2, 3, 5]);
    } finally {
      await close();
    }
  });

  it('gives up with SQLITE_BUSY once it has waited as long as it was told', async () => {
    const { ours, other, rows, close } = await pair({ lockWaitMs: 20 });
    try {
      other.exec('begin immediate');
      await expect(sql`insert into t (x) values (2)`.execute(ours.db)).rejects.toMatchObject({
        code: 'SQLITE_BUSY',
      });
      other.exec('rollback');
      expect(await rows()).toEqual([1]);
    } finally {
      await close();
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
