import { Type } from 'typebox';
import type { Meeting } from '../../meetings/model.js';
import type { Clock } from '../../platform/clock.js';
import { errorResponseSchema, type HttpServer } from '../../platform/http/server.js';
import type { MeetingDirectory } from '../../meetings/meeting-directory.js';
import { searchParamNames, type SearchParams } from '../../search/parse-params.js';
import { searchDefaults } from '../../search/query.js';
import { searchParamSchema } from '../../search/routes.js';
import type { SearchService } from '../../search/search-service.js';
import { searchCalendar } from './search-calendar.js';

/** Most meetings one calendar holds: a subscription is for a person's own meetings, not a region. */
export const SEARCH_CALENDAR_CAP = 500;

/**
 * Parameters about "now" or about one page mean nothing to a calendar fetched again every few
 * hours, so they are left out; everything else means what it means for `/api/v1/search`.
 */
const ignored = new Set(['cursor', 'limit', 'sort', 'starting_within', 'in_progress', 'date']);
export const calendarParamNames = searchParamNames.filter((name) => !ignored.has(name));

/**
 * `GET /api/v1/search.ics`: the meetings a search finds as an iCalendar file, every recurrence
 * with its RRULE in the meeting's own time zone; served as `webcal:` it is a subscription.
 */
export function registerSearchCalendarRoute(
  server: HttpServer,
  deps: { search: SearchService; meetings: MeetingDirectory; publicUrl: string; clock: Clock },
): void {
  server.get(
    '/api/v1/search.ics',
    {
      schema: {
        tags: ['search'],
        summary: 'The meetings a search finds, as an iCalendar subscription (webcal:)',
        description:
          'Takes the parameters of /api/v1/search except cursor, limit, sort, starting_within, in_progress and date. ' +
          `At most ${SEARCH_CALENDAR_CAP} meetings, soonest first. ` +
          'Replace https: with webcal: in the address to subscribe from a phone or desktop calendar.',
        querystring: Type.Object(
          // The ignored parameters are accepted, so that any search's address can be subscribed
          // to as it is; a parameter the search does not know is refused by name.
          Object.fromEntries(searchParamNames.map((name) => [name, searchParamSchema(name)])),
          { additionalProperties: false },
        ),
        produces: ['text/calendar'],
        response: {
          200: {
            description: 'An iCalendar (RFC 5545) file',
            content: { 'text/calendar': { schema: { type: 'string' } } },
          },
          400: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const params: SearchParams = {};
      for (const name of calendarParamNames) {
        const value = (request.query as Record<string, string | undefined>)[name];
        if (value !== undefined) params[name] = value;
      }
      await deps.search.prepare(params);
      const query = deps.search.parse(params);
      query.limit = searchDefaults.maxLimit;
      const meetings: Meeting[] = [];
      let cursor: string | undefined;
      do {
        if (cursor !== undefined) query.cursor = cursor;
        const answer = deps.search.search(query);
        for (const result of answer.results) {
          if (meetings.length >= SEARCH_CALENDAR_CAP) break;
          const meeting = await deps.meetings.find(result.meeting.slug);
          if (meeting !== undefined) meetings.push(meeting);
        }
        cursor = answer.nextCursor;
      } while (cursor !== undefined && meetings.length < SEARCH_CALENDAR_CAP);
      const place = query.near?.label;
      const ics = searchCalendar(
        meetings,
        {
          ...(query.days !== undefined ? { days: query.days } : {}),
          ...(query.fromMinute !== undefined ? { fromMinute: query.fromMinute } : {}),
          ...(query.toMinute !== undefined ? { toMinute: query.toMinute } : {}),
        },
        {
          publicUrl: deps.publicUrl,
          now: deps.clock.now(),
          name: place === undefined ? 'Meetings' : `Meetings near ${place}`,
        },
      );
      return reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=3600')
        .header('content-disposition', 'inline; filename="meetings.ics"')
        .type('text/calendar; charset=utf-8')
        .send(ics);
    },
  );
}
