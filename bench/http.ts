/**
 * `npm run -s bench:http [-- --count N --duration S --connections N --pipelining N --gzip --profile DIR
 * --cases search,rural,city,home,finder,finder-unique]`: the whole HTTP stack under load. A server child (`--child-server`) builds the app with createApp
 * on a SQLite file database in a fresh temporary directory, imports 250,000 synthetic meetings
 * through the real importer (which also builds the search index) and listens on 127.0.0.1; the
 * parent then runs autocannon against `/healthz` (the baseline, measured in the same run) and
 * against `/api/v1/search` with rotating sets of queries: a realistic mix (`search`), random points of
 * the lower 48, mostly rural (`rural`), and a dense city (`city`, 25 miles around Manhattan). Before it listens, the child
 * also builds the index from the loaded database twice, a page at a time (as the server does)
 * and from every meeting read at once, and reports each one's time and peak memory growth.
 *
 * Server-rendered pages: `home` is the bare finder `/` (the default view: online and phone
 * meetings, counts over the whole directory), `finder` the finder page for a rotating set of
 * searches (`/en/?near=...`, sometimes a radius, a day or a program), as a browser asks for them.
 * 500 rotating searches repeat within the minute, so the page cache of decision 0126 serves most
 * of them; `finder-unique` asks for a finder page no request asked before (a place and filters
 * of its own), so every one is searched, rendered and kept: what a first search costs.
 * During every run a probe in a process of its own opens a new connection every 200 ms and asks
 * for `/healthz` on it, timing the connection and the answer: what a newcomer waits while the
 * open connections keep the server busy.
 *
 * The server runs in a child so the load generator does not share its event loop; on a small
 * machine both still share the cores, and the report says how many there were. `--gzip` sends
 * `accept-encoding: gzip` as browsers do (off by default: the figure is then the engine's and
 * the JSON's, not zlib's). `--profile DIR` writes a CPU profile of the server during each run
 * except the baseline (not the load) to DIR/<case>.cpuprofile.
 *
 * Prints one JSON document on stdout; progress goes to stderr. The exit code is 0 even when a
 * target is missed ("pass": false says so), and 1 only when the server fails to start or dies.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { pino } from 'pino';
import {
  cityPaths,
  finderPaths,
  ruralPaths,
  searchPaths,
  uniqueFinderPaths,
} from './http-paths.js';
import { ServerChild } from './server-child.js';
import { createApp, type App } from '../src/app.js';
import { generateSyntheticFeed } from '../src/demo/synthetic-feed.js';
import { loadConfig } from '../src/platform/config.js';
import { importFeed, type ImportDeps } from '../src/sources/import-feed.js';
import { loadSearchIndex } from '../src/search/load-index.js';
import { SearchIndex } from '../src/search/search-index.js';
import {
  intFlag,
  machineInfo,
  makeTempDir,
  progress,
  ratio,
  repoRoot,
  reportToParent,
  round,
  rssMb,
  timed,
  toMb,
} from './measure.js';

const script = fileURLToPath(import.meta.url);

const targets = {
  /** Search requests per second divided by /healthz's, both measured in this run. */
  minSearchToHealthzThroughput: 0.35,
  maxSearchP99Ms: 25,
  /** Finder pages per second with 20,000 meetings (issue 20); checked only at that size or less. */
  minFinderPagesPerSec: 1000,
  finderTargetMeetings: 20_000,
  /** The slowest new connection's answer during any run. */
  maxNewConnectionMs: 1000,
  maxErrors: 0,
  maxNon2xx: 0,
};

// --- the server child --------------------------------------------------------------------------

/** What the child reports once it listens. */
interface Ready {
  kind: 'ready';
  port: number;
  meetings: number;
  indexed: number;
  createAppMs: number;
  generateMs: number;
  loadMs: number;
  /** The part of loadMs spent in the app's change hook: rebuilding the search index. */
  indexMs: number;
  rssAfterLoadMb: number;
  heapUsedAfterLoadMb: number;
  indexBuild: IndexBuildMemory;
  /** In-person meetings' coordinates, for queries near where meetings are. */
  points: [number, number][];
}

