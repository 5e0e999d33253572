import { clockMinutes, isClockTime } from '../meetings/clock-time.js';
import { normaliseLanguageTag } from '../meetings/languages.js';
import { attendanceModes, focusAreas, type Focus, type Weekday } from '../meetings/model.js';
import {
  getProgram,
  programs,
  resolveTypeCode,
  typeTags,
  type TypeTag,
} from '../meetings/programs.js';
import { canonicalTimeZone, isValidCoordinate } from '../meetings/time-zone.js';
import { parseWeekday } from '../meetings/weekdays.js';
import { PorchlightError, type ErrorCode } from '../platform/errors.js';
import { parseIntegerParam, readDecimal } from '../platform/http/query-params.js';
import { KM_PER_MILE } from './distance.js';
import {
  searchDefaults,
  type AttendanceFilter,
  type Point,
  type Region,
  type SearchQuery,
} from './query.js';

/** The search parameters as they arrive in a URL (the API and the finder page share them). */
export type SearchParams = Partial<Record<(typeof searchParamNames)[number], string>>;

export const searchParamNames = [
  'near',
  'radius',
  'units',
  'nearest',
  'day',
  'from',
  'to',
  'starting_within',
  'in_progress',
  'date',
  'attendance',
  'program',
  'focus',
  'types',
  'lang',
  'wheelchair',
  'rides',
  'include_closed',
  'q',
  'sort',
  'limit',
  'cursor',
  'tz',
] as const;

/** The parameters that take a comma-separated list (a repeated parameter is the same list). */
export const searchListParamNames: ReadonlySet<string> = new Set([
  'day',
  'attendance',
  'program',
  'focus',
  'types',
  'lang',
]);

/** Resolves what a person typed ("01301", "Greenfield, MA") to a point, offline. */
export type PlaceResolver = (text: string) => Point | undefined;

/**
 * Turns URL parameters into a validated SearchQuery. Every refusal names the parameter and
 * carries a stable code, so a page can show it next to the right field.
 */
export function parseSearchParams(
  params: SearchParams,
  context: {
    now: number;
    resolvePlace: PlaceResolver;
    defaultTimeZone: string;
    /** Where volunteer drivers take people (`rides=true`); none known: nothing matches. */
    rideRegions?: readonly Region[];
  },
): SearchQuery {
  const units = oneOf(params.units ?? 'mi', ['mi', 'km'] as const, 'units');
  const toKm = (value: number) => (units === 'mi' ? value * KM_PER_MILE : value);
  const query: SearchQuery = {
    now: context.now,
    viewerTimeZone: context.defaultTimeZone,
    radiusKm: searchDefaults.radiusKm,
    includeInProgress: true,
    includeClosed: false,
    sort: 'time',
    limit: searchDefaults.limit,
    fallbackThreshold: searchDefaults.fallbackThreshold,
    units,
  };

  if (params.tz !== undefined) {
    const zone = canonicalTimeZone(params.tz);
    if (zone === undefined)
      fail('tz', `"${clip(params.tz)}" is not an IANA time zone such as America/New_York.`);
    query.viewerTimeZone = zone;
  }
  if (params.near !== undefined && params.near.trim() !== '')
    query.near = parseNear(params.near, context.resolvePlace);
  if (params.radius !== undefined) {
    const radius = toKm(number(params.radius, 'radius'));
    if (!(radius > 0 && radius <= searchDefaults.maxRadiusKm)) {
      const max =
        units === 'mi'
          ? Math.floor(searchDefaults.maxRadiusKm / KM_PER_MILE)
          : searchDefaults.maxRadiusKm;
      fail('radius', `The radius must be above 0 and at most ${max} ${units}.`);
    }
    query.radiusKm = radius;
  }
  if (params.nearest !== undefined)
    query.nearest = integer(params.nearest, 'nearest', 1, searchDefaults.maxNearest);
  if ((params.radius !== undefined || params.nearest !== undefined) && query.near === undefined) {
    fail('near', 'A radius or a number of nearest meetings needs a place (near).');
  }
  if (params.day !== undefined) query.days = list(params.day, 'day').map((d) => weekday(d));
  if (params.from !== undefined) query.fromMinute = timeOfDay(params.from, 'from');
  if (params.to !== undefined) query.toMinute = timeOfDay(params.to, 'to');
  if (params.starting_within !== undefined)
    query.startingWithinMinutes = integer(params.starting_within, 'starting_within', 1, 7 * 1440);
  if (params.in_progress !== undefined)
    query.includeInProgress = boolean(params.in_progress, 'in_progress');
  if (params.date !== undefined) query.date = date(params.date);
  if (params.attendance !== undefined) {
    query.attendance = list(params.attendance, 'attendance').map((a) =>
      oneOf<AttendanceFilter>(a, [...attendanceModes, 'phone'], 'attendance'),
    );
  }
  if (params.program !== undefined) {
    query.programs = list(params.program, 'program').map((id) => {
      if (getProgram(id) === undefined)
        fail('program', `No program is called "${clip(id)}".`, 'PL_UNKNOWN_PROGRAM');
      return id;
    });
  }
  if (params.focus !== undefined) {
    // "family & friends", "family-and-friends" and "family_and_friends" all name one focus.
    const key = (f: string) =>
      f
        .toLowerCase()
        .replace(/&/g, ' and ')
        .trim()
        .replace(/[\s-]+/g, '_');
    query.focus = list(params.focus, 'focus').map((f) => oneOf<Focus>(key(f), focusAreas, 'focus'));
  }
  if (params.types !== undefined)
    query.typeGroups = list(params.types, 'types').map((t) => typeGroup(t, query.programs));
  if (params.lang !== undefined) {
    query.languages = list(params.lang, 'lang').map((tag) => {
      const normalised = normaliseLanguageTag(tag);
      if (normalised === undefined)
        fail('lang', `"${clip(tag)}" is not a language tag such as en or es.`);
      return normalised;
    });
  }
  if (params.wheelchair !== undefined) query.wheelchair = boolean(params.wheelchair, 'wheelchair');
  if (params.rides !== undefined && boolean(params.rides, 'rides'))
    query.regions = context.rideRegions ?? [];
  if (params.include_closed !== undefined)
    query.includeClosed = boolean(params.include_closed, 'include_closed');
  if (params.q !== undefined && params.q.trim() !== '') {
    if (params.q.length > 200) fail('q', 'The search text is longer than 200 characters.');
    query.text = params.q.trim();
  }
  if (params.sort !== undefined) {
    query.sort = oneOf(params.sort, ['time', 'distance'] as const, 'sort');
    if (query.sort === 'distance' && query.near === undefined)
      fail('sort', 'Sorting by distance needs a place (near).');
  }
  if (params.limit !== undefined)
    query.limit = integer(params.limit, 'limit', 1, searchDefaults.maxLimit);
  if (params.cursor !== undefined && params.cursor !== '') {
    if (params.cursor.length > 500) fail('cursor', 'The cursor is not one this server handed out.');
    query.cursor = params.cursor;
  }
  return query;
}

