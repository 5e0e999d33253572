/**
 * Synthetic Meeting Guide rows across the continental US, for benchmarks and load tests.
 *
 * Meetings cluster in cities in proportion to population, with a rural share scattered around
 * small towns far from any city, and an online/phone share that carries only an approximate
 * town. Rows are built in one pass from precomputed tables (names, address tails, end times,
 * update stamps), so 250,000 rows take a fraction of a second and no large strings are made.
 */
import { createRandom, weightedPicker } from './random.js';
import type { Random } from './random.js';

export interface SyntheticFeedOptions {
  seed?: number;
  /** Share of rows that are online-only or phone-only (0-1); default 0.15. */
  onlineShare?: number;
}

/** The default seed of synthetic feeds. */
export const SYNTHETIC_FEED_SEED = 42;

/** The bounding box of the continental US (lower 48), which every generated row lies inside. */
export const CONTINENTAL_US = {
  minLatitude: 24.396308,
  maxLatitude: 49.384358,
  minLongitude: -124.848974,
  maxLongitude: -66.885444,
} as const;

// name, state, ZIP, latitude, longitude, population (thousands), IANA zone
type PlaceTuple = readonly [string, string, string, number, number, number, string];

const CITIES: readonly PlaceTuple[] = [
  ['New York', 'NY', '10001', 40.7128, -74.006, 8336, 'America/New_York'],
  ['Los Angeles', 'CA', '90012', 34.0522, -118.2437, 3898, 'America/Los_Angeles'],
  ['Chicago', 'IL', '60602', 41.8781, -87.6298, 2746, 'America/Chicago'],
  ['Houston', 'TX', '77002', 29.7604, -95.3698, 2304, 'America/Chicago'],
  ['Phoenix', 'AZ', '85004', 33.4484, -112.074, 1608, 'America/Phoenix'],
  ['Philadelphia', 'PA', '19107', 39.9526, -75.1652, 1603, 'America/New_York'],
  ['San Antonio', 'TX', '78205', 29.4241, -98.4936, 1434, 'America/Chicago'],
  ['San Diego', 'CA', '92101', 32.7157, -117.1611, 1386, 'America/Los_Angeles'],
  ['Dallas', 'TX', '75201', 32.7767, -96.797, 1304, 'America/Chicago'],
  ['San Jose', 'CA', '95113', 37.3382, -121.8863, 1013, 'America/Los_Angeles'],
  ['Austin', 'TX', '78701', 30.2672, -97.7431, 961, 'America/Chicago'],
  ['Jacksonville', 'FL', '32202', 30.3322, -81.6557, 949, 'America/New_York'],
  ['Columbus', 'OH', '43215', 39.9612, -82.9988, 905, 'America/New_York'],
  ['Indianapolis', 'IN', '46204', 39.7684, -86.1581, 887, 'America/Indiana/Indianapolis'],
  ['Charlotte', 'NC', '28202', 35.2271, -80.8431, 874, 'America/New_York'],
  ['San Francisco', 'CA', '94102', 37.7749, -122.4194, 873, 'America/Los_Angeles'],
  ['Seattle', 'WA', '98101', 47.6062, -122.3321, 737, 'America/Los_Angeles'],
  ['Denver', 'CO', '80202', 39.7392, -104.9903, 715, 'America/Denver'],
  ['Washington', 'DC', '20001', 38.9072, -77.0369, 689, 'America/New_York'],
  ['Nashville', 'TN', '37201', 36.1627, -86.7816, 689, 'America/Chicago'],
  ['Oklahoma City', 'OK', '73102', 35.4676, -97.5164, 681, 'America/Chicago'],
  ['El Paso', 'TX', '79901', 31.7619, -106.485, 678, 'America/Denver'],
  ['Boston', 'MA', '02108', 42.3601, -71.0589, 675, 'America/New_York'],
  ['Portland', 'OR', '97204', 45.5152, -122.6784, 652, 'America/Los_Angeles'],
  ['Las Vegas', 'NV', '89101', 36.1699, -115.1398, 641, 'America/Los_Angeles'],
  ['Detroit', 'MI', '48226', 42.3314, -83.0458, 639, 'America/Detroit'],
  ['Memphis', 'TN', '38103', 35.1495, -90.049, 633, 'America/Chicago'],
  ['Louisville', 'KY', '40202', 38.2527, -85.7585, 617, 'America/Kentucky/Louisville'],
  ['Baltimore', 'MD', '21202', 39.2904, -76.6122, 586, 'America/New_York'],
  ['Milwaukee', 'WI', '53202', 43.0389, -87.9065, 577, 'America/Chicago'],
  ['Albuquerque', 'NM', '87102', 35.0844, -106.6504, 564, 'America/Denver'],
  ['Tucson', 'AZ', '85701', 32.2226, -110.9747, 543, 'America/Phoenix'],
  ['Fresno', 'CA', '93721', 36.7378, -119.7871, 542, 'America/Los_Angeles'],
  ['Sacramento', 'CA', '95814', 38.5816, -121.4944, 525, 'America/Los_Angeles'],
  ['Kansas City', 'MO', '64106', 39.0997, -94.5786, 508, 'America/Chicago'],
  ['Atlanta', 'GA', '30303', 33.749, -84.388, 499, 'America/New_York'],
  ['Omaha', 'NE', '68102', 41.2565, -95.9345, 486, 'America/Chicago'],
  ['Raleigh', 'NC', '27601', 35.7796, -78.6382, 467, 'America/New_York'],
  ['Miami', 'FL', '33130', 25.7617, -80.1918, 442, 'America/New_York'],
  ['Minneapolis', 'MN', '55401', 44.9778, -93.265, 430, 'America/Chicago'],
  ['Tulsa', 'OK', '74103', 36.154, -95.9928, 413, 'America/Chicago'],
  ['Tampa', 'FL', '33602', 27.9506, -82.4572, 385, 'America/New_York'],
  ['New Orleans', 'LA', '70112', 29.9511, -90.0715, 384, 'America/Chicago'],
  ['Cleveland', 'OH', '44113', 41.4993, -81.6944, 372, 'America/New_York'],
  ['Cincinnati', 'OH', '45202', 39.1031, -84.512, 309, 'America/New_York'],
  ['Pittsburgh', 'PA', '15222', 40.4406, -79.9959, 303, 'America/New_York'],
  ['St. Louis', 'MO', '63101', 38.627, -90.1994, 301, 'America/Chicago'],
  ['Boise', 'ID', '83702', 43.615, -116.2023, 236, 'America/Boise'],
  ['Spokane', 'WA', '99201', 47.6588, -117.426, 229, 'America/Los_Angeles'],
  ['Richmond', 'VA', '23219', 37.5407, -77.436, 226, 'America/New_York'],
  ['Des Moines', 'IA', '50309', 41.5868, -93.625, 214, 'America/Chicago'],
  ['Little Rock', 'AR', '72201', 34.7465, -92.2896, 202, 'America/Chicago'],
  ['Salt Lake City', 'UT', '84101', 40.7608, -111.891, 200, 'America/Denver'],
  ['Birmingham', 'AL', '35203', 33.5186, -86.8104, 200, 'America/Chicago'],
  ['Sioux Falls', 'SD', '57104', 43.5446, -96.7311, 192, 'America/Chicago'],
  ['Jackson', 'MS', '39201', 32.2988, -90.1848, 153, 'America/Chicago'],
  ['Fargo', 'ND', '58102', 46.8772, -96.7898, 125, 'America/Chicago'],
  ['Billings', 'MT', '59101', 45.7833, -108.5007, 117, 'America/Denver'],
  ['Albany', 'NY', '12207', 42.6526, -73.7562, 99, 'America/New_York'],
  ['Portland', 'ME', '04101', 43.6591, -70.2568, 68, 'America/New_York'],
  ['Cheyenne', 'WY', '82001', 41.14, -104.8202, 65, 'America/Denver'],
  ['Charleston', 'WV', '25301', 38.3498, -81.6326, 48, 'America/New_York'],
  ['Burlington', 'VT', '05401', 44.4759, -73.2121, 45, 'America/New_York'],
  ['Greenfield', 'MA', '01301', 42.5876, -72.5995, 18, 'America/New_York'],
];

