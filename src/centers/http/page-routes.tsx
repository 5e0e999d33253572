/**
 * The desk's pages under `/center/...` (and `/en/`, `/es/`), for staff signed in with the site's
 * session (email link or passkey). Every page opens the center through the same service as the
 * API, so tenancy, roles and the access log are the API's: a center the person is not staff of
 * and a member of another center answer the same 404 page as things that do not exist. Every
 * form posts with the session's CSRF token and redirects (post/redirect/get).
 */
import type { VNode } from 'preact';
import { Type } from 'typebox';
import type { HttpServer } from '../../platform/http/server.js';
import { registerPageScope, type FormFields, type PageKit } from '../../web/kit/page-scope.js';
import { guardCsrf, type StewardshipGuard } from '../../stewardship/http/guard.js';
import type { CenterDesk } from '../desk.js';
import type { CenterAccess, DeskAction } from '../model.js';
import { deskEntrance } from './desk-entrance.js';
import type { Member } from '../members/model.js';
import { centerPath, type DeskView } from '../pages/center-frame.js';
import { CentersPage } from '../pages/centers-page.js';
import { DeskPage } from '../pages/desk-page.js';
import { sendRecordPdf } from './record-pdf-reply.js';
import { registerCalendarPages } from './calendar-page-routes.js';
import type { FilledForm } from '../../web/kit/filled-form.js';
import { MemberFormPage } from '../pages/member-form-page.js';
import { MemberPage } from '../pages/member-page.js';
import { Barc10FormPage, EncounterFormPage, GoalFormPage } from '../pages/record-pages.js';
import { ShiftsPage } from '../pages/shifts-page.js';
import { TokensPage } from '../pages/tokens-page.js';
import {
  barc10InputFromForm,
  encounterInputFromForm,
  field,
  goalInputFromForm,
  memberInputFromForm,
  stepFromForm,
} from './page-forms.js';

export interface CenterPageDeps {
  desk: CenterDesk;
  guard: StewardshipGuard;
  publicUrl: string;
}

const id = Type.String({ minLength: 1, maxLength: 64 });
const slugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 63 }) });
const memberParams = Type.Object({ slug: slugParams.properties.slug, id });
/** A center and one of its things by id (a token, a shift). */
const tokenParams = Type.Object({ slug: slugParams.properties.slug, id });
const goalParams = Type.Object({ slug: slugParams.properties.slug, id, goalId: id });
const deskQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    checked: Type.Optional(Type.Literal('1')),
  },
  { additionalProperties: false },
);
const savedQuery = Type.Object(
  { saved: Type.Optional(Type.Literal('1')) },
  { additionalProperties: false },
);

/** Registers `/center` and `/center/{slug}/...`. */
export function registerCenterPages(server: HttpServer, deps: CenterPageDeps): void {
  registerPageScope(
    server,
    { publicUrl: deps.publicUrl, formLimit: 16_384, csrf: guardCsrf(deps.guard) },
    (scope, kit) => registerPages(scope, kit, deps),
  );
}

