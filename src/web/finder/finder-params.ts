/**
 * The finder's URL. It takes the search API's parameters (a finder URL is a shareable search),
 * read the way a plain HTML GET form sends them: empty fields are absent, a repeated field
 * (ticked checkboxes) is one comma-separated list, and the form's time-of-day menu (`time`)
 * stands for the `from`/`to` window it names. Links the page builds itself always use the API's
 * own form, so any of them also works against `/api/v1/search`.
 */
import {
  getProgram,
  groupTags,
  programs,
  resolveTypeCode,
  typeTags,
  type Program,
  type TypeTag,
} from '../../meetings/programs.js';
import { searchParamNames, type SearchParams } from '../../search/parse-params.js';

export type SearchParamName = (typeof searchParamNames)[number];

/** Parts of the day a person picks from, as start-time windows in the meeting's zone. */
export const timesOfDay = {
  morning: { from: '05:00', to: '12:00' },
  afternoon: { from: '12:00', to: '17:00' },
  evening: { from: '17:00', to: '21:00' },
  // Wraps past midnight: the engine reads from > to as "from, through midnight, until to".
  night: { from: '21:00', to: '05:00' },
} as const;
export type TimeOfDay = keyof typeof timesOfDay;

/** Longest value accepted for one parameter, as in the API's schema. */
const MAX_VALUE_LENGTH = 500;

export interface FinderInput {
  /** The search in the API's own parameters: no empty values, lists comma-separated. */
  params: SearchParams;
  /** A parameter that could not even be read (too long, or an unknown time of day). */
  unreadable?: { field: SearchParamName | 'time'; value: string };
}

/** Reads a request's query (values may be strings or arrays of them) into API parameters. */
export function readFinderQuery(raw: Record<string, unknown>): FinderInput {
  const params: SearchParams = {};
  let unreadable: FinderInput['unreadable'];
  for (const name of searchParamNames) {
    const value = joined(raw[name]);
    if (value === undefined) continue;
    if (value.length > MAX_VALUE_LENGTH) {
      unreadable ??= { field: name, value: value.slice(0, 40) };
      continue;
    }
    params[name] = value;
  }
  const time = joined(raw.time);
  if (time === 'any') {
    // "Any time", offered next to a window a shared link brought along: it clears the window.
    delete params.from;
    delete params.to;
  } else if (time !== undefined) {
    if (isTimeOfDay(time)) {
      // The menu is what the person just chose: it wins over a window kept from an older link.
      params.from = timesOfDay[time].from;
      params.to = timesOfDay[time].to;
    } else {
      unreadable ??= { field: 'time', value: time.slice(0, 40) };
    }
  }
  if (params.types !== undefined) params.types = normaliseTypes(params.types, params.program);
  return unreadable === undefined ? { params } : { params, unreadable };
}

/**
 * Type values in the form the chosen program understands. The form offers tags ("women") when no
 * program is chosen and the program's own codes ("W") when one is; a person who changes the
 * program keeps their ticks: a tag becomes the program's one type with that tag, and a code
 * known to mean one tag in every program becomes that tag. Anything else is left for the search
 * to judge (and name, if it is unknown).
 */
export function normaliseTypes(types: string, programIds: string | undefined): string {
  const program =
    programIds === undefined || programIds.includes(',') ? undefined : getProgram(programIds);
  const values = types.split(',').map((value) => {
    if (programIds === undefined) return tagOf(value) ?? value;
    return program === undefined ? value : (codeIn(program, value) ?? value);
  });
  return [...new Set(values)].join(',');
}

/** The type tags the form offers when no program is chosen, in the form's order. */
export const offeredTags = [
  ...groupTags,
  'beginners',
  'open',
  'closed',
] as const satisfies readonly TypeTag[];

function isTag(value: string): value is TypeTag {
  return (typeTags as readonly string[]).includes(value);
}

/** A program's code for a value: its own code or name, else its only type carrying the tag. */
function codeIn(program: Program, value: string): string | undefined {
  const code = resolveTypeCode(program, value);
  if (code !== undefined) return code;
  const tag = value.toLowerCase().replace(/[\s-]+/g, '_');
  if (!isTag(tag)) return undefined;
  const tagged = [...program.types.values()].filter((def) => def.tags?.includes(tag) === true);
  return tagged.length === 1 ? tagged[0]!.code : undefined;
}

/** The offered tag a code stands for in every program that has the code, if exactly one. */
function tagOf(value: string): TypeTag | undefined {
  if (isTag(value)) return undefined;
  let found: TypeTag[] | undefined;
  for (const program of programs) {
    const code = resolveTypeCode(program, value);
    if (code === undefined) continue;
    const tags = program.types.get(code)?.tags ?? [];
    found = (found ?? [...offeredTags]).filter((tag) => tags.includes(tag));
  }
  return found?.length === 1 ? found[0] : undefined;
}

function isTimeOfDay(value: string): value is TimeOfDay {
  return Object.hasOwn(timesOfDay, value);
}

/** The time-of-day preset a from/to window is, if it is one. */
export function timeOfDayOf(params: SearchParams): TimeOfDay | undefined {
  for (const [name, window] of Object.entries(timesOfDay)) {
    if (params.from === window.from && params.to === window.to) return name as TimeOfDay;
  }
  return undefined;
}

function joined(value: unknown): string | undefined {
  const parts = (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return parts.length === 0 ? undefined : parts.join(',');
}

/**
 * The query string of a search in the API's parameter order (`?near=01301&day=2`), or '' for
 * none. Commas and colons stay readable; everything else is percent-encoded.
 */
export function finderQueryString(params: SearchParams): string {
  const pairs: string[] = [];
  for (const name of searchParamNames) {
    const value = params[name];
    if (value === undefined || value === '') continue;
    pairs.push(`${name}=${encodeURIComponent(value).replace(/%2C/g, ',').replace(/%3A/g, ':')}`);
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/** Parameters that shape or page the answer without narrowing it. */
const notNarrowing: ReadonlySet<SearchParamName> = new Set([
  'units',
  'sort',
  'limit',
  'cursor',
  'tz',
]);

/** Parameters that narrow a search: without any, the finder shows its default view. */
const narrowing = searchParamNames.filter((name) => !notNarrowing.has(name));

/** True when the search asks for something (a place, a day, a program...). */
export function isNarrowed(params: SearchParams): boolean {
  return narrowing.some((name) => params[name] !== undefined);
}

/** How many filters beyond the place are on (shown on the filters' summary). */
export function activeFilterCount(params: SearchParams): number {
  const filters: SearchParamName[] = [
    'q',
    'day',
    'from',
    'starting_within',
    'attendance',
    'program',
    'focus',
    'types',
    'lang',
    'wheelchair',
    'rides',
    'radius',
  ];
  const on = filters.filter((name) => params[name] !== undefined).length;
  return on + (params.sort === 'distance' ? 1 : 0);
}
