/**
 * The rides' pages (and `/en/`, `/es/`): the rider's ask form on a meeting and their ride's
 * page, the driver's page, both opened by the secret in their link (no account, so no session
 * to forge a request with: the secret is the credential); and the coordinator's pages under the
 * site's session with its CSRF token. Every form posts and redirects (post/redirect/get).
 */
import type { FastifyRequest } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { Type } from 'typebox';
import type { Actor } from '../../accounts/model.js';
import type { Clock } from '../../platform/clock.js';
import { isPorchlightError, PorchlightError } from '../../platform/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import {
  registerPageScope,
  type CsrfProtection,
  type FormFields,
} from '../../web/kit/page-scope.js';
import type { PageVisit } from '../../web/kit/page-visit.js';
import { cancelReasons, type CancelReason } from '../answer-ride.js';
import { readContact } from '../contact.js';
import type { Point } from '../model.js';
import { CoordinatorPage, ProgramsPage } from '../pages/coordinator-page.js';
import { DriverPage } from '../pages/driver-page.js';
import { RideAskPage, RidePage } from '../pages/rider-pages.js';
import type { RideDesk } from '../ride-desk.js';
import { tripLogCsv } from '../trip-log.js';
import { parseWeeklyHours } from '../weekly-hours.js';

export interface RidePageDeps {
  desk: RideDesk;
  clock: Clock;
  publicUrl: string;
  csrf: CsrfProtection;
  actorOf(request: FastifyRequest): Promise<Actor | undefined>;
  /** A town or ZIP code as a point (the search's own place rules). */
  placeOf(text: string): Point | undefined;
  /** A ride asked for per client address per window (tests raise it). */
  askLimit?: { max: number; timeWindowMs: number };
}

const secret = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' });
const slugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const linkParams = Type.Object({ link: secret });
const driverRideParams = Type.Object({ link: secret, id: Type.String({ format: 'uuid' }) });
const driverParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 63 }),
  id: Type.String({ format: 'uuid' }),
});
const programParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 63 }) });

const text = (form: FormFields, name: string): string | undefined => {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : undefined;
};
const reasonOf = (form: FormFields): CancelReason => {
  const reason = text(form, 'reason');
  return (cancelReasons as readonly string[]).includes(reason ?? '')
    ? (reason as CancelReason)
    : 'other';
};

export function registerRidePages(server: HttpServer, deps: RidePageDeps): void {
  registerRiderAndDriverPages(server, deps);
  registerCoordinatorPages(server, deps);
}