/** The child's cumulative counters; the parent takes differences around each run. */
interface Stats {
  kind: 'stats';
  at: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  eluIdle: number;
  eluActive: number;
  rssMb: number;
  maxRssMb: number;
}

function stats(): Stats {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  return {
    kind: 'stats',
    at: performance.now(),
    cpuUserMs: round(cpu.user / 1000, 1),
    cpuSystemMs: round(cpu.system / 1000, 1),
    eluIdle: elu.idle,
    eluActive: elu.active,
    rssMb: rssMb(),
    maxRssMb: toMb(process.resourceUsage().maxRSS * 1024),
  };
}

async function serveChild(dbFile: string, count: number): Promise<void> {
  // An empty environment: the figures must not depend on whatever DATABASE_URL or PUBLIC_URL the
  // shell running the benchmark happens to export.
  const config = loadConfig(
    {},
    { databaseUrl: `sqlite:${dbFile}`, demo: false, logLevel: 'silent', host: '127.0.0.1' },
  );
  const created = await timed(() => createApp(config, { logger: pino({ level: 'silent' }) }));
  const app = created.value;
  app.geocoder.preload?.();

  const { generateMs, loadMs, indexMs, report, points } = await loadFeed(app, count);
  if (report.outcome !== 'applied' || report.added + report.skipped !== count) {
    throw new Error(
      `import: outcome ${report.outcome}, ${report.added} added, ${report.skipped} skipped of ${count}`,
    );
  }
  if (app.search.size === 0) throw new Error('the search index is empty after the import');
  const indexBuild = await compareBuilds(app);

  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address() as AddressInfo;
  const memory = process.memoryUsage();
  reportToParent({
    kind: 'ready',
    port: address.port,
    meetings: report.added,
    indexed: app.search.size,
    createAppMs: created.ms,
    generateMs,
    loadMs,
    indexMs,
    rssAfterLoadMb: toMb(memory.rss),
    heapUsedAfterLoadMb: toMb(memory.heapUsed),
    indexBuild,
    points,
  } satisfies Ready);

  let profiler: Session | undefined;
  const lines = createInterface({ input: process.stdin });
  // One command per line; every command gets exactly one JSON line back, in order.
  for await (const line of lines) {
    const [command, arg] = line.trim().split(' ');
    if (command === 'stats') reportToParent(stats());
    else if (command === 'profile-start') {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      reportToParent({ kind: 'profiling' });
    } else if (command === 'profile-stop' && profiler !== undefined && arg !== undefined) {
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      profiler = undefined;
      writeFileSync(arg, JSON.stringify(profile));
      reportToParent({ kind: 'profiled', file: arg });
    } else reportToParent({ kind: 'error', message: `unknown command: ${line}` });
  }
  // The parent closed stdin (or died): shut down cleanly so `--cpu-prof` can write its file.
  await app.close();
  process.exit(0);
}

/** Peak memory of building the index from the store: a page at a time, and all at once. */
interface IndexBuildMemory {
  pagedMs: number;
  pagedPeakMb: number;
  wholeMs: number;
  wholePeakMb: number;
}

/**
 * Builds the index from the loaded database twice, as the server does (pages of 5,000 meetings
 * by id) and by reading every meeting first, sampling JS heap + typed arrays after each page
 * (and, for the whole read, once all meetings are in memory and after the build). Growth over a
 * collected baseline; garbage not yet collected counts, alike for both.
 */
async function compareBuilds(app: App): Promise<IndexBuildMemory> {
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const now = Date.now();
  progress('server: building the index from the store a page at a time');
  collect();
  let base = used();
  let peak = base;
  const paged = await timed(() =>
    loadSearchIndex(app.repos.meetings, { now, onPage: () => (peak = Math.max(peak, used())) }),
  );
  peak = Math.max(peak, used());
  const pagedPeakMb = toMb(peak - base);
  paged.value.refresh(now);

  progress('server: building the index from every meeting read at once');
  collect();
  base = used();
  peak = base;
  const whole = await timed(async () => {
    const meetings = await app.repos.meetings.all();
    peak = Math.max(peak, used());
    const index = SearchIndex.build(meetings, { now });
    peak = Math.max(peak, used());
    return index;
  });
  whole.value.refresh(now);
  collect();
  return { pagedMs: paged.ms, pagedPeakMb, wholeMs: whole.ms, wholePeakMb: toMb(peak - base) };
}

