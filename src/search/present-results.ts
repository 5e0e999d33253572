import { Temporal } from 'temporal-polyfill';
import { Type, type Static } from 'typebox';
import { attendanceModes, focusAreas } from '../meetings/model.js';
import { pickFields } from '../platform/http/query-params.js';
import { kmToUnits, roundDistance } from './distance.js';
import { searchDefaults, type SearchQuery } from './query.js';
import type { SearchAnswer, SearchResult } from './search.js';

const StartSchema = Type.Object({
  /** The instant, ISO 8601 UTC. */
  at: Type.String({ description: 'The start instant, ISO 8601 (UTC)' }),
  end: Type.String({ description: 'The end instant, ISO 8601 (UTC)' }),
  local: Type.String({ description: "The start in the meeting's zone, ISO 8601 with offset" }),
  viewer: Type.String({ description: "The start in the viewer's zone (tz), ISO 8601 with offset" }),
  inProgress: Type.Boolean(),
  minutesUntilStart: Type.Integer({ description: 'Zero or less when in progress' }),
});

export const SearchResultSchema = Type.Object({
  slug: Type.String(),
  url: Type.String(),
  name: Type.String(),
  program: Type.String(),
  attendance: Type.Enum(attendanceModes),
  status: Type.String(),
  timeZone: Type.String(),
  placeName: Type.Optional(Type.String()),
  address: Type.Optional(Type.String()),
  city: Type.Optional(Type.String()),
  latitude: Type.Optional(Type.Number()),
  longitude: Type.Optional(Type.Number()),
  approximate: Type.Boolean(),
  wheelchairAccessible: Type.Boolean(),
  hasOnlineLink: Type.Boolean(),
  hasPhone: Type.Boolean(),
  types: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  focus: Type.Array(Type.Enum(focusAreas)),
  distance: Type.Optional(
    Type.Number({
      description: 'In the units asked for (mi or km): tenths under 10, whole units from 10 on',
    }),
  ),
  next: Type.Optional(StartSchema),
});

const GatheredResultSchema = Type.Object({
  ...SearchResultSchema.properties,
  alsoMeets: Type.Array(SearchResultSchema, {
    description:
      "The same group's other meetings at the same place, soonest first (feeds list a group meeting several times a week as several meetings)",
  }),
});

const Counts = Type.Record(Type.String(), Type.Integer());

/** What an answer says besides its results, whatever form the results take. */
const answerProperties = {
  total: Type.Integer(),
  nextCursor: Type.Optional(Type.String()),
  units: Type.Enum(['mi', 'km'] as const),
  near: Type.Optional(
    Type.Object({
      latitude: Type.Number(),
      longitude: Type.Number(),
      label: Type.Optional(Type.String()),
      foundBy: Type.Optional(
        Type.Literal('geocoder', {
          description: "Present when the operator's geocoder found the place, not the bundled list",
        }),
      ),
    }),
  ),
  viewerTimeZone: Type.String(),
  facets: Type.Optional(
    Type.Object(
      {
        attendance: Counts,
        program: Counts,
        day: Type.Array(Type.Integer(), { description: 'Index 0 = Sunday' }),
        focus: Counts,
        language: Counts,
        tags: Counts,
      },
      {
        description:
          'How many meetings each filter value would find; only with facets=true (the finder page always shows them)',
      },
    ),
  ),
};

/** The rural fallback's words and counts, beside its two lists of results. */
const fallbackProperties = {
  reason: Type.Literal('few_in_person'),
  message: Type.String({ description: 'The situation in plain words (English)' }),
  inPersonWithinRadius: Type.Integer(),
  threshold: Type.Integer(),
  radius: Type.Number({
    description: 'In the units asked for, rounded as distances are',
  }),
  relaxed: Type.Object({
    nearestBeyond: Type.Array(Type.String()),
    remote: Type.Array(Type.String()),
  }),
};
const nearestBeyondDescription =
  'The nearest rooms beyond the radius: one entry per group and place';

export const SearchResponseSchema = Type.Object({
  results: Type.Array(SearchResultSchema),
  ...answerProperties,
  fallback: Type.Optional(
    Type.Object({
      ...fallbackProperties,
      nearestBeyond: Type.Array(GatheredResultSchema, { description: nearestBeyondDescription }),
      remote: Type.Array(SearchResultSchema),
    }),
  ),
});

export type SearchResponse = Static<typeof SearchResponseSchema>;

