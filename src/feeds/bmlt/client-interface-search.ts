/**
 * `GetSearchResults` answered from the served catalogue, with root servers' semantics:
 * includes and excludes per list, formats combined with AND (default) or OR, strict start-time
 * bounds, a radius in miles (`geo_width`) or kilometres (`geo_width_km`), distances as root
 * servers measure them (degrees of arc times 69 miles or 111.111 km), sort keys with empty
 * values last, then a page.
 *
 * Where Porchlight differs, on purpose (docs/decisions/0010-bmlt-output.md): a negative width
 * returns exactly the N nearest meetings (a root server returns everyone within the smallest of
 * its fixed radii that holds at least N); `SearchString` needs every word to begin a word of the
 * meeting's name, place, address, group or notes (a root server's full-text search ranks any).
 */
import type { SearchResultsQuery } from './client-interface-params.js';
import type { ServedCatalogue } from './served-catalogue.js';
import { withDescendants } from './served-service-bodies.js';
import {
  foldedWords,
  meetingFieldKeys,
  type BmltMeeting,
  type MeetingFieldKey,
  type ServedMeeting,
} from './served-meetings.js';

const MILES_PER_DEGREE = 69.0;
const KM_PER_DEGREE = 111.111;

export interface SearchResultsAnswer {
  meetings: Partial<BmltMeeting>[];
  /** The format ids the answered meetings carry. */
  formatIds: Set<number>;
}

interface Found {
  meeting: ServedMeeting;
  /** Degrees of arc from the search point. */
  degrees?: number;
}

/** The meetings a query selects, ordered, paged and reduced to the asked fields. */
export function searchResults(
  catalogue: ServedCatalogue,
  query: SearchResultsQuery,
): SearchResultsAnswer {
  if (query.matchesNothing) return { meetings: [], formatIds: new Set() };
  const filter = compileFilter(catalogue, query);
  let found: Found[] = catalogue.meetings.filter(filter).map((meeting) => ({ meeting }));

  const geo = query.geo;
  if (geo !== undefined) {
    const perDegree = geo.units === 'mi' ? MILES_PER_DEGREE : KM_PER_DEGREE;
    found = found.flatMap((f) =>
      f.meeting.latitude === undefined || f.meeting.longitude === undefined
        ? []
        : [
            {
              meeting: f.meeting,
              degrees: arcDegrees(
                geo.latitude,
                geo.longitude,
                f.meeting.latitude,
                f.meeting.longitude,
              ),
            },
          ],
    );
    if (geo.nearest !== undefined) {
      found.sort(byDistanceThenId);
      found = found.slice(0, geo.nearest);
    } else if (geo.radius !== undefined) {
      const radius = geo.radius;
      found = found.filter((f) => f.degrees! * perDegree <= radius);
    }
  }

  if (geo !== undefined && query.sortByDistance) found.sort(byDistanceThenId);
  else found.sort(bySortKeys(query.sortKeys));

  if (query.page !== undefined) {
    const { size, number } = query.page;
    const start = Math.max(0, (number - 1) * size);
    found = found.slice(start, start + size);
  }

  const keys = fieldsToShow(query.dataFieldKeys);
  const formatIds = new Set<number>();
  const meetings = found.map(({ meeting, degrees }) => {
    for (const id of meeting.formatIds) formatIds.add(id);
    const fields: BmltMeeting =
      degrees === undefined
        ? meeting.fields
        : {
            ...meeting.fields,
            distance_in_km: String(degrees * KM_PER_DEGREE),
            distance_in_miles: String(degrees * MILES_PER_DEGREE),
          };
    if (keys === undefined) return fields;
    const picked: Partial<BmltMeeting> = {};
    for (const key of keys) picked[key] = fields[key];
    return picked;
  });
  return { meetings, formatIds };
}

/** Great-circle distance in degrees of arc (the spherical law of cosines, as root servers use). */
export function arcDegrees(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const cosine =
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.cos((lng2 - lng1) * rad) +
    Math.sin(lat1 * rad) * Math.sin(lat2 * rad);
  return Math.acos(Math.min(1, Math.max(-1, cosine))) / rad;
}

