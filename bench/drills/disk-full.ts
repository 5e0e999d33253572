/**
 * Drill: the disk fills while the server is serving.
 *
 * The data folder is a small tmpfs of its own (`mount -t tmpfs -o size=...`, as root); the
 * server runs on it and command-line imports of synthetic feeds fill it until one is refused.
 * Then, with the disk still full: the refused import must say PL_STORAGE_FULL (exit 1, no
 * stack), have left none of its meetings, the server must answer a write with 507
 * PL_STORAGE_FULL and keep answering reads, and the file must pass `integrity_check`. The
 * tmpfs is then grown (`mount -o remount,size=...`, the operator freeing room) and an import
 * and a write must succeed on the same running server.
 *
 * Without the right to mount, the drill runs in process on a SQLite file capped with
 * `PRAGMA max_page_count` instead, and says so (`"disk": "max_page_count"`).
 *
 * Prints JSON. Bounded (a minute or two) and on loopback only.
 *   npm run -s drill:disk-full -- --size-mb 24 --count 3000
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { startServe } from './serve.js';

const { values } = parseArgs({
  options: {
    'size-mb': { type: 'string', default: '24' },
    count: { type: 'string', default: '3000' },
    'max-imports': { type: 'string', default: '60' },
  },
});
const sizeMb = Number(values['size-mb']);
const count = Number(values.count);
const maxImports = Number(values['max-imports']);
const dir = mkdtempSync(join(tmpdir(), 'porchlight-disk-full-'));
const dataDir = join(dir, 'data');
const cli = join(process.cwd(), 'bin/porchlight.js');
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'error', PORCHLIGHT_DEMO: '0' };
const load = () => loadavg().map((l) => Math.round(l * 100) / 100);

interface Run {
  status: number | null;
  stderr: string;
}

function run(args: string[]): Run {
  const result = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

function must(args: string[]): void {
  const result = run(args);
  if (result.status !== 0) throw new Error(`porchlight ${args.join(' ')}: ${result.stderr}`);
}

function mountTmpfs(): boolean {
  mkdirSync(dataDir, { recursive: true });
  const mounted = spawnSync('mount', [
    '-t',
    'tmpfs',
    '-o',
    `size=${sizeMb}m,mode=0700`,
    'tmpfs',
    dataDir,
  ]);
  return mounted.status === 0;
}

/** What the file holds, read beside the server: meetings per source and the integrity check. */
function inspect(): { meetings: Record<string, number>; integrity: string } {
  const db = new Database(join(dataDir, 'porchlight.db'), { readonly: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const rows = db
      .prepare(
        'select s.name as name, count(m.id) as n from sources s left join meetings m on m.source_id = s.id group by s.name',
      )
      .all() as { name: string; n: number }[];
    return { meetings: Object.fromEntries(rows.map((r) => [r.name, r.n])), integrity };
  } finally {
    db.close();
  }
}

/** The file's state as the drill judges it: intact, and the refused source's meetings. */
function stateOf(refusedSource: string) {
  const state = inspect();
  return {
    integrity: state.integrity,
    refusedSourceMeetings: state.meetings[refusedSource] ?? 0,
    wholeSources: Object.values(state.meetings).filter((n) => n === count).length,
  };
}

/** A write of the JSON API: a personal space's encrypted blob of about 200 KB. */
async function write(port: number, n: number): Promise<{ status: number; code?: string }> {
  const res = await fetch(
    `http://127.0.0.1:${port}/api/v1/space/A1b2C3d4E5f6G7h8I9j0Kl/blobs/b${n}`,
    {
      method: 'PUT',
      headers: { authorization: `Bearer ${'T'.repeat(43)}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        expectedVersion: 0,
        ciphertext: Buffer.alloc(200_000, n).toString('base64'),
      }),
    },
  );
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
  return {
    status: res.status,
    ...(body.error?.code !== undefined ? { code: body.error.code } : {}),
  };
}

async function reads(port: number): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  for (const path of ['/healthz', '/api/v1/meetings?limit=20', '/meeting-guide.json', '/']) {
    statuses[path] = (await fetch(`http://127.0.0.1:${port}${path}`)).status;
  }
  return statuses;
}

async function onTmpfs(): Promise<unknown> {
  const feed = join(dir, 'feed.json');
  must(['demo', '--count', String(count), '--output', feed]);
  must(['migrate']);
  const port = 18_900 + (process.pid % 100);
  const server = await startServe(cli, env, port);
  try {
    // Fill the disk with imports beside the running server, until one is refused.
    let imported = 0;
    let refused: Run | undefined;
    while (imported < maxImports) {
      const result = run(['import', feed, '--source', `fill-${imported}`]);
      if (result.status !== 0) {
        refused = result;
        break;
      }
      imported++;
    }
    if (refused === undefined) throw new Error(`the disk did not fill in ${maxImports} imports`);
    const refusedSource = `fill-${imported}`;
    const full = {
      importsBeforeFull: imported,
      refusedImport: {
        exitCode: refused.status,
        message: refused.stderr.trim().split('\n')[0],
        saysStorageFull: refused.stderr.includes('PL_STORAGE_FULL'),
        printsStack: /\n\s+at /.test(refused.stderr),
      },
      serverWrite: await write(port, 1),
      reads: await reads(port),
      ...stateOf(refusedSource),
    };
    // Room again, as an operator would free the disk; the server is not restarted.
    spawnSync('mount', ['-o', `remount,size=${sizeMb * 4}m`, dataDir]);
    const again = run(['import', feed, '--source', refusedSource]);
    const afterRoom = {
      importExitCode: again.status,
      serverWrite: await write(port, 2),
      reads: await reads(port),
      ...stateOf(refusedSource),
    };
    const passed =
      full.refusedImport.exitCode === 1 &&
      full.refusedImport.saysStorageFull &&
      !full.refusedImport.printsStack &&
      full.serverWrite.status === 507 &&
      full.serverWrite.code === 'PL_STORAGE_FULL' &&
      Object.values(full.reads).every((s) => s === 200) &&
      full.integrity === 'ok' &&
      full.refusedSourceMeetings === 0 &&
      afterRoom.importExitCode === 0 &&
      afterRoom.serverWrite.status === 200 &&
      afterRoom.integrity === 'ok' &&
      afterRoom.refusedSourceMeetings === count;
    return { disk: `tmpfs ${sizeMb} MB`, meetingsPerImport: count, full, afterRoom, passed };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

/** The fallback without mount rights: the same promises, in process, on a capped file. */
async function onCappedFile(): Promise<unknown> {
  const { sql } = await import('kysely');
  const { createTestApp } = await import('../../test/support/app.js');
  const { importFeed } = await import('../../src/sources/import-feed.js');
  const { generateSyntheticFeed } = await import('../../src/demo/synthetic-feed.js');
  const { isPorchlightError } = await import('../../src/platform/errors.js');
  mkdirSync(dataDir, { recursive: true });
  const app = await createTestApp({ databaseUrl: `sqlite:${join(dataDir, 'porchlight.db')}` });
  try {
    const rows = generateSyntheticFeed(count, { seed: 1 });
    const pages = await sql<{ page_count: number }>`pragma page_count`.execute(app.database.db);
    await sql
      .raw(`pragma max_page_count = ${pages.rows[0]!.page_count + sizeMb * 256}`)
      .execute(app.database.db);
    let imported = 0;
    let code: string | undefined;
    while (imported < maxImports && code === undefined) {
      try {
        await importFeed(app.importDeps, { source: `fill-${imported}`, location: 'rows', rows });
        imported++;
      } catch (error) {
        code = isPorchlightError(error) ? error.code : String(error);
      }
    }
    const readStatus = (await app.server.inject({ url: '/api/v1/meetings?limit=20' })).statusCode;
    await sql.raw('pragma max_page_count = 1073741823').execute(app.database.db);
    await importFeed(app.importDeps, { source: `fill-${imported}`, location: 'rows', rows });
    return {
      disk: 'max_page_count',
      importsBeforeFull: imported,
      refusedWith: code,
      readStatus,
      passed: code === 'PL_STORAGE_FULL' && readStatus === 200,
    };
  } finally {
    await app.close();
  }
}

const loadBefore = load();
const started = performance.now();
let mounted = false;
try {
  mounted = mountTmpfs();
  const result = mounted ? await onTmpfs() : await onCappedFile();
  console.log(
    JSON.stringify(
      {
        drill: 'disk-full',
        ...(result as object),
        seconds: Math.round((performance.now() - started) / 100) / 10,
        loadAverage: { start: loadBefore, end: load() },
      },
      null,
      2,
    ),
  );
  if ((result as { passed: boolean }).passed !== true) process.exitCode = 1;
} finally {
  if (mounted) spawnSync('umount', [dataDir]);
  rmSync(dir, { recursive: true, force: true });
}
