/**
 * The public suggestion forms (no account: rate-limited, honeypot, signed fill time, CSRF) and the
 * editors' review queue.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { FeedProblem } from '../../platform/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import { authorize, isAdministrator } from '../authorize.js';
import { listServiceBodies } from '../service-bodies.js';
import { blankDraft } from '../editing/create-meeting.js';
import { findMeeting } from '../editing/edit-meeting.js';
import type { EditingKit } from '../editing/http.js';
import { formText, meetingFormValues, type FormInput } from '../editing/meeting-form.js';
import { creatableBodies } from '../editing/new-meeting-page.js';
import { formProblems } from '../editing/routes.js';
import { applyChanges } from '../history/meeting-fields.js';
import { HONEYPOT_FIELD, signFormTime } from './form-timing.js';
import { approveRequest, rejectRequest, requestForReview, reviewQueue } from './review-requests.js';
import { ReviewPage, ReviewQueuePage } from './review-pages.js';
import { suggestCorrection, suggestMeeting, suggestPurpose } from './submit-request.js';
import { SuggestPage, SuggestThanksPage } from './suggest-pages.js';

const slugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const thanksQuery = Type.Object({ slug: Type.Optional(Type.String({ maxLength: 200 })) });

export function registerChangeRequestPages(scope: HttpServer, kit: EditingKit): void {
  const { deps } = kit;
  // Both forms at `/`, `/en/` and `/es/` count together.
  const limit = kit.limit('suggest', {
    max: deps.suggestLimit?.max ?? 10,
    timeWindowMs: deps.suggestLimit?.timeWindowMs ?? 15 * 60_000,
  });

  const renderSuggest = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string | undefined,
    values?: FormInput,
    problems: FeedProblem[] = [],
  ) => {
    const ctx = kit.ctxOf(request);
    const meeting = slug === undefined ? undefined : await findMeeting(deps.repos, slug);
    const key = await deps.repos.changeRequests.formSigningKey();
    return kit.sendForm(
      request,
      reply,
      ctx,
      SuggestPage,
      {
        formTime: signFormTime(key, suggestPurpose(meeting?.slug), deps.clock.now()),
        values: values ?? meetingFormValues(meeting ?? blankDraft(deps.clock.now().toISOString())),
        problems,
        meeting,
      },
      { status: problems.length > 0 ? 400 : 200 },
    );
  };

  const submit = async (request: FastifyRequest, reply: FastifyReply, slug: string | undefined) => {
    const ctx = kit.ctxOf(request);
    const form = kit.form(request);
    const thanks = `/suggest/thanks${slug === undefined ? '' : `?slug=${encodeURIComponent(slug)}`}`;
    // A filled honeypot is a robot: thanked like anyone else, and nothing is stored.
    if (formText(form, HONEYPOT_FIELD) !== '') return kit.redirect(reply, ctx, thanks);
    try {
      if (slug === undefined) await suggestMeeting(deps, form, ctx.locale);
      else await suggestCorrection(deps, slug, form, ctx.locale);
    } catch (error) {
      const problems = formProblems(error);
      if (problems === undefined) throw error;
      return renderSuggest(request, reply, slug, form, problems);
    }
    return kit.redirect(reply, ctx, thanks);
  };

  scope.get(
    '/meetings/:slug/suggest',
    { schema: { hide: true, params: slugParams } },
    (request, reply) => renderSuggest(request, reply, request.params.slug),
  );
  scope.post(
    '/meetings/:slug/suggest',
    { schema: { hide: true, params: slugParams }, onRequest: limit, preHandler: kit.csrf },
    (request, reply) => submit(request, reply, request.params.slug),
  );
  scope.get('/suggest', { schema: { hide: true } }, (request, reply) =>
    renderSuggest(request, reply, undefined),
  );
  scope.post(
    '/suggest',
    { schema: { hide: true }, onRequest: limit, preHandler: kit.csrf },
    (request, reply) => submit(request, reply, undefined),
  );
  scope.get(
    '/suggest/thanks',
    { schema: { hide: true, querystring: thanksQuery } },
    (request, reply) => {
      const ctx = kit.ctxOf(request);
      return kit.send(reply, ctx, <SuggestThanksPage ctx={ctx} slug={request.query.slug} />);
    },
  );

  scope.get('/review', { schema: { hide: true } }, async (request, reply) => {
    const ctx = kit.ctxOf(request);
    const actor = await kit.actorOf(request);
    const queue = await reviewQueue(deps.repos, actor);
    return kit.send(
      reply,
      ctx,
      <ReviewQueuePage ctx={ctx} queue={queue} isAdministrator={isAdministrator(actor)} />,
    );
  });

  const renderReview = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    values?: FormInput,
    problems: FeedProblem[] = [],
  ) => {
    const ctx = kit.ctxOf(request);
    const actor = await kit.actorOf(request);
    const item = await requestForReview(deps.repos, actor, request.params.id);
    const { request: cr, meeting } = item;
    const proposed =
      cr.kind === 'new'
        ? (cr.draft ?? blankDraft(cr.createdAt))
        : meeting !== undefined
          ? applyChanges(meeting, cr.changes)
          : undefined;
    const bodies = creatableBodies(await listServiceBodies(deps), (path) =>
      authorize(actor, 'change_request.review', { kind: 'meeting', path }),
    );
    return kit.sendForm(
      request,
      reply,
      ctx,
      ReviewPage,
      {
        item,
        values: values ?? (proposed === undefined ? {} : meetingFormValues(proposed)),
        problems,
        bodies,
      },
      { status: problems.length > 0 ? 400 : 200 },
    );
  };

  scope.get('/review/:id', { schema: { hide: true, params: idParams } }, (request, reply) =>
    renderReview(request, reply),
  );

  scope.post(
    '/review/:id/approve',
    { schema: { hide: true, params: idParams }, preHandler: kit.csrf },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const form = kit.form(request);
      const body = formText(form, 'serviceBodyId');
      try {
        await approveRequest(deps, await kit.actorOf(request), request.params.id, {
          ...(formText(form, 'edited') === 'yes' ? { form } : {}),
          ...(body !== '' ? { serviceBodyId: body } : {}),
        });
      } catch (error) {
        const problems = formProblems(error);
        if (problems === undefined) throw error;
        return renderReview(request, reply, form, problems);
      }
      return kit.redirect(reply, ctx, '/review');
    },
  );

  scope.post(
    '/review/:id/reject',
    { schema: { hide: true, params: idParams }, preHandler: kit.csrf },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      await rejectRequest(
        deps,
        await kit.actorOf(request),
        request.params.id,
        formText(kit.form(request), 'reason'),
      );
      return kit.redirect(reply, ctx, '/review');
    },
  );
}
