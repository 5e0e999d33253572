/**
 * `npm run -s bench:import-latency [-- --count N --rate R --baseline-seconds S --scenarios a,b]`:
 * how long requests wait while a large import runs inside the server, against the same requests
 * without an import, in the same run.
 *
 * A server child (`--child-server`) builds the app with createApp on a SQLite file (WAL) in a
 * fresh temporary directory, imports a synthetic source of `--count` meetings (default 50,000)
 * from a file, and listens on 127.0.0.1. The parent (a process of its own, idle but for the
 * probe) then sends an open-loop stream of requests: `--rate` per second (default 40) to
 * `/healthz` and as many to `/api/v1/search` with rotating realistic queries, each one timed from
 * the moment it was due, so a request stuck behind a blocked event loop counts for all of its
 * wait (a closed-loop load generator would send fewer requests during a stall and hide it).
 *
 * Windows, each measured the same way:
 * - `baseline`: no import, `--baseline-seconds` (default 10), before the scenarios and again after.
 * - `refresh-new`: a new source of `--count` other meetings is registered and refreshed inside
 *   the server (through its job runner, as a scheduled refresh runs): every meeting is added.
 * - `refresh-changed`: the first source is refreshed from a changed copy of its file (a tenth of
 *   the meetings changed, 1% gone, 1% new).
 * - `cli-import`: `porchlight import` in a process of its own puts the first file back into the
 *   live database; the window lasts until the server's search index shows it.
 *
 * Refreshes run on a thread of their own, as `serve` runs them (decision 0145);
 * `--refresh-on-server-thread` runs them on the server's thread instead, as before it.
 *
 * Besides the latencies, the server reports its own event-loop delay during each window
 * (`monitorEventLoopDelay`): the longest stretch it could not answer anything.
 *
 * Prints one JSON document on stdout; progress goes to stderr. The exit code is 0 even when a
 * target is missed ("pass": false says so), and 1 only when the server or an import fails.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { ServerChild } from './server-child.js';
import { createApp } from '../src/app.js';
import { createRandom } from '../src/demo/random.js';
import { generateSyntheticFeed } from '../src/demo/synthetic-feed.js';
import { loadConfig } from '../src/platform/config.js';
import { importFeed } from '../src/sources/import-feed.js';
import type { ImportReport } from '../src/sources/model.js';
import { refreshNow, registerSource } from '../src/sources/refresh-source.js';
import {
  intFlag,
  machineInfo,
  makeTempDir,
  progress,
  ratio,
  repoRoot,
  reportToParent,
  round,
  timed,
} from './measure.js';

const script = fileURLToPath(import.meta.url);
const scenarioNames = ['refresh-new', 'refresh-changed', 'cli-import'] as const;
type ScenarioName = (typeof scenarioNames)[number];

/**
 * A request during an import may wait for one slice of it (tens of milliseconds), not for the
 * import: its p99 stays within this multiple of the same run's baseline p99, plus a floor for
 * the scheduling noise of a shared two-core machine, and no request waits a second.
 */
const targets = { maxP99Ratio: 3, p99FloorMs: 50, maxLatencyMs: 1000 };

// --- the server child --------------------------------------------------------------------------