/** Small inland towns far from the cities above: rural meetings scatter around them. */
const RURAL_TOWNS: readonly PlaceTuple[] = [
  ['Ely', 'NV', '89301', 39.2474, -114.8886, 4, 'America/Los_Angeles'],
  ['Winnemucca', 'NV', '89445', 40.973, -117.7357, 8, 'America/Los_Angeles'],
  ['Miles City', 'MT', '59301', 46.4083, -105.8406, 8, 'America/Denver'],
  ['Hays', 'KS', '67601', 38.8792, -99.3268, 21, 'America/Chicago'],
  ['Valentine', 'NE', '69201', 42.8728, -100.551, 3, 'America/Chicago'],
  ['Alpine', 'TX', '79830', 30.3585, -103.661, 6, 'America/Chicago'],
  ['Burns', 'OR', '97720', 43.5863, -119.0541, 3, 'America/Los_Angeles'],
  ['Moab', 'UT', '84532', 38.5733, -109.5498, 5, 'America/Denver'],
  ['Alamosa', 'CO', '81101', 37.4695, -105.87, 10, 'America/Denver'],
  ['Silver City', 'NM', '88061', 32.7701, -108.2803, 10, 'America/Denver'],
  ['Dickinson', 'ND', '58601', 46.8792, -102.7896, 25, 'America/Denver'],
  ['Pierre', 'SD', '57501', 44.3683, -100.351, 14, 'America/Chicago'],
  ['Lander', 'WY', '82520', 42.833, -108.7307, 8, 'America/Denver'],
  ['Salmon', 'ID', '83467', 45.1758, -113.8959, 3, 'America/Boise'],
  ['Colville', 'WA', '99114', 48.5466, -117.9055, 5, 'America/Los_Angeles'],
  ['Yreka', 'CA', '96097', 41.7354, -122.6345, 8, 'America/Los_Angeles'],
  ['Show Low', 'AZ', '85901', 34.2542, -110.0298, 11, 'America/Phoenix'],
  ['Guymon', 'OK', '73942', 36.6828, -101.4816, 12, 'America/Chicago'],
  ['Bemidji', 'MN', '56601', 47.4736, -94.8803, 15, 'America/Chicago'],
  ['Marquette', 'MI', '49855', 46.5436, -87.3954, 20, 'America/Detroit'],
  ['Spencer', 'IA', '51301', 43.1413, -95.1444, 11, 'America/Chicago'],
  ['Kirksville', 'MO', '63501', 40.1948, -92.5833, 17, 'America/Chicago'],
  ['Mountain Home', 'AR', '72653', 36.3354, -92.3852, 12, 'America/Chicago'],
  ['Natchez', 'MS', '39120', 31.5604, -91.4032, 14, 'America/Chicago'],
  ['Americus', 'GA', '31709', 32.0724, -84.2327, 16, 'America/New_York'],
  ['Lake City', 'FL', '32055', 30.1897, -82.6393, 12, 'America/New_York'],
  ['Hazard', 'KY', '41701', 37.2498, -83.1932, 5, 'America/New_York'],
  ['Boone', 'NC', '28607', 36.2168, -81.6746, 19, 'America/New_York'],
  ['Tazewell', 'VA', '24651', 37.1151, -81.5198, 4, 'America/New_York'],
  ['Elkins', 'WV', '26241', 38.9262, -79.8467, 7, 'America/New_York'],
  ['Wellsboro', 'PA', '16901', 41.7487, -77.3005, 3, 'America/New_York'],
  ['Malone', 'NY', '12953', 44.8487, -74.2949, 14, 'America/New_York'],
  ['St. Johnsbury', 'VT', '05819', 44.419, -72.0151, 7, 'America/New_York'],
  ['Houlton', 'ME', '04730', 46.1262, -67.8403, 6, 'America/New_York'],
  ['Shelburne Falls', 'MA', '01370', 42.6043, -72.7393, 2, 'America/New_York'],
  ['Athol', 'MA', '01331', 42.5959, -72.2268, 12, 'America/New_York'],
];