/**
 * Generates the feed and imports it through the app's own import path, which rebuilds the search
 * index before it returns. The rows are dropped on return: the database and the index hold them.
 */
async function loadFeed(app: App, count: number) {
  const generated = await timed(() => generateSyntheticFeed(count, { seed: 1 }));
  const rows = generated.value;
  progress(`server: importing ${count} meetings`);
  // The app's own import dependencies, with its change hook (the index rebuild) timed.
  const rebuildIndex = app.importDeps.onChange;
  let indexMs = 0;
  const deps: ImportDeps = {
    ...app.importDeps,
    onChange: async (change) => {
      const start = performance.now();
      await rebuildIndex?.(change);
      indexMs = round(performance.now() - start, 1);
    },
  };
  const loaded = await timed(() =>
    importFeed(deps, { source: 'bench', location: 'synthetic:seed-1', rows }),
  );
  return {
    generateMs: generated.ms,
    loadMs: loaded.ms,
    indexMs,
    report: loaded.value,
    points: samplePoints(rows, 512),
  };
}

/** Up to `n` coordinates of in-person meetings, evenly spread over the feed. */
function samplePoints(rows: readonly Record<string, unknown>[], n: number): [number, number][] {
  const inPerson = rows.filter((row) => row.approximate === 'no');
  const step = Math.max(1, Math.floor(inPerson.length / n));
  const points: [number, number][] = [];
  for (let i = 0; i < inPerson.length && points.length < n; i += step) {
    const row = inPerson[i]!;
    points.push([Number(row.latitude), Number(row.longitude)]);
  }
  return points;
}

// --- the parent: talking to the child ----------------------------------------------------------

/** Spawns `node --import tsx bench/http.ts --child-server ...`; `BENCH_NODE_FLAGS` adds flags. */
function spawnServer(dbFile: string, count: number): ServerChild {
  const extra = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter((f) => f !== '');
  const child = spawn(
    process.execPath,
    [...extra, '--expose-gc', '--import', 'tsx', script, '--child-server', dbFile, String(count)],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return new ServerChild(child);
}

// --- the parent: queries and load --------------------------------------------------------------

interface Warmup {
  requests: number;
  non2xx: number;
  /** A few refused paths with their status and error code, to fix the query set or the server. */
  examples: { path: string; status: number; code?: string }[];
}

/** Requests each path once, one at a time: warms the JIT and checks the query set is valid. */
async function warmUp(base: string, paths: readonly string[], headers: Record<string, string>) {
  const result: Warmup = { requests: 0, non2xx: 0, examples: [] };
  for (const path of paths) {
    const response = await fetch(`${base}${path}`, { headers });
    const body = await response.text();
    result.requests++;
    if (response.status >= 200 && response.status < 300) continue;
    result.non2xx++;
    if (result.examples.length < 5) {
      let code: string | undefined;
      try {
        code = (JSON.parse(body) as { error?: { code?: string } }).error?.code;
      } catch {
        // not JSON: the status says enough
      }
      result.examples.push({ path, status: response.status, ...(code ? { code } : {}) });
    }
  }
  return result;
}

interface Load {
  connections: number;
  /** Requests each connection sends before waiting for answers (autocannon's pipelining). */
  pipelining: number;
  durationS: number;
  headers: Record<string, string>;
}

/** A run's paths: the `i`-th request's path. */
type PathMaker = (i: number) => string;

/** Paths that cycle through a fixed set. */
function cycling(paths: readonly string[]): PathMaker {
  return (i) => paths[i % paths.length]!;
}

/** One autocannon run; the `i`-th request across all connections asks for `pathOf(i)`. */
function cannon(base: string, pathOf: PathMaker, load: Load): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: base,
    connections: load.connections,
    pipelining: load.pipelining,
    duration: load.durationS,
    headers: load.headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: pathOf(next++) }),
      },
    ],
  });
}

