/**
 * Drill: PostgreSQL restarted while a server is serving, and the server recovering by itself.
 *
 * Starts a PostgreSQL of its own (initdb in a temporary folder, on a spare loopback port: the
 * machine's own server is left alone), a Porchlight server on it with the demo data, and a
 * prober asking `/readyz` and the search API every 50 ms. Two seconds in, PostgreSQL is
 * restarted (`pg_ctl restart -m fast`). Prints how long readiness and search were lost, what
 * the answers were meanwhile, and whether the server needed a hand (it must not).
 * Needs PostgreSQL's binaries (Debian: /usr/lib/postgresql/<version>/bin) and to run as root or
 * postgres.   npm run -s drill:postgres-restart
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
const bin = join('/usr/lib/postgresql', versions.sort().pop() ?? '15', 'bin');
const dir = mkdtempSync(join(tmpdir(), 'porchlight-pg-drill-'));
chmodSync(dir, 0o777);
const pgData = join(dir, 'pgdata');
const pgPort = 15_432 + (process.pid % 300);
const port = 18_500 + (process.pid % 300);
const cli = join(process.cwd(), 'bin/porchlight.js');

/** Runs a PostgreSQL tool as the postgres user when we are root (initdb refuses root). */
function pg(tool: string, args: string[]): void {
  const command = [join(bin, tool), ...args];
  if (process.getuid?.() === 0)
    execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command.map(quote).join(' ')], {
      stdio: 'ignore',
    });
  else execFileSync(command[0] ?? tool, command.slice(1), { stdio: 'ignore' });
}

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

const pgOptions = `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;

interface Probe {
  at: number;
  ready: number;
  search: number;
}

async function status(url: string): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

function gaps(
  probes: Probe[],
  key: 'ready' | 'search',
): { lostMs: number; answers: Record<string, number> } {
  const bad = probes.filter((p) => p[key] !== 200);
  const answers: Record<string, number> = {};
  for (const p of bad) answers[String(p[key])] = (answers[String(p[key])] ?? 0) + 1;
  const lostMs = bad.length === 0 ? 0 : Math.round((bad.at(-1)?.at ?? 0) - (bad[0]?.at ?? 0));
  return { lostMs, answers };
}

let server: ChildProcess | undefined;
try {
  pg('initdb', ['-D', pgData, '-A', 'trust', '-U', 'postgres']);
  pg('pg_ctl', ['-D', pgData, '-o', pgOptions, '-l', join(dir, 'pg.log'), '-w', 'start']);
  server = spawn(process.execPath, [cli, 'serve', '--port', String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
      DATA_DIR: join(dir, 'data'),
      LOG_LEVEL: 'error',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; (await status(`${base}/readyz`)) !== 200; i++) {
    if (i > 1200) throw new Error('the server did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const probes: Probe[] = [];
  const start = performance.now();
  let restartedAt = 0;
  let restartMs = 0;
  const restart = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    restartedAt = performance.now() - start;
    pg('pg_ctl', [
      '-D',
      pgData,
      '-o',
      pgOptions,
      '-l',
      join(dir, 'pg.log'),
      '-m',
      'fast',
      '-w',
      'restart',
    ]);
    restartMs = Math.round(performance.now() - start - restartedAt);
  })();
  while (performance.now() - start < 12_000) {
    const at = performance.now() - start;
    const [ready, search] = await Promise.all([
      status(`${base}/readyz`),
      status(`${base}/api/v1/search?near=01301&radius=25`),
    ]);
    probes.push({ at, ready, search });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await restart;
  const last = probes.at(-1);
  console.log(
    JSON.stringify(
      {
        drill: 'postgres-restart',
        probes: probes.length,
        restartedAtMs: Math.round(restartedAt),
        postgresRestartMs: restartMs,
        readyz: gaps(probes, 'ready'),
        search: gaps(probes, 'search'),
        serverAlive: server.exitCode === null,
        recovered: last?.ready === 200 && last.search === 200,
      },
      null,
      2,
    ),
  );
} finally {
  server?.kill('SIGTERM');
  try {
    pg('pg_ctl', ['-D', pgData, '-m', 'immediate', 'stop']);
  } catch {
    // Not started, or already stopped.
  }
  rmSync(dir, { recursive: true, force: true });
}