async function serveChild(dbFile: string, feedFile: string, onThread: boolean): Promise<void> {
  const config = loadConfig(
    {},
    { databaseUrl: `sqlite:${dbFile}`, demo: false, logLevel: 'silent', host: '127.0.0.1' },
  );
  const app = await createApp(config, {
    logger: pino({ level: 'silent' }),
    refreshOnThread: onThread,
  });
  app.geocoder.preload?.();
  progress('server: importing the first source');
  const loaded = await timed(() =>
    importFeed(app.importDeps, { source: 'base', location: feedFile }),
  );
  if (loaded.value.outcome !== 'applied') throw new Error(`import: ${loaded.value.outcome}`);
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address() as AddressInfo;
  reportToParent({
    kind: 'ready',
    port: address.port,
    meetings: loaded.value.added,
    loadMs: loaded.ms,
  });

  const delay = monitorEventLoopDelay({ resolution: 10 });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const [command, a, b] = line.trim().split(' ');
    try {
      if (command === 'loop-start') {
        delay.reset();
        delay.enable();
        reportToParent({ kind: 'ok' });
      } else if (command === 'loop-stop') {
        delay.disable();
        reportToParent({
          kind: 'loop',
          maxDelayMs: round(delay.max / 1e6, 1),
          p99DelayMs: round(delay.percentile(99) / 1e6, 1),
          meanDelayMs: round(delay.mean / 1e6, 1),
        });
      } else if (command === 'register' && a !== undefined && b !== undefined) {
        await registerSource(app.importDeps, { name: a, location: b, format: 'meeting-guide' });
        reportToParent({ kind: 'ok' });
      } else if (command === 'refresh' && a !== undefined) {
        // The path a scheduled refresh takes: the job runner's lease, then the refresh handler.
        const { ms, value } = await timed(() => refreshNow(app.importDeps, app.jobs, a));
        reportToParent({ kind: 'refreshed', ms, report: counts(value) });
      } else if (command === 'index') {
        reportToParent({
          kind: 'index',
          indexRevision: app.search.indexRevision,
          storeRevision: await app.repos.revision.current(),
          size: app.search.size,
        });
      } else reportToParent({ kind: 'error', message: `unknown command: ${line}` });
    } catch (error) {
      reportToParent({ kind: 'error', message: String(error) });
    }
  }
  await app.close();
  process.exit(0);
}

function counts(report: ImportReport) {
  const { outcome, rowCount, added, updated, unchanged, removed } = report;
  return { outcome, rowCount, added, updated, unchanged, removed };
}

// --- the parent: talking to the child ----------------------------------------------------------

function spawnServer(dbFile: string, feedFile: string, onThread: boolean): ServerChild {
  const extra = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter((f) => f !== '');
  const child = spawn(
    process.execPath,
    [
      ...extra,
      '--import',
      'tsx',
      script,
      '--child-server',
      dbFile,
      feedFile,
      onThread ? 'thread' : 'server',
    ],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return new ServerChild(child);
}

// --- the parent: the probe ---------------------------------------------------------------------

interface Latencies {
  requests: number;
  /** Answers other than 2xx, and requests that failed outright. */
  failed: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Requests that waited more than 100 ms and more than a second. */
  over100Ms: number;
  over1s: number;
  /** The slowest requests: when each was sent (seconds into the window) and how long it waited. */
  slowest: { atS: number; ms: number }[];
}

interface Sample {
  /** When the request was due, ms into the window. */
  at: number;
  ms: number;
}

function summarise(timed: Sample[], failed: number): Latencies {
  const samples = timed.map((s) => s.ms);
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0
      ? 0
      : round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!, 1);
  return {
    requests: samples.length,
    failed,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: round(sorted.at(-1) ?? 0, 1),
    over100Ms: sorted.filter((ms) => ms > 100).length,
    over1s: sorted.filter((ms) => ms > 1000).length,
    slowest: [...timed]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((s) => ({ atS: round(s.at / 1000, 2), ms: round(s.ms, 1) })),
  };
}

/**
 * Sends `rate` requests a second to each of `/healthz` and the search paths until stopped, each
 * timed from the moment it was due. Stopping waits for the answers still on their way.
 */
function startProbe(port: number, rate: number, searchPaths: readonly string[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const results = {
    healthz: { samples: [] as Sample[], failed: 0 },
    search: { samples: [] as Sample[], failed: 0 },
  };
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let next = 0;
  const send = (kind: 'healthz' | 'search', path: string) => {
    const due = performance.now();
    const done = new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          const ok = res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300;
          if (ok) results[kind].samples.push({ at: due - started, ms: performance.now() - due });
          else results[kind].failed++;
          resolve();
        });
      });
      req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        results[kind].failed++;
        resolve();
      });
      req.end();
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  const interval = 1000 / rate;
  let sent = 0;
  // One tick a millisecond sends whatever fell due, so the rate holds whatever the timer's drift.
  const timer = setInterval(() => {
    const due = Math.floor((performance.now() - started) / interval);
    for (; sent < due; sent++) {
      send('healthz', '/healthz');
      send('search', searchPaths[next++ % searchPaths.length]!);
    }
  }, 1);
  return async () => {
    clearInterval(timer);
    await Promise.all(inFlight);
    agent.destroy();
    return {
      seconds: round((performance.now() - started) / 1000, 1),
      healthz: summarise(results.healthz.samples, results.healthz.failed),
      search: summarise(results.search.samples, results.search.failed),
    };
  };
}

