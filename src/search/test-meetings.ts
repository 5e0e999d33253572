/**
 * Meetings for search tests: a factory with sensible defaults, and a seeded random world
 * (every schedule kind, several zones, clustered places, attendance and type mixes) for the
 * property test. Test support only; nothing in the product imports it.
 */
import type { SearchQuery } from './query.js';
import type { Meeting, Recurrence, WeekOfMonth, Weekday } from '../meetings/model.js';
import { focusOf, getProgram } from '../meetings/programs.js';

export interface MeetingOverrides extends Partial<Omit<Meeting, 'place' | 'online'>> {
  slug: string;
  place?: Partial<Meeting['place']>;
  online?: Meeting['online'];
}

/** An active, weekly (Tuesday 19:00), in-person AA meeting in Greenfield, MA; override anything. */
export function makeMeeting(overrides: MeetingOverrides): Meeting {
  const { place, online, ...rest } = overrides;
  const meeting: Meeting = {
    id: `id-${overrides.slug}`,
    name: 'Greenfield Big Book',
    program: 'aa',
    types: [],
    languages: [],
    focus: ['alcohol'],
    attendance: 'in_person',
    status: 'active',
    timeZone: 'America/New_York',
    schedule: [{ kind: 'weekly', day: 2, start: '19:00', durationMinutes: 60 }],
    // A given place replaces the default one (coordinates included).
    place:
      place === undefined
        ? {
            address: { city: 'Greenfield', region: 'MA' },
            approximate: false,
            regions: [],
            latitude: 42.5876,
            longitude: -72.5995,
          }
        : { address: {}, approximate: false, regions: [], ...place },
    online: online ?? {},
    group: { contacts: [], contactsPublic: false },
    contributions: [],
    provenance: {
      sourceId: 'test',
      sourceSlug: overrides.slug,
      lastFetchedAt: '2026-11-01T12:00:00Z',
      extra: {},
    },
    createdAt: '2026-11-01T12:00:00Z',
    updatedAt: '2026-11-01T12:00:00Z',
    ...rest,
  };
  return meeting;
}

/** A small deterministic generator (mulberry32), so a world is the same on every run. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export const worldZones = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'America/Los_Angeles',
  'Asia/Kolkata',
] as const;

/** Cluster centres: New England, London, Sydney, and Fiji (across the antimeridian). */
export const worldClusters = [
  { latitude: 42.59, longitude: -72.6 },
  { latitude: 51.5, longitude: -0.12 },
  { latitude: -33.87, longitude: 151.21 },
  { latitude: -17.8, longitude: 179.9 },
] as const;

const nameWords = [
  'Serenity',
  'Hope',
  'Café',
  'Big Book',
  "St. Mark's",
  'Grupo Esperanza',
  'Women’s',
  'Noon',
  'Sunrise',
  'Crossroads',
  'Ōtautahi',
  'Greenfield',
] as const;
const towns = ['Greenfield', 'Colrain', 'Orange', 'London', 'Sydney', 'Suva', 'Montréal'] as const;
const languageSets: readonly string[][] = [
  [],
  [],
  ['en'],
  ['es'],
  ['es-MX'],
  ['fr-CA', 'en'],
  ['ase'],
];
const programIds = ['aa', 'na', 'al-anon', 'smart-recovery'] as const;
const starts = ['00:10', '01:30', '02:30', '06:00', '07:15', '12:00', '18:30', '19:00', '23:30'];