interface Place {
  name: string;
  state: string;
  latitude: number;
  longitude: number;
  /** Degrees of longitude per degree of latitude at this place, for round scatter. */
  lngScale: number;
  /** Scatter (degrees of latitude, one standard deviation) for in-town meetings. */
  spread: number;
  timeZone: string;
  /** ", City, ST 12345, USA": appended to a street line. */
  addressTail: string;
  /** "City, ST, USA": the approximate address of online meetings. */
  approximateAddress: string;
}

function toPlace(t: PlaceTuple, rural: boolean): Place {
  const [name, state, zip, latitude, longitude, population, timeZone] = t;
  return {
    name,
    state,
    latitude,
    longitude,
    lngScale: 1 / Math.cos((latitude * Math.PI) / 180),
    // Roughly: a city's meetings spread over a radius growing with the square root of its size.
    spread: rural ? 0.02 : 0.015 + 0.012 * Math.sqrt(population / 100),
    timeZone,
    addressTail: `, ${name}, ${state} ${zip}, USA`,
    approximateAddress: `${name}, ${state}, USA`,
  };
}

const CITY_PLACES = CITIES.map((c) => toPlace(c, false));
const RURAL_PLACES = RURAL_TOWNS.map((c) => toPlace(c, true));
const pickCity = weightedPicker(
  CITY_PLACES,
  CITIES.map((c) => c[5]),
);

