/**
 * The desk's pages under `/center/...` (and `/en/`, `/es/`), for staff signed in with the site's
 * session (email link or passkey). Every page opens the center through the same service as the
 * API, so tenancy, roles and the access log are the API's: a center the person is not staff of
 * and a member of another center answer the same 404 page as things that do not exist. Every
 * form posts with the session's CSRF token and redirects (post/redirect/get).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { Type } from 'typebox';
import type { HttpServer } from '../../platform/http/server.js';
import { registerPageScope, type FormFields, type PageKit } from '../../web/kit/page-scope.js';
import type { PageContext } from '../../web/page-context.js';
import { guardCsrf, type StewardshipGuard } from '../../stewardship/http/guard.js';
import type { CenterDesk } from '../desk.js';
import type { CenterAccess, DeskAction } from '../model.js';
import type { Member } from '../members/model.js';
import { centerPath, type DeskView } from '../pages/center-frame.js';
import { CentersPage } from '../pages/centers-page.js';
import { DeskPage } from '../pages/desk-page.js';
import { sendRecordPdf } from './record-pdf-reply.js';
import { formSaver } from './form-saver.js';
import { registerCalendarPages } from './calendar-page-routes.js';
import type { FilledForm } from '../pages/form-problem.js';
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

/**
 * How a desk page opens its center and frames itself: the signed-in person's access (sign-in
 * first; 404 when not staff), and the view with this request's CSRF token. Shared with the
 * other pages under `/center/{slug}/` (the referrals').
 */
export function deskPageAccess(
  kit: PageKit,
  desk: Pick<CenterDesk, 'open'>,
  guard: StewardshipGuard,
) {
  const open = async (request: FastifyRequest, slug: string): Promise<CenterAccess> => {
    const who = await guard.requireSignedIn(request);
    return desk.open({ personId: who.person.id }, slug);
  };
  const viewOf = (
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    access: CenterAccess,
  ): DeskView => ({
    ctx,
    access,
    csrf: kit.csrfToken(request, reply),
    timeZone: access.center.timeZone,
  });
  return { open, viewOf };
}

function registerPages(scope: HttpServer, kit: PageKit, { desk, guard }: CenterPageDeps): void {
  const { open, viewOf } = deskPageAccess(kit, desk, guard);
  const post = { preHandler: kit.csrf };
  const saveOrShowAgain = formSaver(kit);

  scope.get('/center', { schema: { hide: true } }, async (request, reply) => {
    const ctx = kit.ctxOf(request);
    const who = await guard.requireSignedIn(request);
    return kit.send(
      reply,
      ctx,
      <CentersPage ctx={ctx} centers={await desk.centersOf(who.person.id)} />,
    );
  });

  scope.get(
    '/center/:slug',
    { schema: { hide: true, params: slugParams, querystring: deskQuery } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      const query = (request.query.q ?? '').trim();
      // A search shows its results alone: the day's list (each name logged) is for the desk's
      // resting view, and leaving it out keeps a search as quick as the API's.
      const [matches, today] =
        query === ''
          ? [undefined, await desk.checkInsToday(access)]
          : [await desk.findMembers(access, query), undefined];
      return kit.send(
        reply,
        ctx,
        <DeskPage
          view={viewOf(request, reply, ctx, access)}
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
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      const form = kit.form(request);
      const memberId = field(form, 'memberId');
      await desk.recordCheckIn(access, memberId);
      return kit.redirect(
        reply,
        ctx,
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
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      desk.requirePermission(access, 'member.write');
      return kit.send(reply, ctx, <MemberFormPage view={viewOf(request, reply, ctx, access)} />);
    },
  );

  scope.post(
    '/center/:slug/members',
    { schema: { hide: true, params: slugParams }, ...post },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      return saveOrShowAgain(
        request,
        reply,
        ctx,
        async (form) => {
          const member = await desk.registerMember(access, memberInputFromForm(form));
          return centerPath(access, `/members/${member.id}?saved=1`);
        },
        (filled) =>
          Promise.resolve(
            <MemberFormPage view={viewOf(request, reply, ctx, access)} filled={filled} />,
          ),
      );
    },
  );

  scope.get(
    '/center/:slug/members/:id',
    { schema: { hide: true, params: memberParams, querystring: savedQuery } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      const { member, timeline, plan } = await desk.memberRecord(access, request.params.id);
      return kit.send(
        reply,
        ctx,
        <MemberPage
          view={viewOf(request, reply, ctx, access)}
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
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
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
        const ctx = kit.ctxOf(request);
        const access = await open(request, request.params.slug);
        desk.requirePermission(access, permission);
        const member = await desk.readMember(access, request.params.id);
        return kit.send(reply, ctx, page(viewOf(request, reply, ctx, access), member));
      },
    );
    scope.post(
      `/center/:slug/members/:id${paths.save}`,
      { schema: { hide: true, params: memberParams }, ...post },
      async (request, reply) => {
        const ctx = kit.ctxOf(request);
        const access = await open(request, request.params.slug);
        const memberId = request.params.id;
        return saveOrShowAgain(
          request,
          reply,
          ctx,
          async (form) => {
            await save(access, memberId, form);
            return centerPath(access, `/members/${memberId}?saved=1`);
          },
          async (filled) =>
            page(
              viewOf(request, reply, ctx, access),
              await desk.readMember(access, memberId),
              filled,
            ),
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
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      const { id: memberId, goalId } = request.params;
      await desk.completeGoal(access, memberId, goalId, stepFromForm(kit.form(request)));
      return kit.redirect(reply, ctx, centerPath(access, `/members/${memberId}?saved=1`));
    },
  );

  scope.get(
    '/center/:slug/shifts',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      const shifts = await desk.shifts(access);
      return kit.send(
        reply,
        ctx,
        <ShiftsPage view={viewOf(request, reply, ctx, access)} shifts={shifts} />,
      );
    },
  );

  scope.post(
    '/center/:slug/shifts',
    { schema: { hide: true, params: slugParams }, ...post },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      const form = kit.form(request);
      await desk.createShift(access, {
        title: field(form, 'title'),
        date: field(form, 'date'),
        start: field(form, 'start'),
        end: field(form, 'end'),
        capacity: field(form, 'capacity'),
      });
      return kit.redirect(reply, ctx, centerPath(access, '/shifts'));
    },
  );

  for (const [action, run] of [
    ['sign-up', desk.signUpForShift],
    ['withdraw', desk.withdrawFromShift],
  ] as const)
    scope.post(
      `/center/:slug/shifts/:id/${action}`,
      { schema: { hide: true, params: tokenParams }, ...post },
      async (request, reply) => {
        const ctx = kit.ctxOf(request);
        const access = await open(request, request.params.slug);
        await run(access, request.params.id);
        return kit.redirect(reply, ctx, centerPath(access, '/shifts'));
      },
    );

  registerCalendarPages(scope, kit, { desk, open, viewOf, saveOrShowAgain });

  scope.get(
    '/center/:slug/tokens',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      const tokens = await desk.tokens(access);
      return kit.send(
        reply,
        ctx,
        <TokensPage view={viewOf(request, reply, ctx, access)} tokens={tokens} />,
      );
    },
  );

  scope.post(
    '/center/:slug/tokens/:id/revoke',
    { schema: { hide: true, params: tokenParams }, ...post },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const access = await open(request, request.params.slug);
      await desk.revokeToken(access, request.params.id);
      return kit.redirect(reply, ctx, centerPath(access, '/tokens'));
    },
  );
}
