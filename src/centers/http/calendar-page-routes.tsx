/**
 * The calendar's pages: on the desk, `/center/{slug}/calendar` (every staff member reads it;
 * coaches, supervisors and administrators add, change and remove events; administrators say
 * where the center is), and for anyone, `/centers/{slug}/events`, the center's public calendar.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { HttpServer } from '../../platform/http/server.js';
import type { FormFields, PageKit } from '../../web/kit/page-scope.js';
import type { PageContext } from '../../web/page-context.js';
import type { CenterDesk } from '../desk.js';
import type { EventInput } from '../events/events.js';
import type { CenterAccess } from '../model.js';
import { CalendarPage } from '../pages/calendar-page.js';
import { centerPath, type DeskView } from '../pages/center-frame.js';
import { EventFormPage } from '../pages/event-form-page.js';
import { PublicCalendarPage } from '../pages/public-calendar-page.js';
import type { SaveOrShowAgain } from './form-saver.js';
import { field } from './page-forms.js';

export interface CalendarPageDeps {
  desk: CenterDesk;
  open: (request: FastifyRequest, slug: string) => Promise<CenterAccess>;
  viewOf: (
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    access: CenterAccess,
  ) => DeskView;
  saveOrShowAgain: SaveOrShowAgain;
}

const slug = Type.String({ minLength: 1, maxLength: 63 });
const slugParams = Type.Object({ slug });
const eventParams = Type.Object({ slug, id: Type.String({ minLength: 1, maxLength: 64 }) });
const savedQuery = Type.Object(
  { saved: Type.Optional(Type.Literal('1')) },
  { additionalProperties: false },
);

/** The event a form posted. */
function eventFromForm(form: FormFields): EventInput {
  return {
    title: field(form, 'title'),
    kind: field(form, 'kind'),
    description: field(form, 'description'),
    program: field(form, 'program'),
    repeat: field(form, 'repeat'),
    weekOfMonth: field(form, 'weekOfMonth'),
    startsOn: field(form, 'startsOn'),
    endsOn: field(form, 'endsOn'),
    start: field(form, 'start'),
    durationMinutes: field(form, 'durationMinutes'),
    visibility: field(form, 'visibility'),
  };
}

/** Registers the calendar's pages in the desk's page scope. */
export function registerCalendarPages(
  scope: HttpServer,
  kit: PageKit,
  { desk, open, viewOf, saveOrShowAgain }: CalendarPageDeps,
): void {
  const post = { preHandler: kit.csrf };
  const calendarPath = (access: CenterAccess) => centerPath(access, '/calendar?saved=1');

  scope.get(
    '/center/:slug/calendar',
    { schema: { hide: true, params: slugParams, querystring: savedQuery } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      const { occurrences, events, today } = await desk.calendar(access);
      return kit.send(
        reply,
        ctx,
        <CalendarPage
          view={viewOf(request, reply, ctx, access)}
          occurrences={occurrences}
          events={events}
          today={today}
          saved={request.query.saved === '1'}
        />,
      );
    },
  );

  scope.get(
    '/center/:slug/calendar/new',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      desk.requirePermission(access, 'event.manage');
      return kit.send(reply, ctx, <EventFormPage view={viewOf(request, reply, ctx, access)} />);
    },
  );

  scope.post(
    '/center/:slug/calendar',
    { schema: { hide: true, params: slugParams }, ...post },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      return saveOrShowAgain(
        request,
        reply,
        ctx,
        async (form) => {
          await desk.createEvent(access, eventFromForm(form));
          return calendarPath(access);
        },
        (filled) =>
          Promise.resolve(
            <EventFormPage view={viewOf(request, reply, ctx, access)} filled={filled} />,
          ),
      );
    },
  );

  scope.get(
    '/center/:slug/calendar/:id/edit',
    { schema: { hide: true, params: eventParams } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      desk.requirePermission(access, 'event.manage');
      const event = await desk.event(access, request.params.id);
      return kit.send(
        reply,
        ctx,
        <EventFormPage view={viewOf(request, reply, ctx, access)} event={event} />,
      );
    },
  );

  scope.post(
    '/center/:slug/calendar/:id',
    { schema: { hide: true, params: eventParams }, ...post },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      const id = request.params.id;
      return saveOrShowAgain(
        request,
        reply,
        ctx,
        async (form) => {
          await desk.updateEvent(access, id, eventFromForm(form));
          return calendarPath(access);
        },
        async (filled) => (
          <EventFormPage
            view={viewOf(request, reply, ctx, access)}
            event={await desk.event(access, id)}
            filled={filled}
          />
        ),
      );
    },
  );

  scope.post(
    '/center/:slug/calendar/:id/delete',
    { schema: { hide: true, params: eventParams }, ...post },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      await desk.deleteEvent(access, request.params.id);
      return kit.redirect(reply, ctx, calendarPath(access));
    },
  );

  scope.post(
    '/center/:slug/place',
    { schema: { hide: true, params: slugParams }, ...post },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      return saveOrShowAgain(
        request,
        reply,
        ctx,
        async (form) => {
          await desk.setPlace(access, {
            street: field(form, 'street'),
            city: field(form, 'city'),
            region: field(form, 'region'),
            postalCode: field(form, 'postalCode'),
          });
          return calendarPath(access);
        },
        async (filled) => {
          const { occurrences, events, today } = await desk.calendar(access);
          return (
            <CalendarPage
              view={viewOf(request, reply, ctx, access)}
              occurrences={occurrences}
              events={events}
              today={today}
              saved={false}
              placeForm={filled}
            />
          );
        },
      );
    },
  );

  scope.get(
    '/centers/:slug/events',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const { center, occurrences, events, now } = await desk.publicCalendar(request.params.slug);
      return kit.send(
        reply,
        ctx,
        <PublicCalendarPage
          ctx={ctx}
          center={center}
          occurrences={occurrences}
          events={events}
          now={now}
        />,
      );
    },
  );
}
