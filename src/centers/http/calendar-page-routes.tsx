/**
 * The calendar's pages: on the desk, `/center/{slug}/calendar` (every staff member reads it;
 * coaches, supervisors and administrators add, change and remove events; administrators say
 * where the center is), and for anyone, `/centers/{slug}/events`, the center's public calendar.
 */
import { Type } from 'typebox';
import type { HttpServer } from '../../platform/http/server.js';
import type { FormFields, PageKit } from '../../web/kit/page-scope.js';
import type { CenterDesk } from '../desk.js';
import type { EventInput } from '../events/events.js';
import type { CenterAccess } from '../model.js';
import { CalendarPage } from '../pages/calendar-page.js';
import { centerPath, type DeskView } from '../pages/center-frame.js';
import { EventFormPage } from '../pages/event-form-page.js';
import { PublicCalendarPage } from '../pages/public-calendar-page.js';
import type { EnterDesk } from './desk-entrance.js';
import type { FilledForm } from '../../web/kit/filled-form.js';
import { field } from './page-forms.js';

export interface CalendarPageDeps {
  desk: CenterDesk;
  enter: EnterDesk;
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
  { desk, enter }: CalendarPageDeps,
): void {
  const post = { preHandler: kit.csrf };
  const calendarPath = (access: CenterAccess) => centerPath(access, '/calendar?saved=1');
  /** The calendar page, with the place form shown again when it is given. */
  const calendarPage = async (
    access: CenterAccess,
    view: DeskView,
    shown: { saved: boolean; placeForm?: FilledForm },
  ) => {
    const { occurrences, events, today } = await desk.calendar(access);
    return (
      <CalendarPage
        view={view}
        occurrences={occurrences}
        events={events}
        today={today}
        {...shown}
      />
    );
  };

  scope.get(
    '/center/:slug/calendar',
    { schema: { hide: true, params: slugParams, querystring: savedQuery } },
    async (request, reply) => {
      const { access, view, send } = await enter(request, reply, request.params.slug);
      return send(await calendarPage(access, view(), { saved: request.query.saved === '1' }));
    },
  );

  scope.get(
    '/center/:slug/calendar/new',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const { view, send } = await enter(request, reply, request.params.slug, 'event.manage');
      return send(<EventFormPage view={view()} />);
    },
  );

  scope.post(
    '/center/:slug/calendar',
    { schema: { hide: true, params: slugParams }, ...post },
    async (request, reply) => {
      const { access, view, saveOrShowAgain } = await enter(request, reply, request.params.slug);
      return saveOrShowAgain(
        async (form) => {
          await desk.createEvent(access, eventFromForm(form));
          return calendarPath(access);
        },
        (filled) => <EventFormPage view={view()} filled={filled} />,
      );
    },
  );

  scope.get(
    '/center/:slug/calendar/:id/edit',
    { schema: { hide: true, params: eventParams } },
    async (request, reply) => {
      const { access, view, send } = await enter(
        request,
        reply,
        request.params.slug,
        'event.manage',
      );
      const event = await desk.event(access, request.params.id);
      return send(<EventFormPage view={view()} event={event} />);
    },
  );

  scope.post(
    '/center/:slug/calendar/:id',
    { schema: { hide: true, params: eventParams }, ...post },
    async (request, reply) => {
      const { access, view, saveOrShowAgain } = await enter(request, reply, request.params.slug);
      const id = request.params.id;
      return saveOrShowAgain(
        async (form) => {
          await desk.updateEvent(access, id, eventFromForm(form));
          return calendarPath(access);
        },
        async (filled) => (
          <EventFormPage view={view()} event={await desk.event(access, id)} filled={filled} />
        ),
      );
    },
  );

  scope.post(
    '/center/:slug/calendar/:id/delete',
    { schema: { hide: true, params: eventParams }, ...post },
    async (request, reply) => {
      const { access, redirect } = await enter(request, reply, request.params.slug);
      await desk.deleteEvent(access, request.params.id);
      return redirect(calendarPath(access));
    },
  );

  scope.post(
    '/center/:slug/place',
    { schema: { hide: true, params: slugParams }, ...post },
    async (request, reply) => {
      const { access, view, saveOrShowAgain } = await enter(request, reply, request.params.slug);
      return saveOrShowAgain(
        async (form) => {
          await desk.setPlace(access, {
            street: field(form, 'street'),
            city: field(form, 'city'),
            region: field(form, 'region'),
            postalCode: field(form, 'postalCode'),
          });
          return calendarPath(access);
        },
        (filled) => calendarPage(access, view(), { saved: false, placeForm: filled }),
      );
    },
  );

  scope.get(
    '/centers/:slug/events',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const { ctx, send } = kit.enter(request, reply);
      const { center, occurrences, events, now } = await desk.publicCalendar(request.params.slug);
      return send(
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