function registerRiderAndDriverPages(server: HttpServer, deps: RidePageDeps): void {
  const { desk } = deps;
  registerPageScope(server, { publicUrl: deps.publicUrl, formLimit: 8_192 }, (scope, kit) => {
    const askLimit = kit.limit('ride-ask', {
      max: deps.askLimit?.max ?? 10,
      timeWindowMs: deps.askLimit?.timeWindowMs ?? 15 * 60_000,
    });

    const askForm = async (request: FastifyRequest<{ Params: { slug: string } }>) => {
      const meeting = await desk.meeting(request.params.slug);
      const askable = await desk.askable(meeting);
      if (askable === undefined) throw new PorchlightError('PL_RIDE_NOT_OFFERED');
      return { meeting, ...askable };
    };

    scope.get(
      '/meetings/:slug/ride',
      { schema: { hide: true, params: slugParams } },
      async (request, reply) => {
        const { ctx, send } = kit.enter(request, reply);
        const form = await askForm(request);
        return send(<RideAskPage ctx={ctx} {...form} />, { cache: 'no-store' });
      },
    );

    scope.post(
      '/meetings/:slug/ride',
      { schema: { hide: true, params: slugParams }, onRequest: askLimit },
      async (request, reply) => {
        const { ctx, form: body, send, redirect } = kit.enter(request, reply);
        const form = await askForm(request);
        const again = (problem: string) =>
          send(<RideAskPage ctx={ctx} {...form} problem={problem} />, {
            status: 400,
            cache: 'no-store',
          });
        const contact = readContact(
          text(body, 'channel'),
          text(body, 'contact'),
          text(body, 'name'),
        );
        if (contact === undefined) return again(ctx.t('rides.ask.badContact'));
        let place: Point | undefined;
        try {
          place = deps.placeOf(text(body, 'town') ?? '');
        } catch (error) {
          if (!isPorchlightError(error)) throw error;
        }
        if (place === undefined) return again(ctx.t('rides.ask.badTown'));
        const street = text(body, 'street');
        const town = text(body, 'town') ?? '';
        try {
          const { link } = await desk.ask({
            meetingSlug: form.meeting.slug,
            occurrenceStart: text(body, 'occurrence') ?? '',
            pickup: {
              ...place,
              text: street !== undefined && street !== '' ? `${street}, ${town}` : town,
            },
            contact,
            returnTrip: text(body, 'returnTrip') === '1',
            wheelchair: text(body, 'wheelchair') === '1',
            passengers: Number(text(body, 'passengers') ?? '1'),
            ...(text(body, 'note') !== undefined ? { note: text(body, 'note')! } : {}),
            // Ride texts and emails are written in English and Spanish so far.
            locale: ctx.locale === 'es' ? 'es' : 'en',
          });
          return redirect(`/rides/${link}`);
        } catch (error) {
          if (isPorchlightError(error) && error.status === 400) return again(error.message);
          throw error;
        }
      },
    );

    /** The ride's page; with a problem (a wrong code), a 400 that says it. */
    const ridePage = async ({ ctx, send }: PageVisit, link: string, problem?: string) => {
      const { ride, program, meeting } = await desk.riderRide(link);
      const shown = { ride, meeting, programName: program.name };
      const said = problem !== undefined ? { problem } : {};
      return send(<RidePage ctx={ctx} link={link} {...shown} {...said} />, {
        cache: 'no-store',
        ...(problem !== undefined ? { status: 400 } : {}),
      });
    };

    scope.get('/rides/:link', { schema: { hide: true, params: linkParams } }, (request, reply) =>
      ridePage(kit.enter(request, reply), request.params.link),
    );
    scope.post(
      '/rides/:link/confirm',
      { schema: { hide: true, params: linkParams } },
      async (request, reply) => {
        const visit = kit.enter(request, reply);
        try {
          await desk.confirm(request.params.link, text(visit.form, 'code') ?? '');
        } catch (error) {
          if (isPorchlightError(error) && error.code === 'PL_RIDE_CODE_WRONG')
            return ridePage(visit, request.params.link, visit.ctx.t('rides.ride.wrongCode'));
          throw error;
        }
        return visit.redirect(`/rides/${request.params.link}`);
      },
    );
    scope.post(
      '/rides/:link/cancel',
      { schema: { hide: true, params: linkParams } },
      async (request, reply) => {
        const { form, redirect } = kit.enter(request, reply);
        await desk.cancelByRider(request.params.link, reasonOf(form));
        return redirect(`/rides/${request.params.link}`);
      },
    );

    scope.get(
      '/rides/driver/:link',
      { schema: { hide: true, params: linkParams } },
      async (request, reply) => {
        const { ctx, send, query } = kit.enter(request, reply);
        const view = await desk.driverView(request.params.link);
        const taken = query.done === 'taken';
        return send(
          <DriverPage
            ctx={ctx}
            link={request.params.link}
            programName={view.programName}
            rides={view.rides}
            now={deps.clock.now().getTime()}
            {...(taken ? { notice: ctx.t('rides.driver.taken') } : {})}
          />,
          { cache: 'no-store' },
        );
      },
    );
    const driverAction = (
      verb: string,
      act: (link: string, id: string, form: FormFields) => Promise<unknown>,
    ) =>
      scope.post(
        `/rides/driver/:link/rides/:id/${verb}`,
        { schema: { hide: true, params: driverRideParams } },
        async (request, reply) => {
          const { form, redirect } = kit.enter(request, reply);
          const back = `/rides/driver/${request.params.link}`;
          try {
            await act(request.params.link, request.params.id, form);
          } catch (error) {
            if (isPorchlightError(error) && error.code === 'PL_RIDE_TAKEN')
              return redirect(`${back}?done=taken`);
            throw error;
          }
          return redirect(back);
        },
      );
    driverAction('accept', (link, id) => desk.accept(link, id));
    driverAction('decline', (link, id) => desk.decline(link, id));
    driverAction('give-back', (link, id, form) => desk.giveBack(link, id, reasonOf(form)));
    driverAction('no-show', (link, id) => desk.noShow(link, id));
  });
}

