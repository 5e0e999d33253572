/**
 * `npm run -s bench:start [-- --runs N]`: how long a command takes to start. Each run spawns a
 * fresh Node process and times it to its exit (or, for `serve`, until `/readyz` answers 200):
 *
 * - `node -e 0`, the baseline measured in the same run: Node itself on this machine, now;
 * - `porchlight --help` and `--version` through bin/ on the compiled copy (dist/server, built
 *   first when stale), and `--help` from the TypeScript sources through tsx (what a clone that
 *   has not built runs, and what every command ran before the build existed);
 * - `porchlight serve` on a fresh data directory (migrations, demo data, search index) and again
 *   on the same directory (what a restart costs), compiled and from the sources;
 * - `porchlight serve` (compiled) on a SQLite file of `--meetings N` synthetic meetings (250,000
 *   with the default 10 runs; 5,000 for a quicker check with fewer runs), until `/readyz`, with
 *   the child's peak RSS: from the search index snapshot beside the file, and, as the same-run
 *   baseline, with the snapshot removed (the index built from the store). A third of the runs
 *   each, at most 3.
 *
 * Runs of the different commands are interleaved so a burst of load elsewhere spreads over all of
 * them. Prints one JSON document on stdout, progress on stderr; exit code 0 even when a target is
 * missed ("pass": false says so).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureServerBuild } from '../scripts/build-server.js';
import {
  intFlag,
  machineInfo,
  makeTempDir,
  median,
  progress,
  ratio,
  repoRoot,
  round,
} from './measure.js';

const targets = { maxHelpMs: 500 };
const bin = join(repoRoot, 'bin', 'porchlight.js');
const runs = intFlag(process.argv, 'runs', 10);
const meetings = intFlag(process.argv, 'meetings', runs >= 10 ? 250_000 : 5_000);
// CI's quick check (`--runs 3`) starts the large list once each way; the full run three times.
const largeRuns = Math.max(1, Math.min(3, Math.floor(runs / 3)));
const sourceRuns = Math.max(1, Math.min(3, runs));

/**
 * CPU time (user + system) of this process's finished children, in milliseconds, from
 * /proc/self/stat (Linux; clock ticks of 10 ms). CPU time suffers far less than wall time from
 * other work on a shared machine, so it shows what a command itself costs. Undefined elsewhere.
 */
function childrenCpuMs(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  // The fields after the command name, which sits in parentheses and may hold spaces.
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime are fields 16 and 17 of the whole line (13 and 14 here, 0-based).
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

const cpu = new Map<string, number>();

/** Wall time of one process from spawn to exit, in milliseconds; throws on a non-zero exit. */
function timeProcess(name: string, args: string[]): number {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'ignore' });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
  const cpuAfter = childrenCpuMs();
  if (cpuBefore !== undefined && cpuAfter !== undefined)
    cpu.set(name, (cpu.get(name) ?? 0) + cpuAfter - cpuBefore);
  return round(ms, 1);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

// The server's database is the SQLite file in its fresh data directory, whatever the shell says.
const { DATABASE_URL: _databaseUrl, PORCHLIGHT_DEMO: _demo, ...serveEnv } = process.env;

/** The child's peak resident set so far (VmHWM, Linux), in MB; undefined elsewhere. */
function peakRssMb(pid: number | undefined): number | undefined {
  const status = `/proc/${pid}/status`;
  if (pid === undefined || !existsSync(status)) return undefined;
  const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'));
  return line === null ? undefined : round(Number(line[1]) / 1024, 1);
}

/**
 * Milliseconds from spawning `serve` until /readyz answers 200, and the server's peak RSS until
 * then; the server is then stopped (SIGTERM, so it closes as an operator's restart does).
 */
async function timeServe(
  nodeArgs: readonly string[],
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ ms: number; peakRssMb: number | undefined }> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, 'serve', '--port', String(port)], {
    cwd: repoRoot,
    env: { ...serveEnv, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error('serve exited before it was ready');
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) {
        const ms = round(performance.now() - start, 1);
        return { ms, peakRssMb: peakRssMb(child.pid) };
      }
      if (performance.now() - start > 180_000) throw new Error('serve was not ready in 3 min');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
  }
}

/**
 * A data directory holding a SQLite file of `count` synthetic meetings, imported through the
 * app's own import path (as `bench:http` does); the app is closed, leaving the file.
 */
async function largeDataDir(dir: string, count: number): Promise<string> {
  const [{ createApp }, { loadConfig }, { generateSyntheticFeed }, { importFeed }, { pino }] =
    await Promise.all([
      import('../src/app.js'),
      import('../src/platform/config.js'),
      import('../src/demo/synthetic-feed.js'),
      import('../src/sources/import-feed.js'),
      import('pino'),
    ]);
  const dbFile = join(dir, 'porchlight.db');
  const config = loadConfig(
    {},
    { databaseUrl: `sqlite:${dbFile}`, dataDir: dir, demo: false, logLevel: 'silent' },
  );
  const app = await createApp(config, { logger: pino({ level: 'silent' }) });
  try {
    const rows = generateSyntheticFeed(count, { seed: 1 });
    const report = await importFeed(app.importDeps, {
      source: 'bench',
      location: 'synthetic:seed-1',
      rows,
    });
    if (report.outcome !== 'applied') throw new Error(`import: ${report.outcome}`);
  } finally {
    // Closing waits for the WAL checkpoint of the import, whose worker does not keep the
    // process alive by itself: without this, Node would find nothing to wait for and exit.
    const keepAlive = setInterval(() => undefined, 1000);
    await app.close().finally(() => clearInterval(keepAlive));
  }
  return dbFile;
}

