import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './connect.js';
import { WalCheckpointer } from './wal-checkpointer.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'checkpoint-')), 'porchlight.db');

async function autocheckpoint(handle: DatabaseHandle): Promise<number> {
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(
    handle.db,
  );
  return rows[0]!.wal_autocheckpoint;
}

describe('checkpoints on a thread of their own', () => {
  it('are what a server asks for; a command checkpoints in the commit, as SQLite does', async () => {
    const server = await openDatabase(`sqlite:${tempFile()}`, { backgroundCheckpoints: true });
    const command = await openDatabase(`sqlite:${tempFile()}`);
    try {
      expect(await autocheckpoint(server)).toBe(0);
      expect(await autocheckpoint(command)).toBe(1000);
    } finally {
      await server.close();
      await command.close();
    }
  });

  it('copy a large commit’s log into the database, off the connection that wrote it', async () => {
    const file = tempFile();
    const handle = await openDatabase(`sqlite:${file}`);
    // Ticks an hour apart: the test asks for the checkpoint it looks at.
    const checkpointer = new WalCheckpointer(file, { intervalMs: 3_600_000 });
    try {
      await sql`pragma wal_autocheckpoint = 0`.execute(handle.db);
      await sql`create table t (x text)`.execute(handle.db);
      // Far more than the 1,000 pages after which SQLite would checkpoint in the commit.
      await sql`
        with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000)
        insert into t (x) select hex(randomblob(2000)) from n`.execute(handle.db);
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(1000 * 4096);
      const { log, checkpointed } = await checkpointer.checkpointNow();
      expect(log).toBeGreaterThan(1000);
      expect(checkpointed).toBe(log);
      const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(handle.db);
      expect(rows[0]!.n).toBe(5000);
    } finally {
      await checkpointer.close();
      await handle.close();
    }
  });
});

describe('closing the checkpoint thread', () => {
  it('keeps the process alive until the thread has ended, with nothing else to wait for', () => {
    // A server closing on SIGTERM has closed its sockets already: an unreferenced thread alone
    // would let Node end before the last checkpoint and whatever the close does after it.
    const file = tempFile();
    const script = `
      import { WalCheckpointer } from ${JSON.stringify(new URL('./wal-checkpointer.ts', import.meta.url).pathname)};
      const checkpointer = new WalCheckpointer(${JSON.stringify(file)});
      await checkpointer.close();
      console.log('closed');
    `;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('closed');
    expect(run.status).toBe(0);
  });
});
