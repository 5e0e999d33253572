/**
 * The parameters of BMLT's semantic interface, read as leniently as root servers read them:
 * a value that does not parse is ignored rather than refused, lists come as `key=1,2`, as
 * `key[]=1&key[]=2` or as repeated keys, and negative ids exclude.
 */
import { readDecimal, readInteger, type NumberBounds } from '../../platform/http/query-params.js';
import { foldedWords } from './served-meetings.js';

/** A query string as the HTTP layer hands it over. */
export type RawQuery = Record<string, unknown>;

export interface IncludeExclude {
  include: number[];
  exclude: number[];
}

export interface GeoQuery {
  latitude: number;
  longitude: number;
  /** Radius in `units`; absent when only distances were asked for. */
  radius?: number;
  /** The N nearest instead of a radius (a negative width). */
  nearest?: number;
  units: 'mi' | 'km';
}

/** `GetSearchResults`, parsed. */
export interface SearchResultsQuery {
  /** True when the parameters ask for something that can match nothing (as root servers answer `[]`). */
  matchesNothing: boolean;
  meetingIds: IncludeExclude;
  weekdays: IncludeExclude;
  venueTypes: IncludeExclude;
  services: IncludeExclude;
  recursive: boolean;
  formats: IncludeExclude;
  formatsOperator: 'AND' | 'OR';
  meetingKey?: { key: string; value: string };
  /** Minutes after midnight; comparisons are strict as on root servers. */
  startsAfter?: number;
  startsBefore?: number;
  endsBefore?: number;
  minDuration?: number;
  maxDuration?: number;
  geo?: GeoQuery;
  sortByDistance: boolean;
  /** Every word must begin a word of the meeting's texts. */
  words?: string[];
  sortKeys: string[];
  page?: { size: number; number: number };
  /** Only these fields in each meeting (all when absent). */
  dataFieldKeys?: string[];
  usedFormats: boolean;
  formatsOnly: boolean;
  lang: string;
}

/** Every value given for `name`, also as `name[]`, split at commas and trimmed. */
export function listParam(query: RawQuery, name: string): string[] {
  const values: string[] = [];
  for (const key of [name, `${name}[]`]) {
    const raw = query[key];
    const items = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    for (const item of items) {
      if (typeof item !== 'string') continue;
      for (const part of item.split(',')) {
        const trimmed = part.trim();
        if (trimmed !== '') values.push(trimmed);
      }
    }
  }
  return values;
}

/** The one value of `name` (the last, when repeated). */
export function stringParam(query: RawQuery, name: string): string | undefined {
  const raw = query[name];
  const value: unknown = Array.isArray(raw) ? (raw as unknown[]).at(-1) : raw;
  return typeof value === 'string' ? value : undefined;
}

/** True when the parameter is present at all, whatever its value (`get_used_formats`). */
export function hasParam(query: RawQuery, name: string): boolean {
  return query[name] !== undefined;
}

/** Ids are positive whole numbers, or negative ones to exclude. */
const idBounds: NumberBounds = { min: -1e12, max: 1e12 };
/**
 * Every other number (coordinates, widths, hours and minutes, page size and number): far beyond
 * any meaningful value, and finite, so that `Infinity` or `1e999` is ignored like any bad value.
 */
const numberBounds: NumberBounds = { min: -1e6, max: 1e6 };

/** Whole numbers among the values; the rest are ignored. */
export function integers(values: readonly string[]): number[] {
  return values.flatMap((v) => readInteger(v, idBounds) ?? []);
}

/** Positive values include, negative ones exclude (by their absolute value); zero does neither. */
export function includeExclude(values: readonly string[]): IncludeExclude {
  const numbers = integers(values);
  return {
    include: numbers.filter((n) => n > 0),
    exclude: numbers.filter((n) => n < 0).map((n) => -n),
  };
}

/** A finite number, or undefined. */
export function numberParam(query: RawQuery, name: string): number | undefined {
  const value = stringParam(query, name);
  return value === undefined ? undefined : readDecimal(value, numberBounds);
}

/** `XH`/`XM` pairs as minutes after midnight; a missing half counts as zero. */
function clockParam(query: RawQuery, prefix: string): number | undefined {
  const hours = numberParam(query, `${prefix}H`);
  const minutes = numberParam(query, `${prefix}M`);
  if (hours === undefined && minutes === undefined) return undefined;
  return Math.trunc(hours ?? 0) * 60 + Math.trunc(minutes ?? 0);
}

/** The sort orders `sort_key` names stand for, as root servers define them. */
const sortAliases: Record<string, string[]> = {
  weekday: [
    'weekday_tinyint',
    'location_municipality',
    'location_city_subsection',
    'start_time',
    'location_neighborhood',
  ],
  time: [
    'weekday_tinyint',
    'start_time',
    'location_municipality',
    'location_city_subsection',
    'location_neighborhood',
  ],
  town: [
    'location_municipality',
    'location_city_subsection',
    'location_neighborhood',
    'weekday_tinyint',
    'start_time',
  ],
  state: [
    'location_province',
    'location_municipality',
    'location_city_subsection',
    'weekday_tinyint',
    'start_time',
  ],
  weekday_state: [
    'weekday_tinyint',
    'location_province',
    'location_municipality',
    'start_time',
    'location_city_subsection',
  ],
};