function summary(name: string, values: number[], baselineMs: number) {
  const cpuMs = cpu.get(name);
  return {
    runs: values.length,
    meanCpuMs: cpuMs === undefined ? null : round(cpuMs / values.length, 1),
    medianMs: median(values),
    minMs: Math.min(...values),
    maxMs: Math.max(...values),
    overBaselineMs: round(median(values) - baselineMs, 1),
    timesBaseline: ratio(median(values), baselineMs),
  };
}

const build = ensureServerBuild();
progress(build.built ? `compiled dist/server in ${build.ms} ms` : 'dist/server is current');

const fromSources = ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts')];
const samples = { baseline: [] as number[], help: [] as number[], version: [] as number[] };
const sourceHelp: number[] = [];
const loadBefore = loadavg()[0] ?? 0;
for (let i = 0; i < runs; i++) {
  samples.baseline.push(timeProcess('baseline', ['-e', '0']));
  samples.help.push(timeProcess('help', [bin, '--help']));
  samples.version.push(timeProcess('version', [bin, '--version']));
  if (i < sourceRuns) sourceHelp.push(timeProcess('sourceHelp', [...fromSources, '--help']));
  progress(`run ${i + 1}/${runs}: --help ${samples.help.at(-1)} ms`);
}
const baselineMs = median(samples.baseline);

const serve = { compiledFirst: 0, compiledRestart: 0, sourcesFirst: 0, sourcesRestart: 0 };
for (const [label, args] of [
  ['compiled', [bin]],
  ['sources', fromSources],
] as const) {
  const { dir, cleanup } = makeTempDir(`porchlight-start-${label}`);
  try {
    serve[`${label}First`] = (await timeServe(args, dir)).ms;
    serve[`${label}Restart`] = (await timeServe(args, dir)).ms;
    progress(
      `serve (${label}): ready in ${serve[`${label}First`]} ms, restart ${serve[`${label}Restart`]} ms`,
    );
  } finally {
    cleanup();
  }
}

// A large list: from the snapshot, and built from the store (the snapshot removed) as the baseline.
const large = { fromSnapshot: [] as number[], built: [] as number[] };
const largeRss = { fromSnapshot: [] as number[], built: [] as number[] };
{
  // BENCH_START_LARGE_DIR: a data directory kept between runs (made on the first), to measure
  // again without importing again.
  const kept = process.env.BENCH_START_LARGE_DIR;
  const { dir, cleanup } =
    kept !== undefined
      ? { dir: kept, cleanup: () => undefined }
      : makeTempDir('porchlight-start-large');
  try {
    let dbFile = join(dir, 'porchlight.db');
    if (!existsSync(dbFile)) {
      progress(`importing ${meetings} synthetic meetings into a SQLite file`);
      dbFile = await largeDataDir(dir, meetings);
    }
    const snapshot = `${dbFile}.search-index`;
    for (let i = 0; i < largeRuns; i++) {
      rmSync(snapshot, { force: true });
      // Built from the store; its snapshot is written when it is idle or stops.
      const built = await timeServe([bin], dir, { PORCHLIGHT_DEMO: '0' });
      if (!existsSync(snapshot)) throw new Error('serve wrote no index snapshot');
      const loaded = await timeServe([bin], dir, { PORCHLIGHT_DEMO: '0' });
      large.built.push(built.ms);
      large.fromSnapshot.push(loaded.ms);
      if (built.peakRssMb !== undefined) largeRss.built.push(built.peakRssMb);
      if (loaded.peakRssMb !== undefined) largeRss.fromSnapshot.push(loaded.peakRssMb);
      progress(
        `serve on ${meetings} meetings: ready in ${loaded.ms} ms from the snapshot (peak ${loaded.peakRssMb} MB), ${built.ms} ms built (peak ${built.peakRssMb} MB)`,
      );
    }
  } finally {
    cleanup();
  }
}
const largeTargets = { maxReadyMs: 5_000, maxPeakRssMb: 400 };
const largeReady = median(large.fromSnapshot);
const largePeak = largeRss.fromSnapshot.length > 0 ? Math.max(...largeRss.fromSnapshot) : null;

const help = summary('help', samples.help, baselineMs);
process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'start',
      machine: {
        ...machineInfo(),
        loadAverage1m: [round(loadBefore, 2), round(loadavg()[0] ?? 0, 2)],
      },
      baseline: { command: 'node -e 0', ...summary('baseline', samples.baseline, baselineMs) },
      cli: {
        help,
        version: summary('version', samples.version, baselineMs),
        helpFromSources: summary('sourceHelp', sourceHelp, baselineMs),
      },
      serveUntilReady: {
        note: 'one run each: first start on an empty data directory (demo data, index), then a restart',
        ...serve,
      },
      serveLargeList: {
        meetings,
        runs: largeRuns,
        note: 'compiled serve on a SQLite file until /readyz 200; peak RSS is the VmHWM of the server at ready',
        fromSnapshot: {
          medianMs: largeReady,
          runsMs: large.fromSnapshot,
          peakRssMb: largeRss.fromSnapshot,
        },
        baselineBuiltFromStore: {
          medianMs: median(large.built),
          runsMs: large.built,
          peakRssMb: largeRss.built,
        },
        timesFaster: ratio(median(large.built), largeReady),
        targets: largeTargets,
        pass:
          largeReady <= largeTargets.maxReadyMs &&
          (largePeak === null || largePeak <= largeTargets.maxPeakRssMb),
      },
      targets,
      pass: help.medianMs <= targets.maxHelpMs,
    },
    null,
    2,
  )}\n`,
);
