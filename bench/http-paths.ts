/**
 * The request paths `bench:http` sends: rotating sets of searches and finder pages, each built
 * from a seeded random stream so every run asks the same things, and finder pages that are
 * never asked twice (`finder-unique`).
 */
import { createRandom, type Random } from '../src/demo/random.js';
import { CONTINENTAL_US } from '../src/demo/synthetic-feed.js';

/** ZIP codes resolved by the offline gazetteer on every request, as a person's typing would be. */
const zipCodes = ['01301', '74103', '92626', '10001', '60602', '80202'] as const;

/**
 * `n` search paths mixing what people ask: near a meeting's coordinates (jittered by up to
 * ~5 km) or a ZIP code, 10-50 miles, sometimes a day, a time window, an attendance mode, a
 * program, women's meetings, sorted by distance; always the first page of 25.
 */
export function searchPaths(points: readonly [number, number][], n: number): string[] {
  const r = createRandom(7);
  const windows = [
    ['06:00', '09:00'],
    ['12:00', '13:30'],
    ['17:00', '20:00'],
    ['19:00', '22:00'],
  ] as const;
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = new URLSearchParams();
    p.set('near', nearMeetingOrZip(r, points));
    p.set('radius', String(r.pick([10, 15, 25, 25, 50])));
    if (r.chance(0.3)) p.set('day', String(r.int(0, 6)));
    if (r.chance(0.2)) {
      const [from, to] = r.pick(windows);
      p.set('from', from);
      p.set('to', to);
    }
    if (r.chance(0.25))
      p.set('attendance', r.pick(['in_person', 'online', 'hybrid', 'in_person,hybrid']));
    if (r.chance(0.2)) p.set('program', r.chance(0.8) ? 'aa' : 'na');
    if (r.chance(0.1)) p.set('types', 'women');
    if (r.chance(0.3)) p.set('sort', 'distance');
    p.set('limit', '25');
    paths.push(`/api/v1/search?${p.toString()}`);
  }
  return paths;
}

/**
 * `n` search paths at uniformly random points of the lower 48 (mostly rural: few rooms near, so
 * most matches are the online and phone meetings, and the rural fallback often runs), 25 miles,
 * sometimes a day or an attendance mode; the first page of 25.
 */
export function ruralPaths(n: number): string[] {
  const r = createRandom(13);
  const box = CONTINENTAL_US;
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = new URLSearchParams();
    const lat = r.float(box.minLatitude, box.maxLatitude);
    const lng = r.float(box.minLongitude, box.maxLongitude);
    p.set('near', `${lat.toFixed(4)},${lng.toFixed(4)}`);
    p.set('radius', '25');
    if (r.chance(0.2)) p.set('day', String(r.int(0, 6)));
    if (r.chance(0.1)) p.set('attendance', r.pick(['online', 'phone']));
    p.set('limit', '25');
    paths.push(`/api/v1/search?${p.toString()}`);
  }
  return paths;
}

/**
 * `n` search paths in a dense city: within 25 miles of a point jittered by up to ~5 km around
 * lower Manhattan, sometimes a day, a time window or sorted by distance; the first page of 25.
 */
export function cityPaths(n: number): string[] {
  const r = createRandom(17);
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = new URLSearchParams();
    const lat = 40.7128 + r.float(-0.05, 0.05);
    const lng = -74.006 + r.float(-0.05, 0.05);
    p.set('near', `${lat.toFixed(4)},${lng.toFixed(4)}`);
    p.set('radius', '25');
    if (r.chance(0.3)) p.set('day', String(r.int(0, 6)));
    if (r.chance(0.2)) p.set('from', r.pick(['07:00', '12:00', '18:00']));
    if (r.chance(0.3)) p.set('sort', 'distance');
    p.set('limit', '25');
    paths.push(`/api/v1/search?${p.toString()}`);
  }
  return paths;
}

/**
 * Where a person searches from: a ZIP code a quarter of the time (or always, with no meetings),
 * else a meeting's coordinates moved by up to ~5 km. The same draws in the same order as before,
 * so a seed still makes the same paths.
 */
function nearMeetingOrZip(r: Random, points: readonly [number, number][]): string {
  if (points.length === 0 || r.chance(0.25)) return r.pick(zipCodes);
  const [lat, lng] = r.pick(points);
  return `${(lat + r.float(-0.05, 0.05)).toFixed(4)},${(lng + r.float(-0.05, 0.05)).toFixed(4)}`;
}

/**
 * `n` finder page paths as a browser sends them after a person typed a place: near a meeting's
 * coordinates or a ZIP code, in English or Spanish, sometimes with a radius, a day or a program.
 */
export function finderPaths(points: readonly [number, number][], n: number): string[] {
  const r = createRandom(11);
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = new URLSearchParams();
    p.set('near', nearMeetingOrZip(r, points));
    if (r.chance(0.3)) p.set('radius', String(r.pick([10, 50])));
    if (r.chance(0.2)) p.set('day', String(r.int(0, 6)));
    if (r.chance(0.1)) p.set('program', 'na');
    paths.push(`/${r.chance(0.8) ? 'en' : 'es'}/?${p.toString()}`);
  }
  return paths;
}

/**
 * Finder page paths never asked twice, so the page cache of decision 0126 never serves one:
 * the `i`-th path is near a meeting's place (on a grid of 0.01 degrees, one place per cell)
 * moved by an offset under 0.01 degrees that only `i` decides, so no two paths share their
 * `near`; filters vary as in {@link finderPaths}. Returns the maker of the `i`-th path.
 */
export function uniqueFinderPaths(points: readonly [number, number][]): (i: number) => string {
  const cells = new Map<string, [number, number]>();
  for (const [lat, lng] of points) {
    const cell: [number, number] = [Math.round(lat * 100) / 100, Math.round(lng * 100) / 100];
    cells.set(`${cell[0].toFixed(2)},${cell[1].toFixed(2)}`, cell);
  }
  const bases = [...cells.values()];
  if (bases.length === 0) bases.push([42.5876, -72.5995]);
  const r = createRandom(19);
  return (i) => {
    const base = bases[i % bases.length]!;
    const k = Math.floor(i / bases.length);
    if (k >= 10_000) throw new Error(`only ${bases.length * 10_000} distinct finder paths`);
    const lat = base[0] + (k % 100) * 0.0001;
    const lng = base[1] + Math.floor(k / 100) * 0.0001;
    const p = new URLSearchParams();
    p.set('near', `${lat.toFixed(4)},${lng.toFixed(4)}`);
    if (r.chance(0.3)) p.set('radius', String(r.pick([10, 50])));
    if (r.chance(0.2)) p.set('day', String(r.int(0, 6)));
    if (r.chance(0.1)) p.set('program', 'na');
    return `/${r.chance(0.8) ? 'en' : 'es'}/?${p.toString()}`;
  };
}