/** The server's CPU and event-loop use between two snapshots. */
function serverUse(before: Stats, after: Stats) {
  const wallMs = after.at - before.at;
  const cpuMs = after.cpuUserMs + after.cpuSystemMs - (before.cpuUserMs + before.cpuSystemMs);
  const active = after.eluActive - before.eluActive;
  const idle = after.eluIdle - before.eluIdle;
  return {
    /** 100 = one core busy the whole run. */
    cpuPercent: round((cpuMs / wallMs) * 100, 0),
    /** 1 = the server's event loop never waited: it was the bottleneck. */
    eventLoopUtilization: round(active / Math.max(1, active + idle), 2),
    rssMb: after.rssMb,
    maxRssMb: after.maxRssMb,
  };
}

function summarise(
  path: string,
  result: autocannon.Result,
  server: ReturnType<typeof serverUse>,
  clientCpuPercent: number,
) {
  return {
    path,
    requestsPerSec: round(result.requests.mean, 0),
    requestsPerSecStddev: round(result.requests.stddev, 0),
    totalRequests: result.requests.total,
    durationS: result.duration,
    latencyMs: {
      mean: round(result.latency.mean, 2),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    meanBytesPerResponse:
      result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    server,
    loadGeneratorCpuPercent: clientCpuPercent,
  };
}

async function measure(
  child: ServerChild,
  base: string,
  pathOf: PathMaker,
  load: Load,
  profileFile?: string,
) {
  const probe = await startProbe(base);
  const before = await child.ask<Stats>('stats');
  const queueBefore = listenQueueCounters();
  if (profileFile !== undefined) await child.ask('profile-start');
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const result = await cannon(base, pathOf, load);
  const clientCpu = process.cpuUsage(clientBefore);
  const newConnections = await probe.stop();
  const clientPercent = round(
    ((clientCpu.user + clientCpu.system) / 1000 / (performance.now() - started)) * 100,
    0,
  );
  if (profileFile !== undefined) await child.ask(`profile-stop ${profileFile}`);
  const after = await child.ask<Stats>('stats');
  const queueAfter = listenQueueCounters();
  const cpuMs = after.cpuUserMs + after.cpuSystemMs - (before.cpuUserMs + before.cpuSystemMs);
  return {
    ...summarise(pathOf(0).split('?')[0]!, result, serverUse(before, after), clientPercent),
    /** The server's CPU time per answer: the figure a loaded, shared machine distorts least. */
    serverCpuMsPerRequest:
      result.requests.total > 0 ? round(cpuMs / result.requests.total, 3) : null,
    newConnections,
    listenQueue:
      queueBefore === undefined || queueAfter === undefined
        ? null
        : {
            overflows: queueAfter.overflows - queueBefore.overflows,
            drops: queueAfter.drops - queueBefore.drops,
          },
  };
}

/**
 * The kernel's counts of connections it could not queue for accept() (`ListenOverflows`) and
 * of connection attempts it dropped at a listening socket (`ListenDrops`), for the whole network
 * namespace; undefined where /proc/net/netstat is not there. A full accept queue makes a client
 * retransmit its SYN (or its request) after 1, 3, 7, 15 s: the waits of a refused newcomer.
 */
function listenQueueCounters(): { overflows: number; drops: number } | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/net/netstat', 'utf8');
  } catch {
    return undefined;
  }
  const [names, values] = text.split('\n').filter((line) => line.startsWith('TcpExt:'));
  if (names === undefined || values === undefined) return undefined;
  const keys = names.split(/\s+/);
  const numbers = values.split(/\s+/).map(Number);
  const read = (key: string) => numbers[keys.indexOf(key)] ?? 0;
  return { overflows: read('ListenOverflows'), drops: read('ListenDrops') };
}

