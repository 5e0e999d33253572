/**
 * `npm run -s bench:resources [-- --services N --queries N]`: a state's 211-sized resource
 * directory, 20,000 services at 30,000 locations, as one HSDS 3.0 JSON file: how long its import
 * takes into a fresh SQLite file database (WAL, synchronous=FULL as in production), and the
 * in-process search latency (p50, p99) over mixed queries (a need near a place, with cost,
 * MOUD, open now, language, words).
 *
 * Baselines measured in the same run: reading the file with JSON.parse + JSON.stringify (the
 * floor any importer pays), and answering the same queries by a plain scan of every service at
 * every place with the same checks (what the index saves). Prints one JSON document on stdout;
 * progress goes to stderr. Exit code 0 even when a target is missed ("pass": false says so).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/database/connect.js';
import { migrateToLatest } from '../src/platform/database/migrate.js';
import { importResources } from '../src/resources/import-resources.js';
import { costKinds, moudKinds } from '../src/resources/model.js';
import { needs, needWithin } from '../src/resources/needs.js';
import { ResourceRepository } from '../src/resources/resource-repository.js';
import { ResourceIndex, type ResourceQuery } from '../src/resources/search/resource-index.js';
import { distanceKm } from '../src/platform/geo/sphere.js';
import { createRandom } from '../src/demo/random.js';
import { intFlag, machineInfo, makeTempDir, progress, ratio, round, timed } from './measure.js';

const argv = process.argv.slice(2);
const serviceCount = intFlag(argv, 'services', 20_000);
const queryCount = intFlag(argv, 'queries', 2_000);
const targets = { importMs: 5000, searchP99Ms: 5 };

const stream = createRandom(7);
const random = () => stream.next();
const leafNeeds = needs.filter((n) => !needs.some((m) => m.parent === n.code));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
// Massachusetts-sized box.
const point = () => ({ lat: 41.3 + random() * 1.5, lng: -73.4 + random() * 3.4 });

function generate(): unknown {
  const organizations = Array.from({ length: Math.ceil(serviceCount / 5) }, (_, i) => ({
    id: `org-${i}`,
    name: `Organization ${i}`,
    description: 'A provider.',
  }));
  const locations: unknown[] = [];
  const serviceAtLocations: unknown[] = [];
  const services = Array.from({ length: serviceCount }, (_, i) => {
    const places = i < serviceCount / 2 ? 2 : 1;
    for (let p = 0; p < places; p++) {
      const id = `loc-${locations.length}`;
      const { lat, lng } = point();
      locations.push({
        id,
        location_type: 'physical',
        name: `Place ${id}`,
        latitude: round(lat, 5),
        longitude: round(lng, 5),
        addresses: [
          {
            address_1: `${i} Main St`,
            city: 'Town',
            state_province: 'MA',
            postal_code: '01000',
            country: 'US',
            address_type: 'physical',
          },
        ],
      });
      serviceAtLocations.push({ id: `sal-${i}-${p}`, service_id: `svc-${i}`, location_id: id });
    }
    const attributes = [{ taxonomy_term: { code: pick(leafNeeds).code } }];
    if (random() < 0.2) attributes.push({ taxonomy_term: { code: `moud:${pick(moudKinds)}` } });
    if (random() < 0.3) attributes.push({ taxonomy_term: { code: 'walk-in' } });
    return {
      id: `svc-${i}`,
      organization_id: `org-${Math.floor(i / 5)}`,
      name: `Service ${i} ${pick(['clinic', 'pantry', 'house', 'program', 'center'])}`,
      description: 'What it offers and to whom.',
      status: 'active',
      languages: [{ code: 'en' }, ...(random() < 0.3 ? [{ code: 'es' }] : [])],
      phones: [{ number: '+14135550100', type: 'voice' }],
      schedules: [
        {
          freq: 'WEEKLY',
          byday: 'MO,TU,WE,TH,FR',
          opens_at: '08:00',
          closes_at: pick(['12:00', '17:00', '20:00']),
        },
      ],
      cost_options: [
        { option: pick(costKinds) },
        ...(random() < 0.5 ? [{ option: 'medicaid' }] : []),
      ],
      attributes,
    };
  });
  return { organizations, services, locations, service_at_locations: serviceAtLocations };
}

function queries(): ResourceQuery[] {
  const now = Date.parse('2026-12-09T15:00:00Z');
  return Array.from({ length: queryCount }, (_, i) => {
    const { lat, lng } = point();
    const q: ResourceQuery = {
      now,
      radiusKm: 40,
      limit: 25,
      offset: 0,
      near: { latitude: lat, longitude: lng },
    };
    switch (i % 5) {
      case 0:
        q.needs = [pick(leafNeeds).code];
        break;
      case 1:
        q.needs = ['health'];
        q.costs = ['medicaid'];
        break;
      case 2:
        q.moud = ['buprenorphine'];
        q.radiusKm = 48;
        break;
      case 3:
        q.openNow = true;
        q.languages = ['es'];
        break;
      default:
        q.text = 'clinic';
        q.attributes = ['walk_in'];
    }
    return q;
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function main(): Promise<void> {
  const { dir, cleanup } = makeTempDir('porchlight-bench-resources-');
  try {
    progress(`generating ${serviceCount} services`);
    const file = join(dir, 'directory.json');
    writeFileSync(file, JSON.stringify(generate()));
    const baselineParse = await timed(
      () => JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))).length,
    );

    const database = await openDatabase(`sqlite:${join(dir, 'bench.db')}`);
    await migrateToLatest(database.db as never);
    const resources = new ResourceRepository(database.db);
    progress('importing');
    const imported = await timed(() =>
      importResources(
        {
          resources,
          clock: systemClock,
          limits: { maxBytes: 512 * 1024 * 1024, timeoutMs: 60_000 },
        },
        { source: 'bench', location: file, format: 'hsds' },
      ),
    );
    const directory = await resources.load();
    await database.close();
    progress('building the index');
    const built = await timed(() => new ResourceIndex(directory));
    const index = built.value;

    progress(`running ${queryCount} searches`);
    const qs = queries();
    for (const q of qs.slice(0, 200)) index.search(q); // warm up
    const times: number[] = [];
    let hits = 0;
    for (const q of qs) {
      const start = performance.now();
      hits += index.search(q).hits.length;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);

    // The baseline: every service at every place, the same checks, no index.
    const byService = new Map(directory.services.map((s) => [s.id, s]));
    const located = new Map(directory.locations.map((l) => [l.id, l]));
    const scanTimes: number[] = [];
    for (const q of qs.slice(0, Math.min(qs.length, 300))) {
      const start = performance.now();
      const found = new Set<string>();
      for (const sal of directory.serviceAtLocations) {
        const s = byService.get(sal.serviceId)!;
        const l = located.get(sal.locationId)!;
        if (found.has(s.id) || l.latitude === undefined) continue;
        if (distanceKm(q.near!.latitude, q.near!.longitude, l.latitude, l.longitude!) > q.radiusKm)
          continue;
        if (q.needs && !s.needs.some((c) => q.needs!.some((n) => needWithin(c, n)))) continue;
        if (q.costs && !s.costOptions.some((c) => q.costs!.includes(c.kind))) continue;
        if (q.moud && !s.recovery.moud.some((m) => q.moud!.includes(m))) continue;
        if (q.languages && !s.languages.some((x) => q.languages!.includes(x))) continue;
        if (q.text && !s.name.toLowerCase().includes(q.text)) continue;
        found.add(s.id);
      }
      scanTimes.push(performance.now() - start);
    }
    scanTimes.sort((a, b) => a - b);

    const p99 = percentile(times, 0.99);
    const result = {
      benchmark: 'resources',
      machine: machineInfo(),
      directory: { ...imported.value.counts, problems: imported.value.problems.length },
      import: {
        ms: round(imported.ms),
        targetMs: targets.importMs,
        pass: imported.ms <= targets.importMs,
      },
      index: { buildMs: round(built.ms) },
      search: {
        queries: queryCount,
        meanHits: round(hits / queryCount),
        p50Ms: round(percentile(times, 0.5), 3),
        p99Ms: round(p99, 3),
        maxMs: round(times.at(-1)!, 3),
        targetP99Ms: targets.searchP99Ms,
        pass: p99 <= targets.searchP99Ms,
      },
      baseline: {
        jsonRoundTripMs: round(baselineParse.ms),
        importVsJsonRoundTrip: ratio(imported.ms, baselineParse.ms),
        scanP50Ms: round(percentile(scanTimes, 0.5), 3),
        scanP99Ms: round(percentile(scanTimes, 0.99), 3),
        searchP99VsScanP99: ratio(p99, percentile(scanTimes, 0.99)),
      },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    cleanup();
  }
}

await main();