/** Share of in-person meetings that sit in the countryside rather than in a city. */
const RURAL_SHARE = 0.2;
const HYBRID_SHARE = 0.06;
const PHONE_ONLY_SHARE_OF_ONLINE = 0.2;
const SPANISH_SHARE = 0.04;

// Names carry the types they imply ("Women's Step Study" -> W, ST).
const PREFIXES: readonly (readonly [string, readonly string[]])[] = [
  ['Sunrise', ['D']],
  ['Early Bird', ['D']],
  ['Noon', ['D']],
  ['Happy Hour', ['D']],
  ['Keep It Simple', []],
  ['Back to Basics', ['B']],
  ['Came to Believe', []],
  ['Primary Purpose', []],
  ['Into Action', []],
  ['Serenity', []],
  ['Freedom', []],
  ['Hope', []],
  ['Promises', []],
  ['Friday Night', []],
  ['Saturday Morning', []],
  ["Women's", ['W']],
  ["Men's", ['M']],
  ['Young People', ['Y']],
  ['Rainbow', ['LGBTQ']],
  ['Grapevine', ['GR']],
  ['Candlelight', ['CAN']],
  ['Daily Reflections', ['DR']],
  ['Attitude Adjustment', []],
  ['Hilltop', []],
  ['Lakeside', []],
  ['Downtown', []],
  ['Valley', []],
  ['Crossroads', []],
  ['Living Sober', ['LS']],
  ['As Bill Sees It', ['ABSI']],
  ['Eleventh Step', ['11', 'MED']],
  ['Secular', ['A']],
  ['Newcomers', ['BE']],
];
const SUFFIXES: readonly (readonly [string, readonly string[]])[] = [
  ['Group', []],
  ['Group', []],
  ['Discussion', ['D']],
  ['Step Study', ['ST']],
  ['Big Book Study', ['B']],
  ['Speaker Meeting', ['SP']],
  ['Tradition Study', ['TR']],
  ['Literature', ['LIT']],
];
const SPANISH_NAMES = [
  'Grupo Esperanza',
  'Grupo Nueva Vida',
  'Grupo Renacer',
  'Grupo Serenidad',
  'Grupo Libertad',
] as const;

interface NameEntry {
  name: string;
  types: readonly string[];
}

const NAMES: readonly NameEntry[] = PREFIXES.flatMap(([p, pt]) =>
  SUFFIXES.map(([s, st]) => ({ name: `${p} ${s}`, types: [...new Set([...pt, ...st])] })),
);
const SPANISH_ENTRIES: readonly NameEntry[] = SPANISH_NAMES.map((name) => ({
  name,
  types: ['S', 'D'],
}));