/** What a newcomer waited during a run: fresh connections, one request each. */
interface ProbeResult {
  /** Connections opened (one every 200 ms). */
  opened: number;
  /** Answers that never came within 30 s, or connections refused. */
  failed: number;
  /** Until the connection was established (the server's kernel accepted it). */
  connectMs: { p50: number; p99: number; max: number };
  /** Until the whole `/healthz` answer arrived, from opening the connection. */
  answerMs: { p50: number; p99: number; max: number };
}

/**
 * Runs the probe (`--probe <base>`) in a process of its own, so the load generator's busy event
 * loop does not delay its timers or its timings. The probe says when it is ready, and the load
 * starts only then: on a loaded machine a child can take seconds to start, and a probe that
 * began after the load had ended would time an idle server. `stop()` ends it with the load.
 */
async function startProbe(base: string): Promise<{ stop: () => Promise<ProbeResult> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--probe', base], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let ready: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (ready = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) {
      out = out.slice('ready\n'.length);
      ready();
    }
  });
  const exited = new Promise<ProbeResult>((resolve, reject) => {
    child.once('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out) as ProbeResult);
      else reject(new Error(`the connection probe exited with code ${code}`));
    });
  });
  await Promise.race([started, exited]);
  return {
    stop: () => {
      child.stdin.end('stop\n');
      return exited;
    },
  };
}

/** The probe process: a new connection every 200 ms until told to stop, each asking `/healthz`. */
async function runProbe(base: string): Promise<void> {
  const { port, hostname } = new URL(base);
  const connects: number[] = [];
  const answers: number[] = [];
  let failed = 0;
  const one = () =>
    new Promise<void>((done) => {
      const start = performance.now();
      const socket = connect({ port: Number(port), host: hostname });
      socket.setTimeout(30_000, () => socket.destroy(new Error('timeout')));
      socket.once('connect', () => {
        connects.push(performance.now() - start);
        socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
      });
      socket.on('data', () => undefined);
      socket.once('end', () => {
        answers.push(performance.now() - start);
        done();
      });
      socket.once('error', () => {
        failed++;
        done();
      });
    });
  let stopped = false;
  process.stdin.on('data', () => (stopped = true));
  process.stdout.write('ready\n');
  const pending: Promise<void>[] = [];
  // Settle in for a moment, so the probe times a server already under load.
  await new Promise((r) => setTimeout(r, 500));
  while (!stopped) {
    pending.push(one());
    await new Promise((r) => setTimeout(r, 200));
  }
  await Promise.all(pending);
  const spread = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) =>
      round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0, 1);
    return { p50: at(0.5), p99: at(0.99), max: round(sorted[sorted.length - 1] ?? 0, 1) };
  };
  const result: ProbeResult = {
    opened: pending.length,
    failed,
    connectMs: spread(connects),
    answerMs: spread(answers),
  };
  process.stdout.write(JSON.stringify(result));
}

function stringFlag(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  return at === -1 ? undefined : argv[at + 1];
}

const allCases = ['search', 'rural', 'city', 'home', 'finder', 'finder-unique'] as const;
type Case = (typeof allCases)[number];

