/**
 * The public resource finder's pages: `/resources` (and `/en/`, `/es/`) and its printable
 * sheet `/resources/sheet.pdf`, over the public finder (published sources only, decision
 * 0103). A refused parameter is named beside the form with a 400; the sheet is a download.
 */
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock.js';
import { PorchlightError } from '../../platform/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { ClientSettings } from '../../web/assets-tags.js';
import { errorMessage } from '../../web/i18n/error-messages.js';
import { registerPageScope } from '../../web/kit/page-scope.js';
import { languageHeaders } from '../../web/kit/send.js';
import { link, type PageContext } from '../../web/page-context.js';
import { encodeResourceCursor, type ResourceParams } from '../search/parse-resource-query.js';
import type { ResourceFinder } from '../search/resource-finder.js';
import { presentResourceHit } from '../routes.js';
import { readResourceForm, resourceQueryString } from './finder-params.js';
import { ResourceFinderPage, type ResourceOutcome } from './resource-finder-page.js';
import { renderResourceSheet } from './resource-sheet.js';

export interface ResourcePageDeps {
  /** The public finder: published sources only. */
  finder: ResourceFinder;
  publicUrl: string;
  clock: Clock;
  client?: ClientSettings;
}

/** Services on a printed sheet, at most: a wall, not a directory. */
const SHEET_LIMIT = 100;

/** A finder search for a page: results, or the refused parameter in the reader's words. */
export async function findResources(
  deps: { finder: ResourceFinder },
  ctx: PageContext,
  params: ResourceParams,
): Promise<ResourceOutcome> {
  const units = params.units === 'km' ? 'km' : 'mi';
  try {
    const query = deps.finder.parse(params);
    const answer = await deps.finder.search(query);
    const next = query.offset + answer.hits.length;
    return {
      params,
      results: answer.hits.map((hit) => presentResourceHit(hit, units)),
      total: answer.total,
      ...(next < answer.total ? { nextCursor: encodeResourceCursor(next) } : {}),
      ...(params.near !== undefined ? { place: params.near } : {}),
    };
  } catch (error) {
    if (!(error instanceof PorchlightError) || error.status !== 400) throw error;
    const field = typeof error.details?.field === 'string' ? error.details.field : '';
    const message = errorMessage(ctx.locale, {
      code: error.code,
      message: error.message,
      ...(error.params !== undefined ? { params: error.params } : {}),
    });
    // A refused value is dropped from the form, so resubmitting it does not fail again.
    const { [field as keyof ResourceParams]: _refused, ...rest } = params;
    return { params: rest, results: [], total: 0, problem: { field, message } };
  }
}

export function registerResourcePages(server: HttpServer, deps: ResourcePageDeps): void {
  registerPageScope(
    server,
    {
      publicUrl: deps.publicUrl,
      ...(deps.client !== undefined ? { client: deps.client } : {}),
    },
    (scope, kit) => {
      const paramsOf = (request: FastifyRequest) =>
        readResourceForm(request.query as Record<string, unknown>);

      scope.get('/resources', { schema: { hide: true } }, async (request, reply) => {
        const params = paramsOf(request);
        const ctx = { ...kit.ctxOf(request), keptQuery: resourceQueryString(params) };
        const outcome = await findResources(deps, ctx, params);
        const page = <ResourceFinderPage ctx={ctx} outcome={outcome} />;
        if (outcome.problem !== undefined)
          return kit.send(reply, ctx, page, { status: 400, cache: 'no-store' });
        // The answer says what is open now and carries a place: the person's browser only.
        return kit.send(reply, ctx, page, { cache: 'private, max-age=60' });
      });

      scope.get('/resources/sheet.pdf', { schema: { hide: true } }, async (request, reply) => {
        const params = { ...paramsOf(request), limit: String(SHEET_LIMIT) };
        delete params.cursor;
        const ctx = kit.ctxOf(request);
        const outcome = await findResources(deps, ctx, params);
        if (outcome.problem !== undefined) {
          throw new PorchlightError('PL_INVALID_QUERY', outcome.problem.message, {
            field: outcome.problem.field,
          });
        }
        const { limit: _limit, ...shown } = params;
        const bytes = await renderResourceSheet({
          ctx,
          results: outcome.results,
          total: outcome.total,
          ...(outcome.place !== undefined ? { place: outcome.place } : {}),
          url: `${deps.publicUrl}${link(ctx, '/resources')}${resourceQueryString(shown)}`,
          createdAt: deps.clock.now(),
        });
        return languageHeaders(reply, ctx, { cache: 'private, max-age=60' })
          .type('application/pdf')
          .header('content-disposition', 'attachment; filename="resources.pdf"')
          .send(bytes);
      });
    },
  );
}
