/**
 * Drill: the importers fed hostile feeds in every format (Meeting Guide JSON, 12 Step Meeting
 * List CSV, saved BMLT answers, HSDS JSON, HSDS tabular packages folded or zipped, resources
 * sheets), one after another into one app on a SQLite file, round-robin over the formats.
 *
 * Each feed is checked by `test/support/import-fuzz.ts`: no crash, every refusal a catalogued
 * code, a refused feed changes nothing stored, applied meetings pass the published schema, and
 * the public answers about the source (every `--answers-every`th feed) are never a 500.
 * Memory is sampled after a collection every 1,000 feeds: the heap must not grow by more than
 * `--max-heap-growth` MB between the first sample and the last.
 *
 * Prints JSON and exits 1 when any promise broke. Bounded by the feed count; no network.
 *   npm run -s drill:fuzz -- --count 100000 --seed 1
 * A failure is replayed alone with `--seed <its seed> --count 1 --formats <its format>`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzzFormats, hostileFeed, type FuzzFormat } from '../../test/factories/hostile-feeds.js';
import { createTestApp } from '../../test/support/app.js';
import { ImportFuzzer } from '../../test/support/import-fuzz.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    formats: { type: 'string', default: fuzzFormats.join(',') },
    'answers-every': { type: 'string', default: '10' },
    'max-bytes': { type: 'string', default: '300000' },
    'max-heap-growth': { type: 'string', default: '64' },
    database: { type: 'string' },
  },
});
const count = Number(values.count);
const firstSeed = Number(values.seed);
const formats = values.formats.split(',') as FuzzFormat[];
for (const f of formats) if (!fuzzFormats.includes(f)) throw new Error(`unknown format ${f}`);
const answersEvery = Math.max(1, Number(values['answers-every']));
const maxHeapGrowthMb = Number(values['max-heap-growth']);

const gc = (globalThis as { gc?: () => void }).gc;
const dir = mkdtempSync(join(tmpdir(), 'porchlight-fuzz-'));
// A file, as a server keeps it; commits are not synced to disk, since the drill checks what the
// importers do with their input, not the disk (the durability setting is an operator's).
const databaseUrl = values.database ?? `sqlite:${join(dir, 'fuzz.db')}`;
const app = await createTestApp({
  databaseUrl,
  feedMaxBytes: Number(values['max-bytes']),
  ...(databaseUrl.startsWith('sqlite:') ? { sqliteSynchronous: 'normal' as const } : {}),
});
const fuzzer = new ImportFuzzer(app, join(dir, 'feeds'));

const outcomes: Record<string, Record<string, number>> = {};
const failures: { format: string; seed: number; mutations: string[]; failure: string }[] = [];
const memory: { after: number; heapMb: number; rssMb: number }[] = [];
let failed = 0;
let current = { format: '', seed: 0 };
let peakRssMb = 0;
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function sampleMemory(after: number): void {
  gc?.();
  const usage = process.memoryUsage();
  memory.push({ after, heapMb: mb(usage.heapUsed), rssMb: mb(usage.rss) });
}

/** The report so far: printed at the end, or when the process itself fails mid-way. */
function report(extra: Record<string, unknown> = {}) {
  const heapGrowthMb =
    memory.length >= 2 ? Math.round((memory.at(-1)!.heapMb - memory[0]!.heapMb) * 10) / 10 : 0;
  return {
    drill: 'import-fuzz',
    feeds: count,
    formats,
    firstSeed,
    database: databaseUrl.startsWith('sqlite:') ? 'sqlite file' : 'postgresql',
    maxBytes: Number(values['max-bytes']),
    answersEvery,
    outcomes,
    failed,
    failures: failures.slice(0, 25),
    memory: { samples: memory, heapGrowthMb, peakRssMb, maxHeapGrowthMb },
    ...extra,
  };
}

process.on('uncaughtException', (error) => {
  console.log(JSON.stringify(report({ crashed: { ...current, error: String(error) } }), null, 2));
  process.exit(1);
});

const started = process.hrtime.bigint();
const cpu = process.cpuUsage();
const load = loadavg();
for (let i = 0; i < count; i++) {
  const format = formats[i % formats.length]!;
  const seed = firstSeed + i;
  current = { format, seed };
  const feed = hostileFeed(format, seed);
  const verdict = await fuzzer.run(feed, { answers: i % answersEvery === 0 });
  const key =
    verdict.failure !== undefined
      ? 'failed'
      : verdict.result === 'applied'
        ? 'applied'
        : verdict.code!;
  const byFormat = (outcomes[format] ??= {});
  byFormat[key] = (byFormat[key] ?? 0) + 1;
  if (verdict.failure !== undefined) {
    failed++;
    failures.push({ format, seed, mutations: feed.mutations, failure: verdict.failure });
  }
  if (i % 1000 === 999 || i === count - 1) {
    sampleMemory(i + 1);
    peakRssMb = Math.max(peakRssMb, memory.at(-1)!.rssMb);
    if (i % 10000 === 9999) process.stderr.write(`${i + 1} feeds, ${failed} failed\n`);
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const used = process.cpuUsage(cpu);
await app.close();
rmSync(dir, { recursive: true, force: true });

const result = report({
  seconds: Math.round(seconds),
  cpuMsPerFeed: Math.round(((used.user + used.system) / 1000 / count) * 100) / 100,
  loadAverage: {
    start: load.map((l) => Math.round(l * 100) / 100),
    end: loadavg().map((l) => Math.round(l * 100) / 100),
  },
  gcExposed: gc !== undefined,
});
const memoryOk = result.memory.heapGrowthMb <= maxHeapGrowthMb;
console.log(JSON.stringify({ ...result, passed: failed === 0 && memoryOk }, null, 2));
process.exitCode = failed === 0 && memoryOk ? 0 : 1;
