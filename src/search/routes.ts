import { Type } from 'typebox';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import { listOptions, parseFieldsParam } from '../platform/http/query-params.js';
import { parseBooleanParam, searchListParamNames, searchParamNames } from './parse-params.js';
import {
  presentCompactAnswer,
  presentSearchAnswer,
  resultFieldNames,
  SearchAnswerSchema,
} from './present-results.js';
import type { SearchService } from './search-service.js';

/** One search parameter's schema; a list also comes as a repeated parameter. */
export function searchParamSchema(name: string, description?: string) {
  const list = searchListParamNames.has(name);
  const text = list && description !== undefined ? `${description}; or repeat it` : description;
  return Type.Optional(
    Type.String({
      maxLength: 500,
      ...(text !== undefined ? { description: text } : {}),
      ...(list ? listOptions : {}),
    }),
  );
}

const descriptions: Record<(typeof searchParamNames)[number], string> = {
  near: 'lat,lng, or a place: a ZIP code or "Town, ST"',
  radius: 'Distance around `near` (default 25 mi / 40 km)',
  units: 'mi (default) or km',
  nearest: 'The N nearest in-person meetings instead of a radius',
  day: 'Weekdays, comma-separated, 0 = Sunday',
  from: 'Earliest local start, HH:MM',
  to: 'Latest local start (exclusive), HH:MM',
  starting_within: 'Only meetings starting within this many minutes',
  in_progress: 'Include meetings in progress (default true)',
  date: "A date in the viewer's zone, YYYY-MM-DD",
  attendance: 'in_person, online, hybrid, phone (any of)',
  program: 'Program ids, comma-separated (aa, na, al-anon, ...)',
  focus:
    'alcohol, drugs, gambling, sex_and_love, food, co_dependency, family_and_friends, behaviour',
  types: 'Type codes of the program, or tags such as women (all must match)',
  lang: 'Languages, BCP-47 (any of)',
  wheelchair: 'true for wheelchair-accessible rooms only',
  rides: 'true for meetings that volunteer drivers of a ride program take people to',
  include_closed: 'true to include temporarily closed meetings',
  q: 'Text in the name, place, group, town or notes',
  sort: 'time (default) or distance',
  limit: 'Results per page, 1-200 (default 25)',
  cursor: 'From nextCursor of the previous page',
  tz: "The viewer's IANA time zone (default America/New_York)",
};

/** `GET /api/v1/search`: the same parameters as the finder page's URL. */
export function registerSearchRoutes(
  server: HttpServer,
  service: SearchService,
  publicUrl: string,
): void {
  const querystring: Record<string, ReturnType<typeof searchParamSchema>> = {
    ...Object.fromEntries(
      searchParamNames.map((name) => [name, searchParamSchema(name, descriptions[name])]),
    ),
    facets: searchParamSchema(
      'facets',
      'true for the counts per filter value (`facets`); left out otherwise, which keeps the answer small',
    ),
    fields: Type.Optional(
      Type.String({
        maxLength: 500,
        description: `Only these fields in each result, comma-separated or repeated (${resultFieldNames.join(', ')}); the answer names them in \`fields\``,
        ...listOptions,
      }),
    ),
  };
  server.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary:
          'The next meetings a person can get to, with the rural fallback (and counts on request)',
        querystring: Type.Object(
          querystring,
          // An unknown (or misspelt) parameter is refused by name rather than ignored.
          { additionalProperties: false },
        ),
        response: { 200: SearchAnswerSchema, 400: errorResponseSchema, 503: errorResponseSchema },
      },
    },
    async (request) => {
      const { facets, fields, ...params } = request.query;
      const withFacets = facets !== undefined && parseBooleanParam(facets, 'facets');
      const picked = fields === undefined ? undefined : parseFieldsParam(fields, resultFieldNames);
      await service.prepare(params);
      const query = service.parse(params);
      query.countFacets = withFacets;
      const answer = service.searchForPerson(query);
      return picked === undefined
        ? presentSearchAnswer(answer, query, publicUrl, { facets: withFacets })
        : presentCompactAnswer(answer, query, publicUrl, { facets: withFacets, fields: picked });
    },
  );
}
