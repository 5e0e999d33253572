/**
 * The editing pages: edit a meeting (with preview), add one, delete one, confirm one is still
 * accurate, and resolve conflicts with its source. Routes parse, check CSRF, call the services
 * (which decide who may do what) and render.
 */
import { Type } from 'typebox';
import { getMeeting } from '../../meetings/list-meetings.js';
import { isPorchlightError, type FeedProblem } from '../../platform/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import { authorize } from '../authorize.js';
import { meetingTarget } from '../meeting-scope.js';
import { listServiceBodies } from '../service-bodies.js';
import { resolveConflict } from './resolve-conflict.js';
import { isMeetingField } from '../history/meeting-fields.js';
import { blankDraft, createMeeting } from './create-meeting.js';
import { deleteMeeting } from './delete-meeting.js';
import { EditMeetingPage } from './edit-page.js';
import { editMeeting, meetingFor, previewEdit } from './edit-meeting.js';
import type { EditingKit } from './http.js';
import { formText, meetingFormValues, type FormInput } from './meeting-form.js';
import { NewMeetingPage, creatableBodies } from './new-meeting-page.js';
import { verifyMeeting } from '../verification/verify-meeting.js';
import type { Meeting } from '../../meetings/model.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

const slugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const page = { schema: { hide: true } };

/** The problems of a refused meeting form, or undefined for any other error. */
export function formProblems(error: unknown): FeedProblem[] | undefined {
  if (!isPorchlightError(error) || error.code !== 'PL_INVALID_MEETING') return undefined;
  return (error.details?.problems as FeedProblem[] | undefined) ?? [];
}

export function registerEditingPages(scope: HttpServer, kit: EditingKit): void {
  const { deps } = kit;

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    options: {
      values?: FormInput;
      problems?: FeedProblem[];
      preview?: Meeting;
      status?: number;
      saved?: boolean;
    },
  ) => {
    const ctx = kit.ctxOf(request);
    const actor = await kit.actorOf(request);
    const { meeting } = await meetingFor(deps.repos, actor, 'meeting.update', slug);
    const { source } = await getMeeting(deps.repos, slug);
    const target = await meetingTarget(deps.repos, meeting);
    const overrides = await deps.repos.history.overridesOf([meeting.id]);
    return kit.sendForm(
      request,
      reply,
      ctx,
      EditMeetingPage,
      {
        meeting,
        source,
        values: options.values ?? meetingFormValues(meeting),
        problems: options.problems ?? [],
        preview: options.preview,
        conflicts: overrides.filter((o) => o.conflict !== undefined),
        overridden: overrides,
        canVerify: authorize(actor, 'meeting.verify', target),
        canDelete: authorize(actor, 'meeting.delete', target),
        now: deps.clock.now().getTime(),
        saved: options.saved === true,
      },
      { status: options.status ?? 200 },
    );
  };

  scope.get(
    '/meetings/:slug/edit',
    {
      schema: {
        hide: true,
        params: slugParams,
        querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 4 })) }),
      },
    },
    (request, reply) =>
      renderEdit(request, reply, request.params.slug, { saved: request.query.saved === '1' }),
  );

  scope.post(
    '/meetings/:slug/edit',
    { schema: { hide: true, params: slugParams }, preHandler: kit.csrf },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const actor = await kit.actorOf(request);
      const { slug } = request.params;
      const form = kit.form(request);
      try {
        if (formText(form, 'intent') === 'preview') {
          const preview = await previewEdit(deps, actor, slug, form);
          return await renderEdit(request, reply, slug, { values: form, preview });
        }
        await editMeeting(deps, actor, slug, form);
        return kit.redirect(reply, ctx, `/meetings/${slug}/edit?saved=1`);
      } catch (error) {
        const problems = formProblems(error);
        if (problems !== undefined)
          return renderEdit(request, reply, slug, { values: form, problems, status: 400 });
        if (isPorchlightError(error) && error.code === 'PL_NOTHING_CHANGED')
          return kit.redirect(reply, ctx, `/meetings/${slug}/edit`);
        throw error;
      }
    },
  );

  scope.post(
    '/meetings/:slug/verify',
    { schema: { hide: true, params: slugParams }, preHandler: kit.csrf },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      await verifyMeeting(deps, await kit.actorOf(request), request.params.slug);
      const next =
        formText(kit.form(request), 'next') === 'stale'
          ? '/review/stale'
          : `/meetings/${request.params.slug}/edit?saved=1`;
      return kit.redirect(reply, ctx, next);
    },
  );

  scope.post(
    '/meetings/:slug/delete',
    { schema: { hide: true, params: slugParams }, preHandler: kit.csrf },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      await deleteMeeting(deps, await kit.actorOf(request), request.params.slug);
      return kit.redirect(reply, ctx, `/meetings/${request.params.slug}/history`);
    },
  );

  scope.post(
    '/meetings/:slug/conflicts',
    { schema: { hide: true, params: slugParams }, preHandler: kit.csrf },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const form = kit.form(request);
      const field = formText(form, 'field');
      const choice = formText(form, 'choice');
      const actor = await kit.actorOf(request);
      if (!isMeetingField(field) || (choice !== 'mine' && choice !== 'theirs')) {
        // Still refused as anyone else would be, before saying the input is bad.
        await meetingFor(deps.repos, actor, 'meeting.update', request.params.slug);
        return kit.redirect(reply, ctx, `/meetings/${request.params.slug}/edit`);
      }
      await resolveConflict(deps, actor, request.params.slug, field, choice);
      return kit.redirect(reply, ctx, `/meetings/${request.params.slug}/edit?saved=1`);
    },
  );

  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormInput,
    problems: FeedProblem[] = [],
  ) => {
    const ctx = kit.ctxOf(request);
    const actor = await kit.actorOf(request);
    const bodies = creatableBodies(await listServiceBodies(deps), (path) =>
      authorize(actor, 'meeting.create', { kind: 'meeting', path }),
    );
    return kit.sendForm(
      request,
      reply,
      ctx,
      NewMeetingPage,
      { values, problems, bodies },
      { status: problems.length > 0 ? 400 : 200 },
    );
  };

  scope.get('/new-meeting', page, (request, reply) =>
    renderNew(request, reply, meetingFormValues(blankDraft(deps.clock.now().toISOString()))),
  );

  scope.post('/new-meeting', { ...page, preHandler: kit.csrf }, async (request, reply) => {
    const ctx = kit.ctxOf(request);
    const form = kit.form(request);
    const body = formText(form, 'serviceBodyId');
    try {
      const meeting = await createMeeting(
        deps,
        await kit.actorOf(request),
        body === '' ? undefined : body,
        form,
      );
      return kit.redirect(reply, ctx, `/meetings/${meeting.slug}/edit?saved=1`);
    } catch (error) {
      const problems = formProblems(error);
      if (problems === undefined) throw error;
      return renderNew(request, reply, form, problems);
    }
  });
}