const STREETS = [
  'Main St',
  'Church St',
  'Elm St',
  'Oak Ave',
  'Maple Ave',
  'Park Ave',
  'Washington St',
  'Lincoln Ave',
  'Center St',
  'Pine St',
  'Cedar St',
  'Lake Rd',
  'Hill St',
  'Spring St',
  'River Rd',
  'Mill St',
  'Broadway',
  'High St',
  'Union St',
  'School St',
  'County Rd 12',
  'State Route 9',
  'Highland Ave',
  'Water St',
] as const;
const RURAL_STREETS = [
  'County Rd 4',
  'Old Stage Rd',
  'Ranch Rd',
  'Mill Pond Rd',
  'Route 2',
  'Grange Hall Rd',
  'Main St',
  'Church St',
] as const;
const VENUES = [
  "St. Mark's Church",
  'First Baptist Church',
  'Community Center',
  'Public Library',
  'Alano Club',
  'Grace Lutheran Church',
  'First United Methodist Church',
  'Regional Hospital',
  'Senior Center',
  'Unitarian Church',
  'Recovery Center',
  'Presbyterian Church',
] as const;
const RURAL_VENUES = [
  'Town Hall',
  'Grange Hall',
  'Community Church',
  'Fire Station',
  'VFW Post',
  'Library',
] as const;
const NOTES = [
  'Use the side door.',
  'Basement, enter from the parking lot.',
  'Chips on the last meeting of the month.',
  'Wheelchair accessible.',
  'Coffee from 30 minutes before.',
] as const;
const ZOOM_DIAL_INS = ['+16465588656', '+13017158592', '+13126266799', '+19292056099'] as const;

// Start times weighted like a real intergroup's list (Orange County's TSML feed).
const TIMES = [
  '06:00', '06:30', '07:00', '07:30', '08:00', '09:00', '10:00', '10:30', '11:00', '12:00',
  '12:30', '17:30', '18:00', '18:30', '19:00', '19:30', '20:00', '21:00',
] as const; // prettier-ignore
const TIME_WEIGHTS = [5, 4, 7, 4, 3, 2, 3, 1, 2, 12, 1, 3, 8, 4, 13, 11, 14, 2] as const;
const pickTimeIndex = weightedPicker(
  TIMES.map((_, i) => i),
  TIME_WEIGHTS,
);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function plus(time: string, minutes: number): string {
  const h = Number(time.slice(0, 2));
  const m = Number(time.slice(3, 5));
  const total = (h * 60 + m + minutes) % 1440;
  return `${pad2(Math.floor(total / 60))}:${pad2(total % 60)}`;
}

const END_60 = TIMES.map((t) => plus(t, 60));
const END_90 = TIMES.map((t) => plus(t, 90));

