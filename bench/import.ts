/**
 * `npm run -s bench:import [-- --count N --runs N]`: how long a 50,000-meeting Meeting Guide
 * feed takes to import, re-import unchanged and export, against a SQLite file database (WAL, as
 * in production) in a fresh temporary directory, with the import's peak memory. `--runs N`
 * repeats the measurements and reports the median times and the worst memory.
 *
 * Each measured step runs in a child process of its own (`--child <step> ...`), so its peak RSS
 * belongs to that step and not to the generator that made the feed. Baselines measured in the same
 * run (JSON parse + stringify of the same file; the same rows inserted into a bare SQLite table)
 * give ratios that stay meaningful on a shared, noisy machine.
 *
 * The BMLT case (`--bmlt-count N`, default 35,000, the size of the worldwide NA aggregator; 0
 * skips it) serves generated `GetSearchResults`, `GetFormats` and `GetServiceBodies` answers from
 * a local HTTP server in this process and imports them from the root server URL through the real
 * Fetcher port into a fresh database, then refreshes the unchanged source. Its baseline is
 * fetching and parsing the same three answers.
 *
 * Durability costs (`durability`): the product opens SQLite with `synchronous=FULL` (every commit
 * synced to disk); the same first import is also run with `synchronous=NORMAL` into another fresh
 * file, and 500 single-row commits (the shape of a person's edit) are timed under both settings.
 *
 * Prints one JSON document on stdout; progress goes to stderr. The exit code is 0 even when a
 * target is missed ("pass": false says so), and 1 only when the import itself misbehaves.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSyntheticFeed } from '../src/demo/synthetic-feed.js';
import { renderMeetingGuideFeed } from '../src/feeds/meeting-guide/export-feed.js';
import { systemClock } from '../src/platform/clock.js';
import type { SqliteSynchronous } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/database/connect.js';
import { migrateToLatest } from '../src/platform/database/migrate.js';
import { createRepositories, type Repositories } from '../src/repositories.js';
import { importFeed } from '../src/sources/import-feed.js';
import { importSource } from '../src/sources/import-source.js';
import type { ImportReport } from '../src/sources/model.js';
import { bmltFormats, bmltServiceBodies, generateBmltMeetings } from '../test/factories/bmlt.js';
import {
  intFlag,
  machineInfo,
  makeTempDir,
  median,
  meets,
  progress,
  ratio,
  reportToParent,
  round,
  RssSampler,
  rssMb,
  runChild,
  timed,
  toMb,
  type RssPeak,
  type Target,
} from './measure.js';

const script = fileURLToPath(import.meta.url);
const sourceName = 'bench';
const publicUrl = 'https://meetings.example.org';
/** The product's default feed size limit; raised only if a large `--count` makes a bigger file. */
const defaultFeedMaxBytes = 64 * 1024 * 1024;

const targets = {
  import: { maxMs: 5000, maxPeakRssMb: 400 },
  reimport: { maxMs: 2000 },
  export: { maxMs: 1000 },
  bmltImport: { maxMs: 6000 },
  bmltRefresh: { maxMs: 2000 },
} satisfies Record<string, Target>;

interface ImportStep extends RssPeak {
  ms: number;
  /** Opening the database and running migrations, not part of `ms`. */
  setupMs: number;
  rssBeforeMb: number;
  report: ReturnType<typeof pickCounts>;
}

interface ExportStep extends RssPeak {
  ms: number;
  rssBeforeMb: number;
  rows: number;
  bytes: number;
}

interface BaselineStep {
  /** Reading the feed file, JSON.parse, JSON.stringify back: the floor any importer pays. */
  jsonRoundTripMs: number;
  /** One prepared INSERT per row in one transaction, into a table without indexes. */
  bareSqliteInsertMs: number;
  rows: number;
}

// --- child steps -------------------------------------------------------------------------------

async function withRepos<T>(
  dbFile: string,
  work: (repos: Repositories, setupMs: number) => Promise<T>,
  synchronous: SqliteSynchronous = 'full',
): Promise<T> {
  const opened = await timed(async () => {
    const database = await openDatabase(`sqlite:${dbFile}`, { synchronous });
    await migrateToLatest(database.db as never);
    return database;
  });
  const database = opened.value;
  try {
    return await work(createRepositories(database.db), opened.ms);
  } finally {
    await database.close();
  }
}

