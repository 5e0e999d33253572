/**
 * `npm run bench:import [-- --count N]`: how long a 50,000-meeting Meeting Guide feed takes to
 * import, re-import unchanged and export, against a SQLite file database (WAL, as in production)
 * in a fresh temporary directory, with the import's peak memory.
 *
 * Each measured step runs in a child process of its own (`--child <step> ...`), so its peak RSS
 * belongs to that step and not to the generator that made the feed. Baselines measured in the same
 * run (JSON parse + stringify of the same file; the same rows inserted into a bare SQLite table)
 * give ratios that stay meaningful on a shared, noisy machine.
 *
 * Prints one JSON document on stdout; progress goes to stderr. The exit code is 0 even when a
 * target is missed ("pass": false says so), and 1 only when the import itself misbehaves.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSyntheticFeed } from '../src/demo/synthetic-feed.js';
import { exportMeetingGuideFeed } from '../src/feeds/meeting-guide/export-feed.js';
import { systemClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/database/connect.js';
import { migrateToLatest } from '../src/platform/database/migrate.js';
import { createRepositories, type Repositories } from '../src/repositories.js';
import { importFeed } from '../src/sources/import-feed.js';
import type { ImportReport } from '../src/sources/model.js';
import {
  intFlag,
  machineInfo,
  makeTempDir,
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
): Promise<T> {
  const opened = await timed(async () => {
    const database = await openDatabase(`sqlite:${dbFile}`);
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

async function importStep(dbFile: string, feedFile: string): Promise<ImportStep> {
  return withRepos(dbFile, async (repos, setupMs) => {
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
  });
}

async function exportStep(dbFile: string): Promise<ExportStep> {
  return withRepos(dbFile, async (repos) => {
    const rssBeforeMb = rssMb();
    const sampler = new RssSampler(5);
    const { ms, value } = await timed(async () => {
      const rows = await exportMeetingGuideFeed(repos, { publicUrl });
      return { rows: rows.length, body: JSON.stringify(rows) };
    });
    const peak = sampler.stop();
    return { ms, rssBeforeMb, ...peak, rows: value.rows, bytes: Buffer.byteLength(value.body) };
  });
}

async function baselineStep(dbFile: string, feedFile: string): Promise<BaselineStep> {
  const round_ = await timed(() => {
    const rows = JSON.parse(readFileSync(feedFile, 'utf8')) as Record<string, unknown>[];
    return { rows, text: JSON.stringify(rows) };
  });
  const rows = round_.value.rows;

  const { default: SQLite } = await import('better-sqlite3');
  const sqlite = new SQLite(dbFile);
  try {
    // The same pragmas as openDatabase, so the floor differs from the product only in the layers above.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
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
    return { jsonRoundTripMs: round_.ms, bareSqliteInsertMs: ms, rows: values.length };
  } finally {
    sqlite.close();
  }
}

async function runStep(args: readonly string[]): Promise<void> {
  const [step, a, b] = args;
  if (step === 'import' && a !== undefined && b !== undefined)
    reportToParent(await importStep(a, b));
  else if (step === 'export' && a !== undefined) reportToParent(await exportStep(a));
  else if (step === 'baseline' && a !== undefined && b !== undefined)
    reportToParent(await baselineStep(a, b));
  else {
    process.stderr.write(
      `usage: bench/import.ts --child import|export|baseline <db file> [feed file]\n`,
    );
    process.exitCode = 2;
  }
}

// --- parent ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const count = intFlag(process.argv, 'count', 50_000);
  const { dir, cleanup } = makeTempDir('porchlight-bench-import');
  const failures: string[] = [];
  try {
    const dbFile = join(dir, 'bench.db');
    const feedFile = join(dir, 'feed.json');

    progress(`generating ${count} meetings into ${feedFile}`);
    const generated = await timed(() => {
      const text = JSON.stringify(generateSyntheticFeed(count, { seed: 1 }));
      writeFileSync(feedFile, text);
      return Buffer.byteLength(text);
    });

    progress('baseline: JSON round trip and bare SQLite insert');
    const baseline = await runChild<BaselineStep>(script, [
      '--child',
      'baseline',
      join(dir, 'bare.db'),
      feedFile,
    ]);

    progress('import into a new source');
    const first = await runChild<ImportStep>(script, ['--child', 'import', dbFile, feedFile]);
    if (first.report.outcome !== 'applied' || first.report.added !== count - first.report.skipped) {
      failures.push(
        `first import: outcome ${first.report.outcome}, ${first.report.added} added of ${count} rows`,
      );
    }

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

    const results = {
      import: {
        ms: first.ms,
        peakRssMb: first.peakRssMb,
        sampledPeakRssMb: first.sampledPeakMb,
        rssSamples: first.samples,
        maxRssMb: first.maxRssMb,
        rssBeforeMb: first.rssBeforeMb,
        setupMs: first.setupMs,
        report: first.report,
        target: targets.import,
        pass: meets(targets.import, first),
      },
      reimport: {
        ms: again.ms,
        peakRssMb: again.peakRssMb,
        report: again.report,
        target: targets.reimport,
        pass: meets(targets.reimport, again),
      },
      export: {
        ms: exported.ms,
        peakRssMb: exported.peakRssMb,
        rows: exported.rows,
        bytes: exported.bytes,
        target: targets.export,
        pass: meets(targets.export, exported),
      },
    };
    const floor = baseline.jsonRoundTripMs + baseline.bareSqliteInsertMs;
    const output = {
      benchmark: 'import',
      meetings: count,
      database: 'sqlite file (WAL, synchronous=NORMAL) in a fresh temporary directory',
      machine: machineInfo(),
      feed: { bytes: generated.value, mb: toMb(generated.value), generateAndWriteMs: generated.ms },
      results,
      baseline: {
        jsonRoundTripMs: baseline.jsonRoundTripMs,
        bareSqliteInsertMs: baseline.bareSqliteInsertMs,
        floorMs: round(floor, 1),
      },
      ratios: {
        importToJsonRoundTrip: ratio(first.ms, baseline.jsonRoundTripMs),
        importToBareSqliteInsert: ratio(first.ms, baseline.bareSqliteInsertMs),
        importToFloor: ratio(first.ms, floor),
        reimportToJsonRoundTrip: ratio(again.ms, baseline.jsonRoundTripMs),
        exportToJsonRoundTrip: ratio(exported.ms, baseline.jsonRoundTripMs),
      },
      ...(failures.length > 0 ? { failures } : {}),
      pass:
        failures.length === 0 &&
        results.import.pass &&
        results.reimport.pass &&
        results.export.pass,
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
