/**
 * The administrators' source pages and their actions: refresh now, approve or reject a held
 * snapshot, remove (after a confirmation) and restore. Registered in the page kit of the editing
 * pages, so sign-in, CSRF, form parsing and error pages are the same as theirs.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { HttpServer } from '../../platform/http/server.js';
import type { EditingKit } from '../editing/http.js';
import { formText } from '../editing/meeting-form.js';
import {
  approveHeldSnapshot,
  refreshSourceNow,
  rejectHeldSnapshot,
  sourceDetail,
  sourceOverview,
  type SourceAdminDeps,
} from './manage-sources.js';
import { removeSource, restoreSource } from './remove-source.js';
import { RemoveSourcePage, SourcePage, SourcesPage } from './source-pages.js';

const nameParams = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 63, pattern: '^[a-z0-9][a-z0-9-]*$' }),
});
const listQuery = Type.Object({ removed: Type.Optional(Type.String({ maxLength: 63 })) });

/** How often one address may ask for a refresh; reading a feed is the expensive part. */
export const refreshLimit = { max: 30, timeWindowMs: 15 * 60_000 };

const path = (name: string) => `/admin/sources/${encodeURIComponent(name)}`;

export function registerSourcePages(
  scope: HttpServer,
  kit: EditingKit,
  deps: SourceAdminDeps,
): void {
  const limit = kit.limit('refresh', refreshLimit);
  const { importDeps } = deps;
  const named = { schema: { hide: true, params: nameParams } };
  const action = { ...named, preHandler: kit.csrf };

  scope.get(
    '/admin/sources',
    { schema: { hide: true, querystring: listQuery } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const { sources, removed } = await sourceOverview(deps, await kit.actorOf(request));
      const justRemoved =
        request.query.removed === undefined
          ? undefined
          : removed.find((r) => r.source.name === request.query.removed);
      return kit.sendForm(request, reply, ctx, SourcesPage, { sources, removed, justRemoved });
    },
  );

  scope.get('/admin/sources/:name', named, async (request, reply) => {
    const ctx = kit.ctxOf(request);
    const detail = await sourceDetail(deps, await kit.actorOf(request), request.params.name);
    return kit.sendForm(request, reply, ctx, SourcePage, {
      source: detail.source,
      heldReport: detail.heldReport,
    });
  });

  const confirmation = async (
    request: FastifyRequest<{ Params: { name: string } }>,
    reply: FastifyReply,
  ) => {
    const ctx = kit.ctxOf(request);
    const { source } = await sourceDetail(deps, await kit.actorOf(request), request.params.name);
    return kit.sendForm(request, reply, ctx, RemoveSourcePage, { source });
  };

  scope.get('/admin/sources/:name/remove', named, confirmation);

  scope.post('/admin/sources/:name/remove', action, async (request, reply) => {
    const { name } = request.params;
    // Only the confirmation page's form says which source it confirms; anything else asks.
    if (formText(kit.form(request), 'confirm') !== name) return confirmation(request, reply);
    await removeSource(importDeps, await kit.actorOf(request), name);
    return kit.redirect(
      reply,
      kit.ctxOf(request),
      `/admin/sources?removed=${encodeURIComponent(name)}`,
    );
  });

  scope.post('/admin/sources/:name/restore', action, async (request, reply) => {
    const { name } = request.params;
    await restoreSource(importDeps, await kit.actorOf(request), name);
    return kit.redirect(reply, kit.ctxOf(request), path(name));
  });

  scope.post(
    '/admin/sources/:name/refresh',
    { ...action, onRequest: limit },
    async (request, reply) => {
      const { name } = request.params;
      // The report is stored on the source whatever happened; its page shows it.
      await refreshSourceNow(deps, await kit.actorOf(request), name);
      return kit.redirect(reply, kit.ctxOf(request), path(name));
    },
  );

  scope.post('/admin/sources/:name/approve', action, async (request, reply) => {
    const { name } = request.params;
    await approveHeldSnapshot(deps, await kit.actorOf(request), name);
    return kit.redirect(reply, kit.ctxOf(request), path(name));
  });

  scope.post('/admin/sources/:name/reject', action, async (request, reply) => {
    const { name } = request.params;
    await rejectHeldSnapshot(deps, await kit.actorOf(request), name);
    return kit.redirect(reply, kit.ctxOf(request), path(name));
  });
}