export function parseNear(text: string, resolvePlace: PlaceResolver): Point {
  const coordinates = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (coordinates) {
    const latitude = Number(coordinates[1]);
    const longitude = Number(coordinates[2]);
    if (!isValidCoordinate(latitude, longitude))
      fail('near', 'Coordinates must be a latitude (-90 to 90) and a longitude (-180 to 180).');
    return { latitude, longitude };
  }
  if (text.length > 100) fail('near', 'The place is longer than 100 characters.');
  const point = resolvePlace(text);
  if (point === undefined)
    fail(
      'near',
      `No place called "${clip(text)}" is known. Try a ZIP code or "Town, ST".`,
      'PL_UNKNOWN_PLACE',
    );
  return point;
}

/**
 * A type as a person asks for it. Within the given programs, a code or name of their vocabulary;
 * without a program, a cross-program tag ("women") or a code looked up in each program's own
 * vocabulary, so `W` finds AA's and NA's women's meetings alike.
 */
function typeGroup(text: string, programIds: string[] | undefined): string[] {
  const candidates = (programIds ?? programs.map((p) => p.id)).map((id) => getProgram(id)!);
  const tag = text.toLowerCase().replace(/[\s-]+/g, '_');
  const keys = new Set<string>();
  if (programIds === undefined && (typeTags as readonly string[]).includes(tag)) {
    for (const program of candidates) {
      for (const def of program.types.values())
        if (def.tags?.includes(tag as TypeTag)) keys.add(`${program.id}:${def.code}`);
    }
  }
  for (const program of candidates) {
    const code = resolveTypeCode(program, text);
    if (code !== undefined) keys.add(`${program.id}:${code}`);
  }
  if (keys.size === 0) {
    const scope = programIds === undefined ? 'any program' : programIds.join(', ');
    fail('types', `"${clip(text)}" is not a meeting type of ${scope}.`, 'PL_UNKNOWN_TYPE');
  }
  return [...keys];
}

/** A comma-separated list of one to 50 values, or PL_INVALID_QUERY naming the field. */
export function list(value: string, field: string): string[] {
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (items.length === 0 || items.length > 50)
    fail(field, `Give one to 50 comma-separated values for ${field}.`);
  return items;
}

function weekday(text: string): Weekday {
  const day = parseWeekday(text);
  if (day === undefined) fail('day', `"${clip(text)}" is not a weekday (0-6, Sunday = 0).`);
  return day;
}

function timeOfDay(text: string, field: string): number {
  if (text === '24:00') return 1440;
  if (!isClockTime(text)) fail(field, `"${clip(text)}" is not a time of day as HH:MM.`);
  return clockMinutes(text);
}

function date(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const parsed = m ? new Date(`${text}T00:00:00Z`) : undefined;
  if (
    parsed === undefined ||
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== text
  ) {
    fail('date', `"${clip(text)}" is not a date as YYYY-MM-DD.`);
  }
  return text;
}

function number(text: string, field: string): number {
  // Bounded far beyond any radius so that the caller's own range message is the one shown.
  const n = readDecimal(text, { min: -1e9, max: 1e9 });
  if (n === undefined) fail(field, `"${clip(text)}" is not a number.`);
  return n;
}

function integer(text: string, field: string, min: number, max: number): number {
  return parseIntegerParam(text, field, { min, max });
}

/** A yes/no parameter: 1/true/yes/on or 0/false/no/off; anything else is PL_INVALID_QUERY. */
export function parseBooleanParam(text: string, field: string): boolean {
  return boolean(text, field);
}

function boolean(text: string, field: string): boolean {
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  return fail(field, `${field} must be true or false.`);
}

function oneOf<T extends string>(text: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(text))
    fail(field, `"${clip(text)}" is not one of ${allowed.join(', ')}.`);
  return text as T;
}

function fail(field: string, message: string, code: ErrorCode = 'PL_INVALID_QUERY'): never {
  throw new PorchlightError(code, message, { field });
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