function registerCoordinatorPages(server: HttpServer, deps: RidePageDeps): void {
  const { desk } = deps;
  registerPageScope(
    server,
    { publicUrl: deps.publicUrl, formLimit: 8_192, csrf: deps.csrf },
    (scope, kit) => {
      // Every coordinator's page is for a signed-in person; the desk checks the program's role.
      const enter = kit.entrance(async ({ request }) => {
        const actor = await deps.actorOf(request);
        if (actor === undefined) throw new PorchlightError('PL_SIGN_IN_REQUIRED');
        return { actor };
      });
      const period = (query: Record<string, unknown>, timeZone: string) => {
        const today = Temporal.Instant.fromEpochMilliseconds(deps.clock.now().getTime())
          .toZonedDateTimeISO(timeZone)
          .toPlainDate();
        const given = (name: string, fallback: string) =>
          typeof query[name] === 'string' && query[name] !== '' ? query[name] : fallback;
        return {
          from: given('from', today.with({ day: 1 }).toString()),
          to: given('to', today.with({ day: today.daysInMonth }).toString()),
        };
      };

      scope.get('/rides/programs', { schema: { hide: true } }, async (request, reply) => {
        const { ctx, actor, send } = await enter(request, reply);
        const programs = await desk.programs(actor);
        return send(<ProgramsPage ctx={ctx} programs={programs} />);
      });

      scope.get(
        '/rides/programs/:slug',
        { schema: { hide: true, params: programParams } },
        async (request, reply) => {
          const { ctx, actor, sendForm, query } = await enter(request, reply);
          const view = await desk.coordinatorView(actor, request.params.slug);
          const { from, to } = period(query, view.program.timeZone);
          const log = await desk.tripLog(actor, request.params.slug, from, to);
          return sendForm(CoordinatorPage, {
            ...view,
            log,
            ...(query.saved === '1' ? { notice: ctx.t('rides.coord.saved') } : {}),
          });
        },
      );

      scope.get(
        '/rides/programs/:slug/trips.csv',
        { schema: { hide: true, params: programParams } },
        async (request, reply) => {
          const { actor, query } = await enter(request, reply);
          const program = await desk.program(actor, request.params.slug);
          const { from, to } = period(query, program.timeZone);
          const log = await desk.tripLog(actor, program.slug, from, to);
          return reply
            .header('cache-control', 'no-store')
            .type('text/csv; charset=utf-8')
            .header(
              'content-disposition',
              `attachment; filename="trips-${program.slug}-${from}-${to}.csv"`,
            )
            .send(tripLogCsv(log));
        },
      );

      /** A form about the program's drivers: `act`, then back to the program's page. */
      const driverForm = (
        path: string,
        params: typeof programParams | typeof driverParams,
        act: (actor: Actor, slug: string, id: string, form: FormFields) => Promise<unknown>,
      ) =>
        scope.post(
          `/rides/programs/:slug/${path}`,
          { preHandler: kit.csrf, schema: { hide: true, params } },
          async (request, reply) => {
            const { actor, form, redirect } = await enter(request, reply);
            const { slug, id } = request.params as { slug: string; id?: string };
            await act(actor, slug, id ?? '', form);
            return redirect(`/rides/programs/${slug}?saved=1`);
          },
        );

      driverForm('drivers', programParams, async (actor, slug, _id, form) => {
        const invalid = (reason: string) => new PorchlightError('PL_RIDE_INVALID', { reason });
        const contact = readContact(
          text(form, 'channel'),
          text(form, 'contact'),
          text(form, 'name'),
        );
        if (contact === undefined) throw invalid('the number or address cannot be reached');
        const home = deps.placeOf(text(form, 'town') ?? '');
        if (home === undefined) throw invalid('the home town or ZIP code is not known');
        const onCall = parseWeeklyHours(text(form, 'hours') ?? '');
        if (onCall === undefined) throw invalid('the hours are not like "Mon-Fri 18:00-22:00"');
        await desk.enrol(actor, slug, {
          contact,
          home,
          radiusKm: Number(text(form, 'radius')),
          onCall,
          seats: Number(text(form, 'seats')),
          wheelchair: text(form, 'wheelchair') === '1',
        });
      });
      driverForm('drivers/:id/approve', driverParams, (actor, slug, id, form) => {
        const background = text(form, 'background');
        return desk.approve(actor, slug, id, {
          ...(text(form, 'licence') !== undefined
            ? { licenceCheckedOn: text(form, 'licence')! }
            : {}),
          ...(text(form, 'insurance') !== undefined
            ? { insuranceCheckedOn: text(form, 'insurance')! }
            : {}),
          ...(background !== undefined && background !== ''
            ? { backgroundCheckedOn: background }
            : {}),
        });
      });
      driverForm('drivers/:id/pause', driverParams, (actor, slug, id) =>
        desk.setStatus(actor, slug, id, 'paused'),
      );
    },
  );
}
