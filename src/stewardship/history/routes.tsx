/** History pages and the revert / restore actions. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { HttpServer } from '../../platform/http/server.js';
import type { EditingKit } from '../editing/http.js';
import { BodyHistoryPage, MeetingHistoryPage } from './history-pages.js';
import type { HistoryService } from './history-service.js';

const slugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function registerHistoryPages(
  scope: HttpServer,
  kit: EditingKit,
  history: HistoryService,
): void {
  scope.get(
    '/meetings/:slug/history',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const shown = await history.meeting(await kit.actorOf(request), request.params.slug);
      return kit.sendForm(request, reply, ctx, MeetingHistoryPage, {
        meeting: shown.meeting,
        removed: shown.removed,
        lines: shown.lines,
        overrides: shown.overrides,
        names: shown.names,
      });
    },
  );

  const bodyPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    bodyId: string | undefined,
  ) => {
    const ctx = kit.ctxOf(request);
    const shown = await history.serviceBody(await kit.actorOf(request), bodyId);
    return kit.sendForm(request, reply, ctx, BodyHistoryPage, {
      body: shown.body,
      lines: shown.lines,
      conflicts: shown.conflicts,
      names: shown.names,
    });
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
      const entry = await history.revert(await kit.actorOf(request), request.params.id);
      return kit.redirect(reply, ctx, `/meetings/${entry.slug}/history`);
    },
  );

  scope.post(
    '/history/:id/restore',
    { schema: { hide: true, params: idParams }, preHandler: kit.csrf },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const meeting = await history.restore(await kit.actorOf(request), request.params.id);
      return kit.redirect(reply, ctx, `/meetings/${meeting.slug}/history`);
    },
  );
}