function randomRecurrence(rng: Rng): Recurrence {
  const roll = rng.next();
  const day = rng.int(0, 6) as Weekday;
  const start = rng.chance(0.5)
    ? rng.pick(starts)
    : `${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 3) * 15).padStart(2, '0')}`;
  const durationMinutes = rng.chance(0.1) ? rng.int(120, 1440) : rng.pick([30, 60, 90]);
  if (roll < 0.55) return { kind: 'weekly', day, start, durationMinutes };
  if (roll < 0.7) {
    const anchor = `2026-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    return { kind: 'biweekly', day, start, durationMinutes, anchorDate: anchor };
  }
  if (roll < 0.88) {
    const week: WeekOfMonth = rng.pick([1, 2, 3, 4, 5, -1] as const);
    return { kind: 'monthly', day, start, durationMinutes, week };
  }
  if (roll < 0.95) return { kind: 'by_appointment' };
  // Rows the schedule maths rejects: they must never occur.
  return rng.chance(0.5)
    ? { kind: 'weekly', day, start: '25:00', durationMinutes }
    : { kind: 'weekly', day, start, durationMinutes: 0 };
}

/** Program-scoped type codes that carry the facet tags, for queries. */
export function taggedKeys(tag: string): string[] {
  const keys: string[] = [];
  for (const id of programIds) {
    for (const def of getProgram(id)!.types.values()) {
      if (def.tags?.includes(tag as never) === true) keys.push(`${id}:${def.code}`);
    }
  }
  return keys;
}

/** A seeded random world of `count` meetings. */
export function randomWorld(count: number, seed: number): Meeting[] {
  const rng = new Rng(seed);
  const venues = Array.from({ length: 40 }, () => {
    const c = rng.pick(worldClusters);
    return {
      latitude: c.latitude + (rng.next() - 0.5) * 1.2,
      longitude: c.longitude + (rng.next() - 0.5) * 1.2,
    };
  });
  const meetings: Meeting[] = [];
  for (let i = 0; i < count; i++) {
    const programId = rng.pick(programIds);
    const program = getProgram(programId)!;
    const codes = [...program.types.keys()];
    const types = [...new Set(Array.from({ length: rng.int(0, 3) }, () => rng.pick(codes)))];
    if (rng.chance(0.15)) {
      const tagged = codes.filter((c) => program.types.get(c)?.tags?.includes('women'));
      if (tagged.length > 0) types.push(rng.pick(tagged));
    }
    const attendanceRoll = rng.next();
    const attendance =
      attendanceRoll < 0.5 ? 'in_person' : attendanceRoll < 0.65 ? 'hybrid' : 'online';
    const statusRoll = rng.next();
    const status =
      statusRoll < 0.85 ? 'active' : statusRoll < 0.95 ? 'temporarily_closed' : 'inactive';
    let point: { latitude: number; longitude: number } | undefined;
    if (rng.chance(0.25)) point = rng.pick(venues);
    else if (!rng.chance(0.08)) {
      const c = rng.pick(worldClusters);
      point = {
        latitude: c.latitude + (rng.next() - 0.5) * 3,
        longitude: c.longitude + (rng.next() - 0.5) * 3,
      };
      if (point.longitude > 180) point.longitude -= 360;
    }
    const schedule = Array.from({ length: rng.int(1, 3) }, () => randomRecurrence(rng));
    const town = rng.pick(towns);
    const name = `${rng.pick(nameWords)} ${rng.pick(nameWords)}`;
    const online: Meeting['online'] = {};
    if (attendance !== 'in_person' && rng.chance(0.8)) online.url = 'https://zoom.us/j/1';
    if (attendance !== 'in_person' ? rng.chance(0.5) : rng.chance(0.05)) {
      online.phone = '+16465588656,,1#';
    }
    const place: Partial<Meeting['place']> = {
      address: { city: town },
      regions: rng.chance(0.5) ? ['Franklin County', town] : [],
      approximate: attendance === 'online',
      formattedAddress: `${rng.int(1, 99)} Main St, ${town}`,
    };
    if (rng.chance(0.6)) place.name = rng.pick(['Town Hall', 'Grange Hall', 'Église St-Jean']);
    if (rng.chance(0.2)) place.wheelchairAccessible = true;
    if (point !== undefined) {
      place.latitude = point.latitude;
      place.longitude = point.longitude;
    }
    meetings.push(
      makeMeeting({
        slug: `m-${String(i).padStart(5, '0')}`,
        name,
        program: programId,
        types,
        languages: rng.pick(languageSets),
        focus: focusOf(program, types),
        attendance,
        status,
        timeZone: rng.pick(worldZones),
        schedule,
        place,
        online,
        ...(rng.chance(0.2) ? { notes: 'Use the side door; café open' } : {}),
        group: rng.chance(0.3)
          ? { name: 'Hilltown Group', contacts: [], contactsPublic: false }
          : { contacts: [], contactsPublic: false },
      }),
    );
  }
  return meetings;
}

/** A query over a wide circle that lists everything it finds (up to 1,000), at `now`. */
export function wideQuery(now: number, extra: Partial<SearchQuery> = {}): SearchQuery {
  return {
    now,
    viewerTimeZone: 'America/New_York',
    radiusKm: 200,
    includeInProgress: true,
    includeClosed: false,
    sort: 'time',
    limit: 1000,
    fallbackThreshold: 5,
    ...extra,
  };
}
