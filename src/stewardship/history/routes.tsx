/** History pages and the revert / restore actions. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { HttpServer } from '../../platform/http/server.js';
import type { Repositories } from '../../repositories.js';
import type { EditingKit } from '../editing/http.js';
import { restoreMeeting, revertChange } from './revert.js';
import { BodyHistoryPage, MeetingHistoryPage, type Names } from './history-pages.js';
import type { HistoryEntry } from './model.js';
import { meetingHistory, serviceBodyHistory } from './view-history.js';

const slugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/**
 * Names for the people and sources entries mention. People are named by their display name, or
 * by a short account number: an editor's email is not shown to other editors.
 */
async function namesFor(repos: Repositories, entries: readonly HistoryEntry[]): Promise<Names> {
  const ids = [...new Set(entries.flatMap((e) => (e.actorId === undefined ? [] : [e.actorId])))];
  const people = new Map(
    (await repos.accounts.peopleByIds(ids)).map((p) => [
      p.id,
      p.displayName ?? `#${p.id.slice(0, 8)}`,
    ]),
  );
  const sources = new Map(
    [
      ...(await repos.removedSources.list()).map((r) => r.source),
      ...(await repos.sources.list()),
    ].map((s) => [s.id, s.name]),
  );
  return { people, sources };
}

export function registerHistoryPages(scope: HttpServer, kit: EditingKit): void {
  const { deps } = kit;

  scope.get(
    '/meetings/:slug/history',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const history = await meetingHistory(
        deps.repos,
        await kit.actorOf(request),
        request.params.slug,
      );
      return kit.send(
        reply,
        ctx,
        <MeetingHistoryPage
          ctx={ctx}
          csrf={kit.csrfToken(request, reply)}
          meeting={history.meeting}
          removed={history.removed}
          lines={history.lines}
          overrides={history.overrides}
          names={await namesFor(deps.repos, history.lines)}
        />,
      );
    },
  );

  const bodyPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    bodyId: string | undefined,
  ) => {
    const ctx = kit.ctxOf(request);
    const history = await serviceBodyHistory(deps.repos, await kit.actorOf(request), bodyId);
    const meetings = new Map(
      (await deps.repos.meetings.byIds(history.conflicts.map((c) => c.meetingId))).map((m) => [
        m.id,
        m,
      ]),
    );
    return kit.send(
      reply,
      ctx,
      <BodyHistoryPage
        ctx={ctx}
        csrf={kit.csrfToken(request, reply)}
        body={history.body}
        lines={history.lines}
        conflicts={history.conflicts.map((c) => {
          const m = meetings.get(c.meetingId);
          return m === undefined ? c : { ...c, slug: m.slug, name: m.name };
        })}
        names={await namesFor(deps.repos, history.lines)}
      />,
    );
  };

  scope.get('/history', { schema: { hide: true } }, (request, reply) =>
    bodyPage(request, reply, undefined),
  );

  scope.get(
    '/admin/service-bodies/:id/history',
    { schema: { hide: true, params: idParams } },
    (request, reply) => bodyPage(request, reply, request.params.id),
  );

  scope.post(
    '/history/:id/revert',
    { schema: { hide: true, params: idParams }, preHandler: kit.csrf },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const entry = await revertChange(deps, await kit.actorOf(request), request.params.id);
      return kit.redirect(reply, ctx, `/meetings/${entry.slug}/history`);
    },
  );

  scope.post(
    '/history/:id/restore',
    { schema: { hide: true, params: idParams }, preHandler: kit.csrf },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const meeting = await restoreMeeting(deps, await kit.actorOf(request), request.params.id);
      return kit.redirect(reply, ctx, `/meetings/${meeting.slug}/history`);
    },
  );
}
