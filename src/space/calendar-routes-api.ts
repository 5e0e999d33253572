/**
 * `/api/v1/space/calendars`: reminders before saved meetings as a calendar subscription. The
 * device sends its saved meetings' slugs and the lead it chose, and keeps the secret it gets
 * back; the feed's address carries that secret as its own path segment (the request log writes
 * it as `[secret]`), and nothing else about the person.
 */
import { Type } from 'typebox';
import { actionLimit } from '../platform/http/action-limit.js';
import { noStore } from '../platform/http/no-store.js';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import { locales } from '../web/i18n/locales.js';
import { MAX_CALENDAR_MEETINGS, REMINDER_LEADS, type SpaceCalendars } from './calendars.js';
import { tokenOf } from './routes-api.js';

const ChoiceSchema = Type.Object(
  {
    meetings: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
      maxItems: MAX_CALENDAR_MEETINGS,
      description: "The saved meetings' slugs",
    }),
    leadMinutes: Type.Union(
      REMINDER_LEADS.map((n) => Type.Literal(n)),
      {
        description: 'How long before each meeting the reminder comes',
      },
    ),
    locale: Type.Union(locales.map((l) => Type.Literal(l))),
  },
  { additionalProperties: false },
);
const refusals = { 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema };

/** Registers the calendar subscriptions' API and feed. */
export function registerSpaceCalendarRoutes(server: HttpServer, calendars: SpaceCalendars): void {
  const tags = ['space'];
  // A device updates its list when a screen opens and its saved meetings changed; calendar
  // apps fetch a few times a day.
  const limit = actionLimit(server, 'space-calendar', { max: 300, timeWindowMs: 15 * 60_000 });
  const onRequest = [noStore.onRequest, limit];
  server.post(
    '/api/v1/space/calendars',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Makes a calendar subscription of saved meetings (its secret is shown once)',
        body: ChoiceSchema,
        response: { 201: Type.Object({ secret: Type.String() }), 400: errorResponseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await calendars.create(request.body)),
  );
  server.put(
    '/api/v1/space/calendars',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Replaces the meetings and the lead of a subscription (bearer: its secret)',
        body: ChoiceSchema,
        response: { 204: Type.Null(), ...refusals },
      },
    },
    async (request, reply) => {
      await calendars.update(tokenOf(request), request.body);
      return reply.status(204).send(null);
    },
  );
  server.delete(
    '/api/v1/space/calendars',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Stops a subscription: what it held is deleted (bearer: its secret)',
        response: { 204: Type.Null(), ...refusals },
      },
    },
    async (request, reply) => {
      await calendars.remove(tokenOf(request));
      return reply.status(204).send(null);
    },
  );
  server.get(
    '/api/v1/space/calendars/:secret/meetings.ics',
    {
      onRequest,
      schema: {
        tags,
        summary: 'The saved meetings as iCalendar, each with a reminder (subscribe as webcal:)',
        params: Type.Object({ secret: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) }),
        produces: ['text/calendar'],
        response: {
          200: {
            description: 'An iCalendar file',
            content: { 'text/calendar': { schema: { type: 'string' } } },
          },
          ...refusals,
        },
      },
    },
    async (request, reply) =>
      reply.type('text/calendar; charset=utf-8').send(await calendars.feed(request.params.secret)),
  );
}