type ResultView = Static<typeof SearchResultSchema>;
/** A field of a result, as `fields=` names it. */
export type ResultField = keyof ResultView;
/** Every field a result may carry, in the order an answer writes them. */
export const resultFieldNames = Object.keys(SearchResultSchema.properties) as ResultField[];

const CompactResultSchema = Type.Partial(SearchResultSchema);
const CompactGatheredSchema = Type.Object({
  ...CompactResultSchema.properties,
  alsoMeets: Type.Array(CompactResultSchema, {
    description: "The same group's other meetings at the same place, soonest first",
  }),
});

/** The answer with `fields=`: the same, but each result carries only the fields named. */
export const CompactSearchResponseSchema = Type.Object(
  {
    fields: Type.Array(Type.Enum(resultFieldNames), {
      description: 'The fields each result carries: those named in `fields`, in this order',
    }),
    results: Type.Array(CompactResultSchema),
    ...answerProperties,
    fallback: Type.Optional(
      Type.Object({
        ...fallbackProperties,
        nearestBeyond: Type.Array(CompactGatheredSchema, {
          description: nearestBeyondDescription,
        }),
        remote: Type.Array(CompactResultSchema),
      }),
    ),
  },
  { description: "With `fields`: each result (the fallback's too) carries only the fields named" },
);

export type CompactSearchResponse = Static<typeof CompactSearchResponseSchema>;

/**
 * `/api/v1/search`'s answer: the compact form when it says which `fields` it carries, the whole
 * one otherwise. `if`/`then`/`else` rather than `oneOf`: the serialiser then checks only that
 * one property to choose, where `oneOf` would validate a whole answer first.
 */
export const SearchAnswerSchema = Type.Unsafe<SearchResponse | CompactSearchResponse>({
  if: { type: 'object', required: ['fields'] },
  then: CompactSearchResponseSchema,
  else: SearchResponseSchema,
});
/** An answer with its facet counts, as the finder page shows it. */
export type SearchResponseWithFacets = SearchResponse & {
  facets: NonNullable<SearchResponse['facets']>;
};

/** {@link presentSearchAnswer} with the facet counts, which the finder page always shows. */
export function presentWithFacets(
  answer: SearchAnswer,
  query: SearchQuery,
  publicUrl: string,
): SearchResponseWithFacets {
  const facets = answer.facets;
  if (facets === undefined) throw new Error('presentWithFacets: the query did not count facets');
  return { ...presentSearchAnswer(answer, query, publicUrl), facets };
}

/** Turns the engine's answer into the API's JSON: distances in the person's units, times in both zones. */
export function presentSearchAnswer(
  answer: SearchAnswer,
  query: SearchQuery,
  publicUrl: string,
  options: { facets: boolean } = { facets: false },
): SearchResponse {
  const units = query.units ?? 'mi';
  const present = (result: SearchResult) => presentResult(result, query, units, publicUrl);
  const response: SearchResponse = {
    results: answer.results.map(present),
    total: answer.total,
    units,
    viewerTimeZone: query.viewerTimeZone,
  };
  if (options.facets && answer.facets !== undefined) response.facets = answer.facets;
  if (answer.nextCursor !== undefined) response.nextCursor = answer.nextCursor;
  if (query.near !== undefined) response.near = query.near;
  const f = answer.fallback;
  if (f !== undefined) {
    const radius = roundDistance(kmToUnits(f.radiusKm, units));
    // A room further than the largest radius one may ask for is no help to anyone.
    const beyond = f.nearestBeyond.filter((r) => (r.distanceKm ?? 0) <= searchDefaults.maxRadiusKm);
    const remote = f.remote.map(present);
    response.fallback = {
      reason: f.reason,
      message: fallbackMessage(
        f.inPersonWithinRadius,
        radius,
        units,
        beyond.length,
        remoteListed(response.results, remote).length,
      ),
      inPersonWithinRadius: f.inPersonWithinRadius,
      threshold: f.threshold,
      radius,
      nearestBeyond: beyond.map((r) => ({ ...present(r), alsoMeets: r.alsoMeets.map(present) })),
      remote,
      relaxed: f.relaxed,
    };
  }
  return response;
}

/**
 * {@link presentSearchAnswer} with each result cut to the named fields (`fields=`): the same
 * answer, smaller on the wire. The fallback's words are made from the whole results first.
 */