/** A pool of "updated" stamps over the three years before a fixed date, drawn by index. */
function updatedPool(random: Random): string[] {
  const end = Date.UTC(2026, 10, 1, 12);
  const span = 3 * 365 * 86400 * 1000;
  const pool: string[] = [];
  for (let i = 0; i < 2048; i++) {
    const d = new Date(end - Math.floor(random.next() * span));
    pool.push(
      `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
        `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`,
    );
  }
  return pool;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function slugFor(index: number): string {
  const n = String(index + 1);
  return n.length >= 6 ? `m-${n}` : `m-${'000000'.slice(n.length)}${n}`;
}

/**
 * Generates `count` Meeting Guide rows (AA vocabulary) spread over the continental US:
 * population-weighted cities, a rural share around small towns, and `onlineShare` online or
 * phone-only rows. Deterministic for a given seed; slugs are `m-000001`, `m-000002`, ...
 */
export function generateSyntheticFeed(
  count: number,
  options: SyntheticFeedOptions = {},
): Record<string, unknown>[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  }
  const onlineShare = options.onlineShare ?? 0.15;
  if (!(onlineShare >= 0 && onlineShare <= 1)) {
    throw new RangeError(`onlineShare must be between 0 and 1, got ${onlineShare}`);
  }
  const r = createRandom(options.seed ?? SYNTHETIC_FEED_SEED);
  const updated = updatedPool(r.fork('updated'));
  const rows: Record<string, unknown>[] = new Array<Record<string, unknown>>(count);
  const box = CONTINENTAL_US;
  const scratch: string[] = [];

  for (let i = 0; i < count; i++) {
    const online = r.next() < onlineShare;
    const spanish = r.next() < SPANISH_SHARE;
    const entry = spanish
      ? (SPANISH_ENTRIES[(r.next() * SPANISH_ENTRIES.length) | 0] as NameEntry)
      : (NAMES[(r.next() * NAMES.length) | 0] as NameEntry);
    const timeIndex = pickTimeIndex(r);
    const time = TIMES[timeIndex] as string;
    const end = (r.next() < 0.75 ? END_60 : END_90)[timeIndex] as string;
    const u = r.next();
    // A few "every weekday" rows, as TSML feeds publish them (a day array).
    const day: number | number[] = u < 0.01 ? [1, 2, 3, 4, 5] : (((u - 0.01) / 0.99) * 7) | 0;

    // Gathered in a reused scratch array, then copied at its exact size: pushing onto a fresh
    // array would over-allocate its backing store on every row.
    const types = scratch;
    types.length = 0;
    types.push(r.next() < 0.65 ? 'O' : 'C');
    for (const t of entry.types) types.push(t);

    const rural = !online && r.next() < RURAL_SHARE;
    const place = rural
      ? (RURAL_PLACES[(r.next() * RURAL_PLACES.length) | 0] as Place)
      : pickCity(r);

    const row: Record<string, unknown> = {
      id: i + 1,
      name: entry.name,
      slug: slugFor(i),
      updated: updated[(r.next() * 2048) | 0],
      day,
      time,
      end_time: end,
      types: scratch, // replaced below by an exact-size copy, once every code is known
      location: '',
      formatted_address: '',
      approximate: 'no',
      latitude: 0,
      longitude: 0,
      region: place.name,
      regions: [place.state, place.name],
    };

    if (online) {
      types.push('ONL');
      row.formatted_address = place.approximateAddress;
      row.approximate = 'yes';
      row.latitude = place.latitude;
      row.longitude = place.longitude;
      const id = 85550000000 + ((r.next() * 10_000_000) | 0);
      const dialIn = ZOOM_DIAL_INS[(r.next() * ZOOM_DIAL_INS.length) | 0] as string;
      if (r.next() < PHONE_ONLY_SHARE_OF_ONLINE) {
        row.location = 'Phone Meeting';
        row.conference_phone = `${dialIn},,${id}#`;
      } else {
        row.location = 'Online Meeting';
        row.conference_url = `https://zoom.us/j/${id}`;
        if (r.next() < 0.5) row.conference_phone = `${dialIn},,${id}#`;
      }
    } else {
      let lat: number;
      let lng: number;
      if (rural) {
        // Around a small town, up to ~35 km out: hours from any city's meetings.
        const angle = r.next() * 2 * Math.PI;
        const distance = 0.02 + r.next() * 0.3;
        lat = place.latitude + distance * Math.sin(angle);
        lng = place.longitude + distance * Math.cos(angle) * place.lngScale;
      } else {
        lat = place.latitude + clamp(r.gaussian(), -3, 3) * place.spread;
        lng = place.longitude + clamp(r.gaussian(), -3, 3) * place.spread * place.lngScale;
      }
      row.latitude = round6(clamp(lat, box.minLatitude, box.maxLatitude));
      row.longitude = round6(clamp(lng, box.minLongitude, box.maxLongitude));
      const street = rural
        ? RURAL_STREETS[(r.next() * RURAL_STREETS.length) | 0]
        : STREETS[(r.next() * STREETS.length) | 0];
      row.formatted_address = `${1 + ((r.next() * (rural ? 2000 : 9000)) | 0)} ${street}${place.addressTail}`;
      row.location = rural
        ? RURAL_VENUES[(r.next() * RURAL_VENUES.length) | 0]
        : VENUES[(r.next() * VENUES.length) | 0];
      if (r.next() < 0.3) types.push('X');
      const v = r.next();
      if (v < HYBRID_SHARE) {
        types.push('ONL');
        row.conference_url = `https://zoom.us/j/${85550000000 + ((r.next() * 10_000_000) | 0)}`;
      } else if (v < HYBRID_SHARE + 0.005) {
        types.push('TC');
      }
    }
    if (!spanish && r.next() < 0.05) types.push('EN');
    if (r.next() < 0.15) row.notes = NOTES[(r.next() * NOTES.length) | 0];
    // Most feeds omit the zone; the importer infers it from the coordinates.
    if (r.next() < 0.08) row.timezone = place.timeZone;
    row.types = types.slice();
    rows[i] = row;
  }
  return rows;
}