export const defaultSortKeys = ['weekday_tinyint', 'start_time', 'duration_time'];

/** Reads `GetSearchResults` parameters. Never throws: what cannot be read is left out. */
export function parseSearchResultsQuery(query: RawQuery): SearchResultsQuery {
  let matchesNothing = false;
  const operator = stringParam(query, 'formats_comparison_operator')?.toUpperCase();
  const parsed: SearchResultsQuery = {
    matchesNothing: false,
    meetingIds: includeExclude(listParam(query, 'meeting_ids')),
    weekdays: includeExclude(listParam(query, 'weekdays')),
    venueTypes: includeExclude(listParam(query, 'venue_types')),
    services: includeExclude(listParam(query, 'services')),
    recursive: stringParam(query, 'recursive') === '1',
    formats: includeExclude(listParam(query, 'formats')),
    formatsOperator: operator === undefined || operator === 'AND' ? 'AND' : 'OR',
    sortByDistance: stringParam(query, 'sort_results_by_distance') === '1',
    sortKeys: defaultSortKeys,
    usedFormats: hasParam(query, 'get_used_formats'),
    formatsOnly: hasParam(query, 'get_formats_only'),
    lang: stringParam(query, 'lang_enum')?.trim().toLowerCase() || 'en',
  };

  const meetingKey = stringParam(query, 'meeting_key');
  if (meetingKey !== undefined) {
    const value = stringParam(query, 'meeting_key_value');
    if (value === undefined || value === '') matchesNothing = true;
    else parsed.meetingKey = { key: meetingKey, value: meetingKeyValue(meetingKey, value) };
  }

  const times = {
    startsAfter: clockParam(query, 'StartsAfter'),
    startsBefore: clockParam(query, 'StartsBefore'),
    endsBefore: clockParam(query, 'EndsBefore'),
    minDuration: clockParam(query, 'MinDuration'),
    maxDuration: clockParam(query, 'MaxDuration'),
  };
  for (const [key, value] of Object.entries(times)) {
    if (value !== undefined) parsed[key as keyof typeof times] = value;
  }

  const dataFieldKeys = listParam(query, 'data_field_key');
  if (dataFieldKeys.length > 0) parsed.dataFieldKeys = dataFieldKeys;

  const latitude = numberParam(query, 'lat_val');
  const longitude = numberParam(query, 'long_val');
  if (latitude !== undefined || longitude !== undefined) {
    const miles = numberParam(query, 'geo_width');
    const km = numberParam(query, 'geo_width_km');
    const wantsDistance =
      dataFieldKeys.includes('distance_in_miles') || dataFieldKeys.includes('distance_in_km');
    const width = miles ?? km;
    if (
      latitude === undefined ||
      longitude === undefined ||
      Math.abs(latitude) > 90 ||
      Math.abs(longitude) > 180 ||
      (width === undefined && !wantsDistance)
    ) {
      matchesNothing = true;
    } else {
      const geo: GeoQuery = { latitude, longitude, units: miles !== undefined ? 'mi' : 'km' };
      if (width !== undefined && width < 0) geo.nearest = Math.trunc(-width);
      else if (width !== undefined) geo.radius = width;
      parsed.geo = geo;
    }
  }

  const search = stringParam(query, 'SearchString')?.trim();
  if (search !== undefined && (search.length > 2 || /^\d+$/.test(search))) {
    const parts = search.split(',').map((p) => p.trim());
    const ids = integers(parts);
    if (ids.length === parts.length) {
      // A list of ids, as root servers read it.
      parsed.meetingIds = {
        include: [...parsed.meetingIds.include, ...ids],
        exclude: parsed.meetingIds.exclude,
      };
    } else {
      const words = foldedWords(search);
      if (words.length > 0) parsed.words = words;
    }
  }

  const sortKeys = listParam(query, 'sort_keys');
  const alias = stringParam(query, 'sort_key');
  if (sortKeys.length > 0) parsed.sortKeys = sortKeys;
  else if (alias !== undefined && sortAliases[alias] !== undefined)
    parsed.sortKeys = sortAliases[alias];

  const pageSize = numberParam(query, 'page_size');
  if (pageSize !== undefined && pageSize >= 0) {
    const pageNumber = numberParam(query, 'page_num');
    parsed.page = { size: Math.trunc(pageSize), number: Math.trunc(pageNumber ?? 1) };
  }

  parsed.matchesNothing = matchesNothing;
  return parsed;
}

/** `meeting_key_value` for times as the field holds them (`19:00` -> `19:00:00`). */
function meetingKeyValue(key: string, value: string): string {
  if (key !== 'start_time' && key !== 'duration_time') return value;
  const [h, m] = value.split(':');
  if (h === undefined || m === undefined) return value;
  const pad = (part: string) => String(Math.trunc(Number(part)) || 0).padStart(2, '0');
  return `${pad(h)}:${pad(m)}:00`;
}