export function presentCompactAnswer(
  answer: SearchAnswer,
  query: SearchQuery,
  publicUrl: string,
  options: { facets: boolean; fields: readonly ResultField[] },
): CompactSearchResponse {
  const { results, fallback, ...rest } = presentSearchAnswer(answer, query, publicUrl, options);
  const pick = (result: ResultView) => pickFields(result, options.fields);
  const compact: CompactSearchResponse = {
    fields: [...options.fields],
    results: results.map(pick),
    ...rest,
  };
  if (fallback !== undefined) {
    compact.fallback = {
      ...fallback,
      nearestBeyond: fallback.nearestBeyond.map((g) => ({
        ...pick(g),
        alsoMeets: g.alsoMeets.map(pick),
      })),
      remote: fallback.remote.map(pick),
    };
  }
  return compact;
}

/**
 * The online and phone meetings an answer lists, each once: those among the results and the
 * fallback's own. A sentence counting them must count what the person sees, and an online
 * meeting matching every filter is already among the results (it is reachable from anywhere).
 */
export function remoteListed<T extends Pick<ResultView, 'slug' | 'attendance'>>(
  results: readonly T[],
  remote: readonly T[],
): T[] {
  const seen = new Set<string>();
  const listed: T[] = [];
  for (const r of [...results.filter((r) => r.attendance === 'online'), ...remote]) {
    if (seen.has(r.slug)) continue;
    seen.add(r.slug);
    listed.push(r);
  }
  return listed;
}

function presentResult(
  result: SearchResult,
  query: SearchQuery,
  units: 'mi' | 'km',
  publicUrl: string,
): ResultView {
  const { meeting: m, next } = result;
  // One object literal with every key, absent ones undefined (the serialiser leaves those out):
  // one shape for every result keeps presenting a page cheap.
  const view: { [K in keyof ResultView]-?: ResultView[K] | undefined } = {
    slug: m.slug,
    url: `${publicUrl}/meetings/${encodeURIComponent(m.slug)}`,
    name: m.name,
    program: m.program,
    attendance: m.attendance,
    status: m.status,
    timeZone: m.timeZone,
    placeName: m.placeName,
    address: m.address,
    city: m.city,
    latitude: m.latitude,
    longitude: m.longitude,
    approximate: m.approximate,
    wheelchairAccessible: m.wheelchairAccessible,
    hasOnlineLink: m.hasOnlineLink,
    hasPhone: m.hasPhone,
    types: m.types,
    languages: m.languages,
    focus: m.focus,
    distance:
      result.distanceKm === undefined
        ? undefined
        : roundDistance(kmToUnits(result.distanceKm, units)),
    next:
      next === undefined
        ? undefined
        : {
            at: new Date(next.start).toISOString(),
            end: new Date(next.end).toISOString(),
            local: zoned(next.start, m.timeZone),
            viewer: zoned(next.start, query.viewerTimeZone),
            inProgress: next.inProgress,
            minutesUntilStart: next.minutesUntilStart,
          },
  };
  return view as ResultView;
}

/** The fallback in plain words, for clients that show it as it is. */
function fallbackMessage(
  found: number,
  radius: number,
  units: string,
  beyond: number,
  remote: number,
): string {
  const within =
    found === 0
      ? `No in-person meeting matches within ${radius} ${units}`
      : `Only ${found} in-person ${found === 1 ? 'meeting matches' : 'meetings match'} within ${radius} ${units}`;
  const more = [
    beyond > 0
      ? `the ${beyond === 1 ? 'nearest one' : `${beyond} nearest`} further away`
      : undefined,
    remote > 0
      ? `${remote} online or phone ${remote === 1 ? 'meeting' : 'meetings'} with the same filters`
      : undefined,
  ].filter(Boolean);
  return more.length === 0 ? `${within}.` : `${within}. Here are ${more.join(' and ')}.`;
}

/**
 * Memoised per zone and instant: Temporal's formatting dominates presenting an answer, and
 * starts repeat (every meeting at 19:00 in one zone shares one instant a week).
 */
const zonedCache = new Map<string, Map<number, string>>();
let zonedCached = 0;

function zoned(epochMs: number, timeZone: string): string {
  let byInstant = zonedCache.get(timeZone);
  if (byInstant === undefined) zonedCache.set(timeZone, (byInstant = new Map<number, string>()));
  let text = byInstant.get(epochMs);
  if (text === undefined) {
    if (zonedCached >= 50_000) {
      zonedCache.clear();
      zonedCached = 0;
      zonedCache.set(timeZone, byInstant);
      byInstant.clear();
    }
    text = Temporal.Instant.fromEpochMilliseconds(epochMs)
      .toZonedDateTimeISO(timeZone)
      .toString({ timeZoneName: 'never' });
    byInstant.set(epochMs, text);
    zonedCached++;
  }
  return text;
}