async function importStep(
  dbFile: string,
  feedFile: string,
  synchronous: SqliteSynchronous = 'full',
): Promise<ImportStep> {
  return withRepos(
    dbFile,
    async (repos, setupMs) => {
      const deps = {
        repos,
        clock: systemClock,
        limits: {
          maxBytes: Math.max(defaultFeedMaxBytes, statSync(feedFile).size),
          timeoutMs: 30_000,
        },
      };
      const rssBeforeMb = rssMb();
      const sampler = new RssSampler(5);
      const { ms, value } = await timed(() =>
        importFeed(deps, { source: sourceName, location: feedFile }),
      );
      const peak = sampler.stop();
      return { ms, setupMs, rssBeforeMb, ...peak, report: pickCounts(value) };
    },
    synchronous,
  );
}

interface CommitsStep {
  commits: number;
  fullMs: number;
  normalMs: number;
}

/**
 * Single-row commits, one transaction each, as a person's edits arrive: the case where syncing
 * the log on every commit costs most (an import is one transaction, one sync).
 */
async function commitsStep(dir: string, commits: number): Promise<CommitsStep> {
  const { default: SQLite } = await import('better-sqlite3');
  const time = async (synchronous: SqliteSynchronous) => {
    const file = join(dir, `commits-${synchronous}.db`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    const sqlite = new SQLite(file);
    try {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma(`synchronous = ${synchronous.toUpperCase()}`);
      sqlite.exec('CREATE TABLE edits (id INTEGER PRIMARY KEY, data TEXT NOT NULL)');
      const insert = sqlite.prepare('INSERT INTO edits (data) VALUES (?)');
      const one = sqlite.transaction((i: number) => insert.run(`edit ${i}`));
      return (
        await timed(() => {
          for (let i = 0; i < commits; i++) one(i);
        })
      ).ms;
    } finally {
      sqlite.close();
    }
  };
  const normalMs = await time('normal');
  const fullMs = await time('full');
  return { commits, fullMs, normalMs };
}

/** Imports a BMLT root server's answers into the database file, as `porchlight import` would. */
async function bmltImportStep(dbFile: string, root: string): Promise<ImportStep> {
  return withRepos(dbFile, async (repos, setupMs) => {
    const deps = {
      repos,
      clock: systemClock,
      limits: { maxBytes: 4 * defaultFeedMaxBytes, timeoutMs: 60_000 },
    };
    const rssBeforeMb = rssMb();
    const sampler = new RssSampler(5);
    const { ms, value } = await timed(() =>
      importSource(deps, { source: 'bench-bmlt', location: root, format: 'bmlt' }),
    );
    const peak = sampler.stop();
    return { ms, setupMs, rssBeforeMb, ...peak, report: pickCounts(value) };
  });
}

/** The floor of any BMLT importer: fetching the three answers and parsing their JSON. */
async function bmltBaselineStep(root: string): Promise<{ fetchParseMs: number; bytes: number }> {
  const { ms, value } = await timed(async () => {
    let bytes = 0;
    for (const switcher of ['GetSearchResults', 'GetFormats', 'GetServiceBodies']) {
      const text = await (await fetch(`${root}client_interface/json/?switcher=${switcher}`)).text();
      bytes += Buffer.byteLength(text);
      JSON.parse(text);
    }
    return bytes;
  });
  return { fetchParseMs: ms, bytes: value };
}

async function exportStep(dbFile: string): Promise<ExportStep> {
  return withRepos(dbFile, async (repos) => {
    const rssBeforeMb = rssMb();
    const sampler = new RssSampler(5);
    const { ms, value } = await timed(async () => {
      const { text, rows } = await renderMeetingGuideFeed(repos, { publicUrl });
      return { rows, body: text };
    });
    const peak = sampler.stop();
    return { ms, rssBeforeMb, ...peak, rows: value.rows, bytes: Buffer.byteLength(value.body) };
  });
}

async function baselineStep(dbFile: string, feedFile: string): Promise<BaselineStep> {
  const roundTrip = await timed(() => {
    const rows = JSON.parse(readFileSync(feedFile, 'utf8')) as Record<string, unknown>[];
    return { rows, text: JSON.stringify(rows) };
  });
  const rows = roundTrip.value.rows;

  const { default: SQLite } = await import('better-sqlite3');
  const sqlite = new SQLite(dbFile);
  try {
    // The same pragmas as openDatabase, so the floor differs from the product only in the layers above.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.exec('CREATE TABLE bare (slug TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL)');
    // Serialised beforehand: this floor is the storage layer alone, not the JSON work.
    const values = rows.map(
      (row) => [String(row.slug), String(row.name), JSON.stringify(row)] as const,
    );
    const insert = sqlite.prepare('INSERT INTO bare (slug, name, data) VALUES (?, ?, ?)');
    const insertAll = sqlite.transaction(() => {
      for (const v of values) insert.run(v[0], v[1], v[2]);
    });
    const { ms } = await timed(() => insertAll());
    return { jsonRoundTripMs: roundTrip.ms, bareSqliteInsertMs: ms, rows: values.length };
  } finally {
    sqlite.close();
  }
}

async function runStep(args: readonly string[]): Promise<void> {
  const [step, a, b, c] = args;
  if (step === 'import' && a !== undefined && b !== undefined)
    reportToParent(await importStep(a, b, c === 'normal' ? 'normal' : 'full'));
  else if (step === 'commits' && a !== undefined && b !== undefined)
    reportToParent(await commitsStep(a, Number(b)));
  else if (step === 'export' && a !== undefined) reportToParent(await exportStep(a));
  else if (step === 'baseline' && a !== undefined && b !== undefined)
    reportToParent(await baselineStep(a, b));
  else if (step === 'bmlt-import' && a !== undefined && b !== undefined)
    reportToParent(await bmltImportStep(a, b));
  else if (step === 'bmlt-baseline' && a !== undefined) reportToParent(await bmltBaselineStep(a));
  else {
    process.stderr.write(
      `usage: bench/import.ts --child import|export|baseline|bmlt-import|bmlt-baseline|commits <db file|root|dir> [feed file|root|count] [full|normal]\n`,
    );
    process.exitCode = 2;
  }
}

// --- parent ------------------------------------------------------------------------------------

interface Run {
  baseline: BaselineStep;
  first: ImportStep;
  /** The same first import with synchronous=NORMAL, into another fresh file. */
  firstNormal: ImportStep;
  again: ImportStep;
  exported: ExportStep;
  commits: CommitsStep;
}

/** One pass: baseline, import into a fresh database, re-import, export, all in child processes. */
async function measureOnce(
  dir: string,
  feedFile: string,
  count: number,
  failures: string[],
): Promise<Run> {
  const dbFile = join(dir, 'bench.db');
  const bareFile = join(dir, 'bare.db');
  const normalFile = join(dir, 'normal.db');
  for (const file of [dbFile, bareFile, normalFile]) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }

  progress('baseline: JSON round trip and bare SQLite insert');
  const baseline = await runChild<BaselineStep>(script, [
    '--child',
    'baseline',
    bareFile,
    feedFile,
  ]);

  progress('import into a new source');
  const first = await runChild<ImportStep>(script, ['--child', 'import', dbFile, feedFile]);
  const f = first.report;
  if (f.outcome !== 'applied' || f.added !== count - f.skipped) {
    failures.push(`first import: outcome ${f.outcome}, ${f.added} added of ${count} rows`);
  }

  progress('the same import with synchronous=NORMAL, into another new file');
  const firstNormal = await runChild<ImportStep>(script, [
    '--child',
    'import',
    normalFile,
    feedFile,
    'normal',
  ]);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${normalFile}${suffix}`, { force: true });

  progress('500 single-row commits, synchronous=NORMAL then FULL');
  const commits = await runChild<CommitsStep>(script, ['--child', 'commits', dir, '500']);

  progress('re-import the unchanged file');
  const again = await runChild<ImportStep>(script, ['--child', 'import', dbFile, feedFile]);
  const r = again.report;
  if (r.added !== 0 || r.updated !== 0 || r.removed !== 0 || r.outcome !== 'unchanged') {
    failures.push(
      `re-import changed something: outcome ${r.outcome}, ${r.added} added, ${r.updated} updated, ${r.removed} removed`,
    );
  }

  progress('export the whole feed');
  const exported = await runChild<ExportStep>(script, ['--child', 'export', dbFile]);
  return { baseline, first, firstNormal, again, exported, commits };
}

interface BmltRun {
  baseline: { fetchParseMs: number; bytes: number };
  first: ImportStep;
  again: ImportStep;
}

/**
 * Serves a generated BMLT server from this process and imports it twice (new, then unchanged),
 * each import in a child process of its own.
 */
async function measureBmlt(dir: string, count: number, failures: string[]): Promise<BmltRun> {
  progress(`generating ${count} BMLT meetings`);
  const answers: Record<string, Buffer> = {
    GetSearchResults: Buffer.from(JSON.stringify(generateBmltMeetings(count, 1))),
    GetFormats: Buffer.from(JSON.stringify(bmltFormats)),
    GetServiceBodies: Buffer.from(JSON.stringify(bmltServiceBodies)),
  };
  const server = createServer((req, res) => {
    const switcher = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('switcher');
    const body = switcher === null ? undefined : answers[switcher];
    if (body === undefined) res.writeHead(404).end();
    else
      res
        .writeHead(200, { 'content-type': 'application/json', 'content-length': body.byteLength })
        .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/main_server/`;
  try {
    const dbFile = join(dir, 'bmlt.db');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
    progress('BMLT baseline: fetch and parse the answers');
    const baseline = await runChild<BmltRun['baseline']>(script, [
      '--child',
      'bmlt-baseline',
      root,
    ]);
    progress('BMLT import into a new source');
    const first = await runChild<ImportStep>(script, ['--child', 'bmlt-import', dbFile, root]);
    if (first.report.outcome !== 'applied' || first.report.added !== count - first.report.skipped)
      failures.push(`BMLT import: outcome ${first.report.outcome}, ${first.report.added} added`);
    progress('BMLT refresh of the unchanged source');
    const again = await runChild<ImportStep>(script, ['--child', 'bmlt-import', dbFile, root]);
    if (again.report.outcome !== 'unchanged')
      failures.push(`BMLT refresh changed something: outcome ${again.report.outcome}`);
    return { baseline, first, again };
  } finally {
    server.close();
  }
}