type ProbeResult = Awaited<ReturnType<ReturnType<typeof startProbe>>>;

interface LoopDelay {
  maxDelayMs: number;
  p99DelayMs: number;
  meanDelayMs: number;
}

/** Runs `work` with the probe going and the server's event-loop delay recorded. */
async function window<T>(
  child: ServerChild,
  port: number,
  rate: number,
  paths: readonly string[],
  work: () => Promise<T>,
): Promise<{ probe: ProbeResult; eventLoop: LoopDelay; value: T }> {
  await child.ask('loop-start');
  const stop = startProbe(port, rate, paths);
  const value = await work();
  // A moment after the work, so requests queued behind its end are answered and counted.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const probe = await stop();
  const { kind: _kind, ...eventLoop } = await child.ask<LoopDelay & { kind: string }>('loop-stop');
  return { probe, eventLoop, value };
}

/** Waits until the server's index shows the store's latest revision. */
async function indexCaughtUp(child: ServerChild): Promise<void> {
  for (;;) {
    const { indexRevision, storeRevision } = await child.ask<{
      indexRevision: number;
      storeRevision: number;
    }>('index');
    if (indexRevision >= storeRevision) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function runCli(args: readonly string[], databaseUrl: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/porchlight.js'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

// --- the parent: feeds and queries -------------------------------------------------------------

/**
 * The changed copy of a feed: every tenth meeting renamed and an hour later, one in a hundred
 * gone, and as many new ones.
 */
function changedFeed(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  rows.forEach((row, i) => {
    if (i % 100 === 1) return;
    if (i % 10 === 0) out.push({ ...row, name: `${String(row.name)} (renamed)` });
    else out.push(row);
  });
  const added = generateSyntheticFeed(Math.ceil(rows.length / 100), { seed: 3 });
  for (const row of added) out.push({ ...row, slug: `new-${String(row.slug)}` });
  return out;
}

/** Search paths near meetings' coordinates or a ZIP code, as people ask. */
function searchPaths(rows: readonly Record<string, unknown>[], n: number): string[] {
  const r = createRandom(7);
  const inPerson = rows.filter((row) => row.approximate === 'no');
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = new URLSearchParams();
    if (inPerson.length === 0 || r.chance(0.25)) p.set('near', r.pick(['01301', '74103', '10001']));
    else {
      const row = r.pick(inPerson);
      p.set('near', `${Number(row.latitude).toFixed(4)},${Number(row.longitude).toFixed(4)}`);
    }
    p.set('radius', String(r.pick([10, 25, 50])));
    if (r.chance(0.3)) p.set('day', String(r.int(0, 6)));
    if (r.chance(0.2)) p.set('attendance', r.pick(['in_person', 'online', 'hybrid']));
    p.set('limit', '25');
    paths.push(`/api/v1/search?${p.toString()}`);
  }
  return paths;
}

// --- the parent --------------------------------------------------------------------------------

function verdict(during: ProbeResult, baseline: ProbeResult) {
  const check = (kind: 'healthz' | 'search') => {
    const allowed = Math.max(baseline[kind].p99 * targets.maxP99Ratio, targets.p99FloorMs);
    return (
      during[kind].p99 <= allowed &&
      during[kind].max <= targets.maxLatencyMs &&
      during[kind].failed === 0
    );
  };
  return {
    healthzP99ToBaseline: ratio(during.healthz.p99, baseline.healthz.p99),
    searchP99ToBaseline: ratio(during.search.p99, baseline.search.p99),
    pass: check('healthz') && check('search'),
  };
}

async function main(): Promise<void> {
  const count = intFlag(process.argv, 'count', 50_000);
  const rate = intFlag(process.argv, 'rate', 40);
  const baselineSeconds = intFlag(process.argv, 'baseline-seconds', 10);
  const onThread = !process.argv.includes('--refresh-on-server-thread');
  const at = process.argv.indexOf('--scenarios');
  const wanted = (at === -1 ? scenarioNames.join(',') : (process.argv[at + 1] ?? ''))
    .split(',')
    .filter((s): s is ScenarioName => (scenarioNames as readonly string[]).includes(s));
  const { dir, cleanup } = makeTempDir('porchlight-bench-import-latency');
  const loadBefore = loadavg()[0]!;
  const failures: string[] = [];
  let child: ServerChild | undefined;
  try {
    progress(`generating feeds of ${count} meetings`);
    const baseRows = generateSyntheticFeed(count, { seed: 1 });
    const baseFile = join(dir, 'base.json');
    const changedFile = join(dir, 'base-changed.json');
    const newFile = join(dir, 'incoming.json');
    writeFileSync(baseFile, JSON.stringify(baseRows));
    writeFileSync(changedFile, JSON.stringify(changedFeed(baseRows)));
    writeFileSync(newFile, JSON.stringify(generateSyntheticFeed(count, { seed: 2 })));
    const paths = searchPaths(baseRows, 500);

    const dbFile = join(dir, 'porchlight.db');
    progress('starting the server');
    child = spawnServer(dbFile, baseFile, onThread);
    const ready = await child.next<{ port: number; meetings: number; loadMs: number }>();
    const port = ready.port;
    progress('warming up');
    const warm = startProbe(port, 200, paths);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await warm();

    const server = child;
    const measureBaseline = async (label: string) => {
      progress(`${label}: ${baselineSeconds} s without an import`);
      return window(
        server,
        port,
        rate,
        paths,
        () => new Promise((resolve) => setTimeout(resolve, baselineSeconds * 1000)),
      );
    };
    const before = await measureBaseline('baseline');
    const scenarios: Record<string, unknown> = {};
    const refresh = async (name: ScenarioName, source: string, file: string) => {
      await server.ask(`register ${source} ${file}`);
      progress(`${name}: refreshing ${source} inside the server`);
      const result = await window(server, port, rate, paths, () =>
        server.ask<{ ms: number; report: ReturnType<typeof counts> }>(`refresh ${source}`),
      );
      if (result.value.report.outcome !== 'applied')
        failures.push(`${name}: outcome ${result.value.report.outcome}`);
      return {
        importMs: result.value.ms,
        report: result.value.report,
        ...result.probe,
        serverEventLoop: result.eventLoop,
        ...verdict(result.probe, before.probe),
      };
    };
    if (wanted.includes('refresh-new'))
      scenarios['refresh-new'] = await refresh('refresh-new', 'incoming', newFile);
    if (wanted.includes('refresh-changed'))
      scenarios['refresh-changed'] = await refresh('refresh-changed', 'base', changedFile);
    if (wanted.includes('cli-import')) {
      progress('cli-import: porchlight import into the live database');
      const result = await window(server, port, rate, paths, async () => {
        const { ms, value: code } = await timed(() =>
          runCli(['import', baseFile, '--source', 'base'], `sqlite:${dbFile}`),
        );
        if (code !== 0) failures.push(`cli-import: exit code ${code}`);
        const caughtUp = await timed(() => indexCaughtUp(server));
        return { ms, indexCaughtUpMs: caughtUp.ms };
      });
      scenarios['cli-import'] = {
        importMs: result.value.ms,
        indexCaughtUpAfterMs: result.value.indexCaughtUpMs,
        ...result.probe,
        serverEventLoop: result.eventLoop,
        ...verdict(result.probe, before.probe),
      };
    }
    const after = await measureBaseline('baseline again');
    const output = {
      benchmark: 'import-latency',
      meetings: count,
      ratePerSecondPerPath: rate,
      database: 'sqlite file (WAL, synchronous=FULL) in a fresh temporary directory',
      refreshesRunOn: onThread ? 'a thread of their own' : "the server's thread",
      machine: { ...machineInfo(), loadAverageAtStart: round(loadBefore, 2) },
      serverLoadMs: ready.loadMs,
      targets,
      baseline: { ...before.probe, serverEventLoop: before.eventLoop },
      scenarios,
      baselineAfter: { ...after.probe, serverEventLoop: after.eventLoop },
      ...(failures.length > 0 ? { failures } : {}),
      pass:
        failures.length === 0 &&
        Object.values(scenarios).every((s) => (s as { pass: boolean }).pass),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    await child?.stop();
    cleanup();
  }
}

if (process.argv[2] === '--child-server') {
  const [dbFile, feedFile, where] = process.argv.slice(3);
  if (dbFile === undefined || feedFile === undefined) {
    process.stderr.write('usage: bench/import-latency.ts --child-server <db file> <feed file>\n');
    process.exit(2);
  }
  await serveChild(dbFile, feedFile, where !== 'server');
} else await main();