function registerPages(scope: HttpServer, kit: PageKit, { desk, guard }: CenterPageDeps): void {
  const enter = deskEntrance(kit, desk, guard);
  const post = { preHandler: kit.csrf };

  scope.get('/center', { schema: { hide: true } }, async (request, reply) => {
    const { ctx, send } = kit.enter(request, reply);
    const who = await guard.requireSignedIn(request);
    return send(<CentersPage ctx={ctx} centers={await desk.centersOf(who.person.id)} />);
  });

  scope.get(
    '/center/:slug',
    { schema: { hide: true, params: slugParams, querystring: deskQuery } },
    async (request, reply) => {
      const { access, view, send } = await enter(request, reply, request.params.slug);
      const query = (request.query.q ?? '').trim();
      // A search shows its results alone: the day's list (each name logged) is for the desk's
      // resting view, and leaving it out keeps a search as quick as the API's.
      const [matches, today] =
        query === ''
          ? [undefined, await desk.checkInsToday(access)]
          : [await desk.findMembers(access, query), undefined];
      return send(
        <DeskPage
          view={view()}
          query={query}
          {...(matches !== undefined ? { matches } : {})}
          {...(today !== undefined ? { today } : {})}
          checkedIn={request.query.checked === '1'}
        />,
      );
    },
  );

  scope.post(
    '/center/:slug/check-ins',
    { schema: { hide: true, params: slugParams }, ...post },
    async (request, reply) => {
      const { access, form, redirect } = await enter(request, reply, request.params.slug);
      const memberId = field(form, 'memberId');
      await desk.recordCheckIn(access, memberId);
      return redirect(
        field(form, 'back') === 'member'
          ? centerPath(access, `/members/${memberId}?saved=1`)
          : centerPath(access, '?checked=1'),
      );
    },
  );

  scope.get(
    '/center/:slug/members/new',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const { view, send } = await enter(request, reply, request.params.slug, 'member.write');
      return send(<MemberFormPage view={view()} />);
    },
  );

  scope.post(
    '/center/:slug/members',
    { schema: { hide: true, params: slugParams }, ...post },
    async (request, reply) => {
      const { access, view, saveOrShowAgain } = await enter(request, reply, request.params.slug);
      return saveOrShowAgain(
        async (form) => {
          const member = await desk.registerMember(access, memberInputFromForm(form));
          return centerPath(access, `/members/${member.id}?saved=1`);
        },
        (filled) => <MemberFormPage view={view()} filled={filled} />,
      );
    },
  );

  scope.get(
    '/center/:slug/members/:id',
    { schema: { hide: true, params: memberParams, querystring: savedQuery } },
    async (request, reply) => {
      const { access, view, send } = await enter(request, reply, request.params.slug);
      const { member, timeline, plan } = await desk.memberRecord(access, request.params.id);
      return send(
        <MemberPage
          view={view()}
          member={member}
          timeline={timeline}
          plan={plan}
          saved={request.query.saved === '1'}
        />,
      );
    },
  );

  scope.get(
    '/center/:slug/members/:id/record.pdf',
    { schema: { hide: true, params: memberParams } },
    async (request, reply) => {
      const { access, ctx } = await enter(request, reply, request.params.slug);
      return sendRecordPdf(reply, desk, access, request.params.id, ctx.locale);
    },
  );

  /**
   * A form about one member: GET shows it (when the role may do what it saves), POST saves it
   * and returns to the member's page.
   */
  const memberForm = (
    paths: { form: string; save: string },
    permission: DeskAction,
    page: (view: DeskView, member: Member, filled?: FilledForm) => VNode,
    save: (access: CenterAccess, memberId: string, form: FormFields) => Promise<unknown>,
  ) => {
    scope.get(
      `/center/:slug/members/:id${paths.form}`,
      { schema: { hide: true, params: memberParams } },
      async (request, reply) => {
        const { access, view, send } = await enter(request, reply, request.params.slug, permission);
        const member = await desk.readMember(access, request.params.id);
        return send(page(view(), member));
      },
    );
    scope.post(
      `/center/:slug/members/:id${paths.save}`,
      { schema: { hide: true, params: memberParams }, ...post },
      async (request, reply) => {
        const { access, view, saveOrShowAgain } = await enter(request, reply, request.params.slug);
        const memberId = request.params.id;
        return saveOrShowAgain(
          async (form) => {
            await save(access, memberId, form);
            return centerPath(access, `/members/${memberId}?saved=1`);
          },
          async (filled) => page(view(), await desk.readMember(access, memberId), filled),
        );
      },
    );
  };
  memberForm(
    { form: '/edit', save: '/edit' },
    'member.write',
    (view, member, filled) => <MemberFormPage view={view} member={member} filled={filled} />,
    async (access, memberId, form) => {
      desk.requirePermission(access, 'member.write');
      const before = await desk.readMember(access, memberId);
      await desk.updateMember(access, before.id, memberInputFromForm(form, before));
    },
  );
  memberForm(
    { form: '/encounters/new', save: '/encounters' },
    'encounter.write',
    (view, member, filled) => <EncounterFormPage view={view} member={member} filled={filled} />,
    (access, memberId, form) =>
      desk.recordEncounter(access, memberId, encounterInputFromForm(form)),
  );
  memberForm(
    { form: '/barc-10', save: '/barc-10' },
    'assessment.write',
    (view, member, filled) => <Barc10FormPage view={view} member={member} filled={filled} />,
    (access, memberId, form) => desk.recordAssessment(access, memberId, barc10InputFromForm(form)),
  );
  memberForm(
    { form: '/plan/new', save: '/plan' },
    'member.write',
    (view, member, filled) => <GoalFormPage view={view} member={member} filled={filled} />,
    (access, memberId, form) => desk.addGoal(access, memberId, goalInputFromForm(form)),
  );

  scope.post(
    '/center/:slug/members/:id/plan/:goalId/done',
    { schema: { hide: true, params: goalParams }, ...post },
    async (request, reply) => {
      const { access, form, redirect } = await enter(request, reply, request.params.slug);
      const { id: memberId, goalId } = request.params;
      await desk.completeGoal(access, memberId, goalId, stepFromForm(form));
      return redirect(centerPath(access, `/members/${memberId}?saved=1`));
    },
  );

  scope.get(
    '/center/:slug/shifts',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const { access, view, send } = await enter(request, reply, request.params.slug);
      const shifts = await desk.shifts(access);
      return send(<ShiftsPage view={view()} shifts={shifts} />);
    },
  );

  scope.post(
    '/center/:slug/shifts',
    { schema: { hide: true, params: slugParams }, ...post },
    async (request, reply) => {
      const { access, form, redirect } = await enter(request, reply, request.params.slug);
      await desk.createShift(access, {
        title: field(form, 'title'),
        date: field(form, 'date'),
        start: field(form, 'start'),
        end: field(form, 'end'),
        capacity: field(form, 'capacity'),
      });
      return redirect(centerPath(access, '/shifts'));
    },
  );

  /**
   * A button on a thing of the center (a shift, a token): act, then back to its list. The act
   * is told the page's language (a shift sign-up keeps it: the reminder is written in it).
   */
  const action = (
    path: string,
    list: string,
    act: (access: CenterAccess, id: string, locale: string) => Promise<unknown>,
  ) =>
    scope.post(
      `/center/:slug/${path}`,
      { schema: { hide: true, params: tokenParams }, ...post },
      async (request, reply) => {
        const { ctx, access, redirect } = await enter(request, reply, request.params.slug);
        await act(access, request.params.id, ctx.locale);
        return redirect(centerPath(access, list));
      },
    );
  action('shifts/:id/sign-up', '/shifts', desk.signUpForShift);
  action('shifts/:id/withdraw', '/shifts', desk.withdrawFromShift);

  registerCalendarPages(scope, kit, { desk, enter });

  scope.get(
    '/center/:slug/tokens',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const { access, view, send } = await enter(request, reply, request.params.slug);
      const tokens = await desk.tokens(access);
      return send(<TokensPage view={view()} tokens={tokens} />);
    },
  );

  action('tokens/:id/revoke', '/tokens', desk.revokeToken);
}