function casesFlag(argv: readonly string[]): Case[] {
  const raw = stringFlag(argv, 'cases');
  if (raw === undefined) return [...allCases];
  const cases = raw.split(',').filter((c) => c !== '');
  for (const c of cases) {
    if (!(allCases as readonly string[]).includes(c)) {
      process.stderr.write(`--cases takes ${allCases.join(', ')} (got ${c})\n`);
      process.exit(2);
    }
  }
  return cases as Case[];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const count = intFlag(argv, 'count', 250_000);
  const load: Load = {
    connections: intFlag(argv, 'connections', 50),
    pipelining: intFlag(argv, 'pipelining', 1),
    durationS: intFlag(argv, 'duration', 10),
    headers: argv.includes('--gzip') ? { 'accept-encoding': 'gzip' } : {},
  };
  const cases = casesFlag(argv);
  const profileDir = stringFlag(argv, 'profile');
  if (profileDir !== undefined) mkdirSync(profileDir, { recursive: true });
  const loadAtStart = round(loadavg()[0]!, 2);
  const { dir, cleanup } = makeTempDir('porchlight-bench-http');
  const dbFile = join(dir, 'bench.db');
  progress(`starting the server child with ${count} meetings in ${dbFile}`);
  const child = spawnServer(dbFile, count);
  try {
    const ready = await child.next<Ready>();
    const base = `http://127.0.0.1:${ready.port}`;
    progress(`server ready on ${base}: loaded ${ready.meetings} meetings in ${ready.loadMs} ms`);

    // Each case warms up on its own paths once each, then runs on its path maker. The unique
    // finder pages warm up on the first 500 of their kind and run on the ones after.
    const unique = uniqueFinderPaths(ready.points);
    const uniqueWarm = Array.from({ length: 500 }, (_, i) => unique(i));
    const fixed = (paths: string[]) => ({ warm: paths, run: cycling(paths) });
    const pathsOf: Record<Case, { warm: string[]; run: PathMaker }> = {
      search: fixed(searchPaths(ready.points, 2000)),
      rural: fixed(ruralPaths(2000)),
      city: fixed(cityPaths(2000)),
      home: { warm: Array<string>(200).fill('/'), run: cycling(['/']) },
      finder: fixed(finderPaths(ready.points, 500)),
      'finder-unique': { warm: uniqueWarm, run: (i) => unique(uniqueWarm.length + i) },
    };
    const warmup: Warmup = { requests: 0, non2xx: 0, examples: [] };
    for (const c of cases) {
      progress(`warm-up: ${pathsOf[c].warm.length} ${c} paths once each`);
      const w = await warmUp(base, pathsOf[c].warm, load.headers);
      warmup.requests += w.requests;
      warmup.non2xx += w.non2xx;
      warmup.examples.push(...w.examples.slice(0, 5 - warmup.examples.length));
    }
    await warmUp(base, Array<string>(500).fill('/healthz'), load.headers);

    progress(`autocannon /healthz: ${load.connections} connections, ${load.durationS} s`);
    const healthz = await measure(child, base, cycling(['/healthz']), load);
    const results: Partial<Record<Case, Awaited<ReturnType<typeof measure>>>> = {};
    for (const c of cases) {
      progress(`autocannon ${c}: ${load.connections} connections, ${load.durationS} s`);
      const profileFile =
        profileDir === undefined ? undefined : resolve(profileDir, `${c}.cpuprofile`);
      results[c] = await measure(child, base, pathsOf[c].run, load, profileFile);
    }

    const all = [healthz, ...Object.values(results)];
    const errors = all.reduce((n, r) => n + r.errors + r.timeouts, 0);
    const non2xx = all.reduce((n, r) => n + r.non2xx, 0) + warmup.non2xx;
    const slowestNewConnection = Math.max(...all.map((r) => r.newConnections.answerMs.max));
    const newConnectionFailures = all.reduce((n, r) => n + r.newConnections.failed, 0);
    const verdicts: Record<
      string,
      { pass: boolean; actual: number | null; min?: number; max?: number }
    > = {};
    for (const c of ['search', 'rural', 'city'] as const) {
      const run = results[c];
      if (run === undefined) continue;
      const throughputRatio = ratio(run.requestsPerSec, healthz.requestsPerSec);
      const name = c === 'search' ? 'search' : `${c}Search`;
      verdicts[`${name}ToHealthzThroughput`] = {
        min: targets.minSearchToHealthzThroughput,
        actual: throughputRatio,
        pass: throughputRatio !== null && throughputRatio >= targets.minSearchToHealthzThroughput,
      };
      verdicts[`${name}P99Ms`] = {
        max: targets.maxSearchP99Ms,
        actual: run.latencyMs.p99,
        pass: run.latencyMs.p99 <= targets.maxSearchP99Ms,
      };
    }
    for (const c of ['finder', 'finder-unique'] as const) {
      const run = results[c];
      if (run === undefined || ready.meetings > targets.finderTargetMeetings) continue;
      verdicts[c === 'finder' ? 'finderPagesPerSec' : 'finderUniquePagesPerSec'] = {
        min: targets.minFinderPagesPerSec,
        actual: run.requestsPerSec,
        pass: run.requestsPerSec >= targets.minFinderPagesPerSec,
      };
    }
    verdicts.newConnectionAnswerMs = {
      max: targets.maxNewConnectionMs,
      actual: slowestNewConnection,
      pass: slowestNewConnection <= targets.maxNewConnectionMs && newConnectionFailures === 0,
    };
    verdicts.errors = { max: targets.maxErrors, actual: errors, pass: errors <= targets.maxErrors };
    verdicts.non2xx = { max: targets.maxNon2xx, actual: non2xx, pass: non2xx <= targets.maxNon2xx };
    const machine = machineInfo();
    const output = {
      benchmark: 'http',
      meetings: ready.meetings,
      loadMs: ready.loadMs,
      load: {
        what: 'importFeed of generateSyntheticFeed(count, { seed: 1 }) through app.importDeps, including the search index rebuild',
        createAppMs: ready.createAppMs,
        generateMs: ready.generateMs,
        indexRebuildMs: ready.indexMs,
        indexed: ready.indexed,
        serverRssAfterLoadMb: ready.rssAfterLoadMb,
        serverHeapUsedAfterLoadMb: ready.heapUsedAfterLoadMb,
      },
      indexBuildFromStore: {
        what: 'the index built again from the loaded SQLite file: pages of 5,000 meetings by id (as the server does) vs every meeting read first; peak growth of JS heap + typed arrays',
        ...ready.indexBuild,
      },
      database: 'sqlite file (WAL) in a fresh temporary directory',
      machine: {
        ...machine,
        // Other work on a shared machine shows here; a busy start or end explains an odd run.
        loadAverage1m: { start: loadAtStart, end: round(loadavg()[0]!, 2) },
      },
      note:
        `The server runs in a child process and autocannon in the parent, but both share the ` +
        `machine's ${machine.cpus} cores, so the load generator's CPU is taken from the server's ` +
        `budget (see loadGeneratorCpuPercent and server.cpuPercent); the ratio to /healthz, ` +
        `measured in the same run, is the figure that travels between machines.`,
      settings: {
        connections: load.connections,
        pipelining: load.pipelining,
        durationS: load.durationS,
        acceptEncoding: load.headers['accept-encoding'] ?? 'none',
        cases,
        examplePaths: Object.fromEntries(cases.map((c) => [c, pathsOf[c].warm.slice(0, 3)])),
      },
      warmup,
      results: { healthz, ...results },
      ratio: Object.fromEntries(
        Object.entries(results).map(([c, r]) => [
          `${c}ToHealthzThroughput`,
          ratio(r.requestsPerSec, healthz.requestsPerSec),
        ]),
      ),
      // Server CPU per answer against /healthz's in the same run: how many times a bare answer
      // each case costs, the figure a shared machine's load distorts least.
      cpuPerRequestToHealthz: Object.fromEntries(
        Object.entries(results).map(([c, r]) => [
          c,
          r.serverCpuMsPerRequest === null || healthz.serverCpuMsPerRequest === null
            ? null
            : ratio(r.serverCpuMsPerRequest, healthz.serverCpuMsPerRequest),
        ]),
      ),
      targets: verdicts,
      ...(profileDir !== undefined ? { profiles: profileDir } : {}),
      pass: Object.values(verdicts).every((v) => v.pass),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } finally {
    await child.stop();
    cleanup();
  }
}

if (process.argv[2] === '--probe') {
  await runProbe(process.argv[3] ?? '');
} else if (process.argv[2] === '--child-server') {
  const [dbFile, count] = process.argv.slice(3);
  if (dbFile === undefined || count === undefined) {
    process.stderr.write('usage: bench/http.ts --child-server <db file> <count>\n');
    process.exit(2);
  }
  await serveChild(dbFile, Number(count));
} else {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`[bench] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
