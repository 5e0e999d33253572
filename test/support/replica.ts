import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

/**
 * A streaming replica of the local PostgreSQL server, made the way an operator makes one
 * (`pg_basebackup -R`) into a temporary folder and run on a free port. The primary must accept
 * replication connections from 127.0.0.1 (`.ci/allow-replication.sh`; docs/operating.md).
 */
export interface Replica {
  /** `primaryUrl` (any database, any options) pointed at the replica instead. */
  urlFor(primaryUrl: string): string;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  /** Stops applying the primary's changes (the replica lags from here on), and goes on again. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stops the replica's server; `remove` also deletes its folder. */
  stop(options?: { remove?: boolean }): void;
}

/**
 * The folder of the PostgreSQL programs of `major` (Debian keeps each version apart), or
 * undefined when they are not installed: replica tests skip then, and only then.
 */
export function postgresBinaries(major = 15): string | undefined {
  const candidates = [`/usr/lib/postgresql/${major}/bin`, `/usr/pgsql-${major}/bin`];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // No pg_config on the PATH: the usual folders are enough.
  }
  return candidates.find(
    (dir) => existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'pg_basebackup')),
  );
}

/** The server's major version (15 for 15.x), which the replica's programs must match. */
export async function serverMajor(primaryUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>('show server_version_num');
    return Math.floor(Number(rows[0]!.v) / 10000);
  } finally {
    await client.end();
  }
}

export async function startReplica(primaryUrl: string, bin: string): Promise<Replica> {
  const primary = new URL(primaryUrl);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-replica-'));
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user.
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, program);
    const full = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    return execFileSync(command, full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  try {
    run('pg_basebackup', [
      ...['-h', primary.hostname, '-p', primary.port || '5432'],
      ...['-U', decodeURIComponent(primary.username) || 'postgres'],
      // A throwaway copy: no waiting for the disk (`-N`), which on a busy machine takes most of
      // a minute; an operator's replica keeps both syncs.
      ...['-D', data, '-R', '-X', 'stream', '-c', 'fast', '-N'],
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(
      `pg_basebackup could not copy ${primary.host}: ${stderr.trim()}\n` +
        'The primary must accept replication connections from 127.0.0.1: run .ci/allow-replication.sh (docs/operating.md, "A read replica").',
      { cause: error },
    );
  }
  // Debian keeps the server's settings in /etc, outside the copied folder: the replica gets its
  // own, local and loopback connections only.
  const hba = join(dir, 'pg_hba.conf');
  writeFileSync(hba, 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
  writeFileSync(join(data, 'postgresql.conf'), '');
  if (asRoot) {
    execFileSync('chown', ['postgres:postgres', hba, join(data, 'postgresql.conf')]);
  }
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    `-c hba_file=${hba}`,
    '-c hot_standby=on',
    '-c shared_buffers=16MB',
    '-c ssl=off',
    '-c fsync=off',
  ].join(' ');
  const log = join(dir, 'replica.log');
  try {
    run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', settings, 'start']);
  } catch (error) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-6).join('\n') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the replica did not start: ${String(error)}\n${tail}`, { cause: error });
  }

  const urlFor = (url: string) => {
    const to = new URL(url);
    to.hostname = '127.0.0.1';
    to.port = String(port);
    return to.toString();
  };
  const query = async <T extends pg.QueryResultRow>(url: string, text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  };
  let stopped = false;
  return {
    urlFor,
    async caughtUp() {
      const [wrote] = await query<{ lsn: string }>(
        primaryUrl,
        'select pg_current_wal_lsn() as lsn',
      );
      for (let i = 0; i < 600; i += 1) {
        const [row] = await query<{ behind: boolean }>(
          urlFor(primaryUrl),
          `select pg_last_wal_replay_lsn() < '${wrote!.lsn}'::pg_lsn as behind`,
        );
        if (row?.behind === false) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the replica did not catch up with the primary within 30 s');
    },
    async pauseReplay() {
      await query(urlFor(primaryUrl), 'select pg_wal_replay_pause()');
    },
    async resumeReplay() {
      await query(urlFor(primaryUrl), 'select pg_wal_replay_resume()');
    },
    stop(options = {}) {
      if (!stopped) {
        stopped = true;
        // Thrown away or restarted from its copy: nothing to write out first.
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      }
      if (options.remove === true) rmSync(dir, { recursive: true, force: true });
    },
  };
}