function compileFilter(
  catalogue: ServedCatalogue,
  query: SearchResultsQuery,
): (meeting: ServedMeeting) => boolean {
  const checks: ((m: ServedMeeting) => boolean)[] = [];
  const inList = (values: number[]) => new Set(values);

  const ids = query.meetingIds;
  if (ids.include.length > 0) {
    const set = inList(ids.include);
    checks.push((m) => set.has(m.id));
  }
  if (ids.exclude.length > 0) {
    const set = inList(ids.exclude);
    checks.push((m) => !set.has(m.id));
  }
  for (const [list, value] of [
    [query.weekdays, (m: ServedMeeting) => m.weekday],
    [query.venueTypes, (m: ServedMeeting) => m.venueType],
  ] as const) {
    if (list.include.length > 0) {
      const set = inList(list.include);
      checks.push((m) => set.has(value(m)));
    }
    if (list.exclude.length > 0) {
      const set = inList(list.exclude);
      checks.push((m) => !set.has(value(m)));
    }
  }
  const { services } = query;
  if (services.include.length > 0) {
    const set = withDescendants(catalogue.serviceBodies, services.include, query.recursive);
    checks.push((m) => set.has(m.serviceBodyId));
  }
  if (services.exclude.length > 0) {
    const set = withDescendants(catalogue.serviceBodies, services.exclude, query.recursive);
    checks.push((m) => !set.has(m.serviceBodyId));
  }
  const { formats } = query;
  if (formats.include.length > 0) {
    const wanted = formats.include;
    checks.push(
      query.formatsOperator === 'AND'
        ? (m) => wanted.every((id) => m.formatIds.includes(id))
        : (m) => wanted.some((id) => m.formatIds.includes(id)),
    );
  }
  if (formats.exclude.length > 0) {
    const unwanted = formats.exclude;
    checks.push((m) => !unwanted.some((id) => m.formatIds.includes(id)));
  }
  if (query.meetingKey !== undefined) {
    const { key, value } = query.meetingKey;
    const comparable = (meetingFieldKeys as readonly string[]).includes(key) && key !== 'formats';
    checks.push(comparable ? (m) => m.fields[key as MeetingFieldKey] === value : () => false);
  }
  const { startsAfter, startsBefore, endsBefore, minDuration, maxDuration } = query;
  if (startsAfter !== undefined) checks.push((m) => m.startMinute > startsAfter);
  if (startsBefore !== undefined) checks.push((m) => m.startMinute < startsBefore);
  if (endsBefore !== undefined) checks.push((m) => m.startMinute + m.durationMinutes <= endsBefore);
  if (minDuration !== undefined) checks.push((m) => m.durationMinutes >= minDuration);
  if (maxDuration !== undefined) checks.push((m) => m.durationMinutes <= maxDuration);
  if (query.words !== undefined) {
    const words = query.words;
    checks.push((m) => {
      m.words ??= foldedWords(m.text);
      const own = m.words;
      return words.every((w) => own.some((mw) => mw.startsWith(w)));
    });
  }
  return (m) => checks.every((check) => check(m));
}

function byDistanceThenId(a: Found, b: Found): number {
  return a.degrees! - b.degrees! || a.meeting.id - b.meeting.id;
}

const numeric = /^-?\d+(\.\d+)?$/;

/** Root servers' order: each key in turn, empty values last, numbers as numbers; then id. */
function bySortKeys(keys: readonly string[]): (a: Found, b: Found) => number {
  const known = keys.filter((k): k is MeetingFieldKey =>
    (meetingFieldKeys as readonly string[]).includes(k),
  );
  return (a, b) => {
    for (const key of known) {
      const x = a.meeting.fields[key];
      const y = b.meeting.fields[key];
      if (x === y) continue;
      if (x === '') return 1;
      if (y === '') return -1;
      if (numeric.test(x) && numeric.test(y)) {
        const diff = Number(x) - Number(y);
        if (diff !== 0) return diff;
        continue;
      }
      return x < y ? -1 : 1;
    }
    return a.meeting.id - b.meeting.id;
  };
}

/** The fields `data_field_key` asks for that exist; all of them when it names none. */
function fieldsToShow(requested: readonly string[] | undefined): MeetingFieldKey[] | undefined {
  if (requested === undefined) return undefined;
  const wanted = new Set(requested);
  const keys = meetingFieldKeys.filter((k) => wanted.has(k));
  return keys.length === 0 ? undefined : keys;
}
