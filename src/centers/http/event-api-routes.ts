/**
 * The center's calendar in the desk's JSON API: list, add, change and remove events, and say
 * where the center is. The same services as the pages, so roles and the finder listing are
 * theirs.
 */
import { Type } from 'typebox';
import { programs } from '../../meetings/programs.js';
import type { HttpServer } from '../../platform/http/server.js';
import { noStore } from '../../platform/http/no-store.js';
import type { CenterDesk } from '../desk.js';
import { eventKinds, eventRepeats, eventVisibilities, type CenterEvent } from '../events/model.js';
import { CenterParams, errors, security } from './api-schema.js';

const Day = (description: string) =>
  Type.String({ maxLength: 10, description: `${description} (YYYY-MM-DD, the center’s day)` });

const EventFields = {
  title: Type.String({ maxLength: 400, description: 'What it is (1-200 characters)' }),
  kind: Type.Enum(eventKinds, {
    description: 'A peer group (a public one is listed in the meeting finder), a class, an event',
  }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  program: Type.Optional(
    Type.Enum(
      programs.map((p) => p.id),
      { description: 'A group’s program in the finder (default all-recovery)' },
    ),
  ),
  repeat: Type.Enum(eventRepeats),
  weekOfMonth: Type.Optional(
    Type.Integer({
      minimum: -1,
      maximum: 5,
      description:
        'Monthly: the nth weekday of the month (1-5), -1 for the last; default the first date’s',
    }),
  ),
  startsOn: Day('The only date of a one-off, the first of a series; its weekday is the series’'),
  endsOn: Type.Optional(Day('The last date a series may fall on')),
  start: Type.String({ maxLength: 5, description: 'HH:MM, the center’s wall clock' }),
  durationMinutes: Type.Integer({ minimum: 0, maximum: 10_000, description: '5-720' }),
  visibility: Type.Enum(eventVisibilities, {
    description: 'public: on the center’s public calendar; staff: on the desk only',
  }),
};

const EventInputSchema = Type.Object(EventFields, { additionalProperties: false });

const EventSchema = Type.Object({
  id: Type.String(),
  ...EventFields,
  weekOfMonth: Type.Optional(Type.Integer()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const EventParams = Type.Object({
  slug: CenterParams.properties.slug,
  id: Type.String({ maxLength: 64, description: 'The event’s id' }),
});

const OccurrenceSchema = Type.Object({
  eventId: Type.String(),
  title: Type.String(),
  start: Type.String({ description: 'ISO 8601 instant' }),
  end: Type.String(),
});

const PlaceSchema = Type.Object(
  {
    street: Type.Optional(Type.String({ maxLength: 400 })),
    city: Type.Optional(Type.String({ maxLength: 400 })),
    region: Type.Optional(Type.String({ maxLength: 400 })),
    postalCode: Type.Optional(Type.String({ maxLength: 400 })),
    country: Type.Optional(Type.String({ maxLength: 400 })),
  },
  { additionalProperties: false },
);

/** The event as the API shows it: what the center keeps, less who wrote it. */
function present(e: CenterEvent) {
  const { centerId: _center, createdBy: _by, ...shown } = e;
  return shown;
}

/** Registers `/api/v1/centers/{slug}/events...` and `/api/v1/centers/{slug}/place`. */
export function registerEventApiRoutes(
  server: HttpServer,
  desk: CenterDesk,
  access: (authorization: string | undefined, slug: string) => ReturnType<CenterDesk['open']>,
): void {
  server.get(
    '/api/v1/centers/:slug/events',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'The center’s calendar: its events that have not ended, and the next four weeks',
        security,
        params: CenterParams,
        response: {
          200: Type.Object({
            events: Type.Array(EventSchema),
            occurrences: Type.Array(OccurrenceSchema),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const a = await access(request.headers.authorization, request.params.slug);
      const { events, occurrences } = await desk.calendar(a);
      return {
        events: events.map(present),
        occurrences: occurrences.map((o) => ({
          eventId: o.event.id,
          title: o.event.title,
          start: new Date(o.start).toISOString(),
          end: new Date(o.end).toISOString(),
        })),
      };
    },
  );

  server.post(
    '/api/v1/centers/:slug/events',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'Put an event on the calendar, once or on a rule',
        security,
        params: CenterParams,
        body: EventInputSchema,
        response: { 201: EventSchema, ...errors },
      },
    },
    async (request, reply) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return reply.status(201).send(present(await desk.createEvent(a, request.body)));
    },
  );

  server.put(
    '/api/v1/centers/:slug/events/:id',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'Change an event: every occurrence of it',
        security,
        params: EventParams,
        body: EventInputSchema,
        response: { 200: EventSchema, ...errors },
      },
    },
    async (request) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return present(await desk.updateEvent(a, request.params.id, request.body));
    },
  );

  server.delete(
    '/api/v1/centers/:slug/events/:id',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'Take an event off the calendar (and its group out of the meeting finder)',
        security,
        params: EventParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const a = await access(request.headers.authorization, request.params.slug);
      await desk.deleteEvent(a, request.params.id);
      return reply.status(204).send(null);
    },
  );

  server.put(
    '/api/v1/centers/:slug/place',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'Where the center is: its public groups are listed in the finder at this address',
        security,
        params: CenterParams,
        body: PlaceSchema,
        response: { 200: PlaceSchema, ...errors },
      },
    },
    async (request) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return (await desk.setPlace(a, request.body)) ?? {};
    },
  );
}