async function main(): Promise<void> {
  const count = intFlag(process.argv, 'count', 50_000);
  const bmltCount = intFlag(process.argv, 'bmlt-count', 35_000);
  const runs = intFlag(process.argv, 'runs', 1);
  const { dir, cleanup } = makeTempDir('porchlight-bench-import');
  const failures: string[] = [];
  try {
    const feedFile = join(dir, 'feed.json');
    progress(`generating ${count} meetings into ${feedFile}`);
    const generated = await timed(() => {
      const text = JSON.stringify(generateSyntheticFeed(count, { seed: 1 }));
      writeFileSync(feedFile, text);
      return Buffer.byteLength(text);
    });

    const all: Run[] = [];
    for (let i = 0; i < runs; i++) {
      if (runs > 1) progress(`run ${i + 1} of ${runs}`);
      all.push(await measureOnce(dir, feedFile, count, failures));
    }
    const last = all[all.length - 1]!;
    // Times: the median run; memory: the worst run. Ratios pair each run with its own baseline,
    // so a burst of load on the shared machine moves both sides of a ratio together.
    const ms = (pick: (run: Run) => number) => median(all.map(pick));
    const worst = (pick: (run: Run) => number) => Math.max(...all.map(pick));
    const perRun = (pick: (run: Run) => number | null) => {
      const values = all.map(pick).filter((v): v is number => v !== null);
      return values.length > 0 ? median(values) : null;
    };
    const floorOf = (run: Run) => run.baseline.jsonRoundTripMs + run.baseline.bareSqliteInsertMs;
    const samples = (pick: (run: Run) => number) => (runs > 1 ? { samplesMs: all.map(pick) } : {});

    const imported = { ms: ms((x) => x.first.ms), peakRssMb: worst((x) => x.first.peakRssMb) };
    const reimported = { ms: ms((x) => x.again.ms), peakRssMb: worst((x) => x.again.peakRssMb) };
    const exported = {
      ms: ms((x) => x.exported.ms),
      peakRssMb: worst((x) => x.exported.peakRssMb),
    };
    const results = {
      import: {
        ...imported,
        ...samples((x) => x.first.ms),
        sampledPeakRssMb: worst((x) => x.first.sampledPeakMb),
        rssSamples: last.first.samples,
        maxRssMb: worst((x) => x.first.maxRssMb),
        rssBeforeMb: last.first.rssBeforeMb,
        setupMs: last.first.setupMs,
        report: last.first.report,
        target: targets.import,
        pass: meets(targets.import, imported),
      },
      reimport: {
        ...reimported,
        ...samples((x) => x.again.ms),
        report: last.again.report,
        target: targets.reimport,
        pass: meets(targets.reimport, reimported),
      },
      export: {
        ...exported,
        ...samples((x) => x.exported.ms),
        rows: last.exported.rows,
        bytes: last.exported.bytes,
        target: targets.export,
        pass: meets(targets.export, exported),
      },
    };
    const bmlt = bmltCount > 0 ? await measureBmlt(dir, bmltCount, failures) : undefined;
    const bmltResults =
      bmlt === undefined
        ? {}
        : {
            bmltImport: {
              meetings: bmltCount,
              ms: bmlt.first.ms,
              peakRssMb: bmlt.first.peakRssMb,
              report: bmlt.first.report,
              target: targets.bmltImport,
              pass: meets(targets.bmltImport, bmlt.first),
            },
            bmltRefresh: {
              ms: bmlt.again.ms,
              peakRssMb: bmlt.again.peakRssMb,
              report: bmlt.again.report,
              target: targets.bmltRefresh,
              pass: meets(targets.bmltRefresh, bmlt.again),
            },
          };
    const output = {
      benchmark: 'import',
      meetings: count,
      runs,
      database: 'sqlite file (WAL, synchronous=FULL) in a fresh temporary directory',
      machine: machineInfo(),
      feed: { bytes: generated.value, mb: toMb(generated.value), generateAndWriteMs: generated.ms },
      results: { ...results, ...bmltResults },
      durability: {
        what: 'synchronous=FULL (the default) against NORMAL: the first import into a fresh file under each, and single-row commits (one transaction each) under each',
        importFullMs: imported.ms,
        importNormalMs: ms((x) => x.firstNormal.ms),
        importFullToNormal: perRun((x) => ratio(x.first.ms, x.firstNormal.ms)),
        commits: last.commits.commits,
        commitFullMs: round(
          ms((x) => x.commits.fullMs / x.commits.commits),
          3,
        ),
        commitNormalMs: round(
          ms((x) => x.commits.normalMs / x.commits.commits),
          3,
        ),
        commitsFullToNormal: perRun((x) => ratio(x.commits.fullMs, x.commits.normalMs)),
      },
      baseline: {
        jsonRoundTripMs: ms((x) => x.baseline.jsonRoundTripMs),
        bareSqliteInsertMs: ms((x) => x.baseline.bareSqliteInsertMs),
        floorMs: round(ms(floorOf), 1),
        ...(bmlt !== undefined
          ? { bmltFetchParseMs: bmlt.baseline.fetchParseMs, bmltAnswerBytes: bmlt.baseline.bytes }
          : {}),
      },
      ratios: {
        importToJsonRoundTrip: perRun((x) => ratio(x.first.ms, x.baseline.jsonRoundTripMs)),
        importToBareSqliteInsert: perRun((x) => ratio(x.first.ms, x.baseline.bareSqliteInsertMs)),
        importToFloor: perRun((x) => ratio(x.first.ms, floorOf(x))),
        reimportToJsonRoundTrip: perRun((x) => ratio(x.again.ms, x.baseline.jsonRoundTripMs)),
        exportToJsonRoundTrip: perRun((x) => ratio(x.exported.ms, x.baseline.jsonRoundTripMs)),
        ...(bmlt !== undefined
          ? {
              bmltImportToFetchParse: ratio(bmlt.first.ms, bmlt.baseline.fetchParseMs),
              bmltRefreshToFetchParse: ratio(bmlt.again.ms, bmlt.baseline.fetchParseMs),
            }
          : {}),
      },
      ...(failures.length > 0 ? { failures } : {}),
      pass:
        failures.length === 0 &&
        results.import.pass &&
        results.reimport.pass &&
        results.export.pass &&
        (bmlt === undefined ||
          (meets(targets.bmltImport, bmlt.first) && meets(targets.bmltRefresh, bmlt.again))),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    cleanup();
  }
}

/** The counts of an import report, without its list of problems. */
function pickCounts(report: ImportReport) {
  const {
    outcome,
    rowCount,
    added,
    updated,
    unchanged,
    removed,
    skipped,
    errorCount,
    warningCount,
  } = report;
  return {
    outcome,
    rowCount,
    added,
    updated,
    unchanged,
    removed,
    skipped,
    errorCount,
    warningCount,
  };
}

if (process.argv[2] === '--child') await runStep(process.argv.slice(3));
else await main();
