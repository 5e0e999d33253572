/**
 * Drill: `kill -9` in the middle of work, and nothing lost or half applied.
 *
 * 1. An import of a synthetic feed is killed at several moments (a seeded spread over how long a
 *    whole import takes); after each, the SQLite file must pass `integrity_check` and hold either
 *    none or all of the feed's meetings, never part.
 * 2. A server under load (autocannon on the search API) is killed; restarted on the same data,
 *    it must be ready and serve the same meetings (count and a digest of the Meeting Guide feed).
 *
 * Prints JSON. Bounded (a few minutes) and on loopback only.
 *   npm run -s drill:kill -- --count 20000 --kills 5
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { startServe } from './serve.js';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '20000' }, kills: { type: 'string', default: '5' } },
});
const count = Number(values.count);
const kills = Number(values.kills);
const dir = mkdtempSync(join(tmpdir(), 'porchlight-drill-'));
const cli = join(process.cwd(), 'bin/porchlight.js');
const env = {
  ...process.env,
  DATA_DIR: join(dir, 'data'),
  LOG_LEVEL: 'warn',
  PORCHLIGHT_DEMO: '0',
};

function run(args: string[]): void {
  const result = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`porchlight ${args.join(' ')}: ${result.stderr}`);
}

function meetingsOf(source: string): { count: number; integrity: string } {
  const db = new Database(join(dir, 'data/porchlight.db'), { readonly: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const row = db
      .prepare(
        'select count(*) as n from meetings m join sources s on s.id = m.source_id where s.name = ?',
      )
      .get(source) as { n: number } | undefined;
    return { count: row?.n ?? 0, integrity };
  } catch {
    return { count: 0, integrity: 'ok' };
  } finally {
    db.close();
  }
}

function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function killedImports(): Promise<unknown> {
  const feed = join(dir, 'feed.json');
  run(['demo', '--count', String(count), '--output', feed]);
  run(['migrate']);
  // How long a whole import takes here, to spread the kills over it.
  const started = performance.now();
  run(['import', feed, '--source', 'timing']);
  const wholeMs = performance.now() - started;
  const outcomes: { killAfterMs: number; meetings: number; integrity: string; whole: boolean }[] =
    [];
  for (let i = 0; i < kills; i++) {
    // Spread from early in the import to just past its end, so both sides of the commit are hit.
    const killAfterMs = Math.round(wholeMs * 1.15 * ((i + 1) / kills));
    const child = spawn(process.execPath, [cli, 'import', feed, '--source', `killed-${i}`], {
      env,
      stdio: 'ignore',
    });
    await new Promise((resolve) => setTimeout(resolve, killAfterMs));
    child.kill('SIGKILL');
    await waitExit(child);
    const { count: meetings, integrity } = meetingsOf(`killed-${i}`);
    outcomes.push({
      killAfterMs,
      meetings,
      integrity,
      whole: meetings === 0 || meetings === count,
    });
  }
  return {
    wholeImportMs: Math.round(wholeMs),
    kills: outcomes,
    halfApplied: outcomes.filter((o) => !o.whole).length,
    corrupt: outcomes.filter((o) => o.integrity !== 'ok').length,
  };
}

function startServer(port: number): Promise<ChildProcess> {
  return startServe(cli, env, port, { detached: true });
}

async function feedDigest(port: number): Promise<{ rows: number; sha256: string }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/meeting-guide.json`)).text();
  const rows = (JSON.parse(text) as unknown[]).length;
  return { rows, sha256: createHash('sha256').update(text).digest('hex') };
}

async function killedServer(): Promise<unknown> {
  const port = 18_700 + (process.pid % 200);
  let server = await startServer(port);
  const before = await feedDigest(port);
  const load = autocannon({
    url: `http://127.0.0.1:${port}/api/v1/search?near=40.7,-74.0&radius=25`,
    connections: 20,
    duration: 4,
  });
  await new Promise((resolve) => setTimeout(resolve, 2000));
  server.kill('SIGKILL');
  await waitExit(server);
  const underLoad = await load;
  const restartAt = performance.now();
  server = await startServer(port);
  const readyMs = Math.round(performance.now() - restartAt);
  const after = await feedDigest(port);
  server.kill('SIGTERM');
  await waitExit(server);
  return {
    requestsBeforeKill: underLoad.requests.total,
    readyAgainMs: readyMs,
    before,
    after,
    same: before.rows === after.rows && before.sha256 === after.sha256,
  };
}

try {
  const imports = await killedImports();
  const server = await killedServer();
  console.log(JSON.stringify({ drill: 'kill', count, imports, server }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
