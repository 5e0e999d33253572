/**
 * `GET /print` (and `/en/print`, `/es/print`): any finder search as a PDF download. The
 * unprefixed path speaks the language of Accept-Language, like the other pages; a search the
 * API would refuse gets the same status and stable code, as an HTML page a person can read.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { canonicalTimeZone } from '../meetings/time-zone.js';
import { isPorchlightError, type ErrorCode } from '../platform/errors.js';
import { actionLimit } from '../platform/http/action-limit.js';
import type { HttpServer } from '../platform/http/server.js';
import { searchParamNames, type SearchParams } from '../search/parse-params.js';
import { searchParamSchema } from '../search/routes.js';
import { locales, negotiateLocale, splitLocalePath } from '../web/i18n/locales.js';
import { pageContext, type PageContext } from '../web/page-context.js';
import { renderPrintErrorPage } from './print-error-page.js';
import { printSchedule, type PrintDeps } from './print-schedule.js';
import { paperSizes } from './sheet.js';
import { logUnexpected, rateLimitPluginOptions } from '../platform/http/client-key.js';

const querystring = Type.Object({
  ...Object.fromEntries(searchParamNames.map((name) => [name, searchParamSchema(name)])),
  paper: Type.Optional(Type.Enum(paperSizes)),
});

export interface PrintRouteDeps extends PrintDeps {
  /** Prints made per client address per window (a print costs far more than a page). */
  printLimit?: { max: number; timeWindowMs: number };
}

/** Registers the print routes in every language. */
export function registerPrintRoutes(server: HttpServer, deps: PrintRouteDeps): void {
  void server.register(async (scope) => {
    await scope.register(rateLimit, rateLimitPluginOptions);
    scope.setErrorHandler((error: FastifyError, request, reply) =>
      sendError(error, request, reply, deps.publicUrl),
    );
    // One count per client address, whichever language path the print is asked at.
    const onRequest = actionLimit(scope, {
      max: deps.printLimit?.max ?? 30,
      timeWindowMs: deps.printLimit?.timeWindowMs ?? 60_000,
    });
    for (const prefix of ['', ...locales.map((l) => `/${l}`)]) {
      scope.get(
        `${prefix}/print`,
        { schema: { hide: true, querystring }, onRequest },
        async (request, reply) => {
          const ctx = contextFor(request, deps.publicUrl);
          const { paper, ...params } = request.query as SearchParams & { paper?: 'letter' | 'a4' };
          const printed = await printSchedule(deps, {
            params,
            locale: ctx.locale,
            ...(paper !== undefined ? { paper } : {}),
          });
          reply
            .type('application/pdf')
            .header('content-disposition', `attachment; filename="${printed.filename}"`)
            .header('content-language', ctx.locale)
            // The sheet depends on the moment (next dates) and may name a person's town.
            .header('cache-control', 'private, max-age=300');
          if (ctx.negotiated) reply.header('vary', 'Accept-Language');
          return reply.send(printed.pdf);
        },
      );
    }
  });
}

function contextFor(request: FastifyRequest, publicUrl: string): PageContext {
  const pathname = request.url.split('?', 1)[0] ?? '/';
  const { locale: prefixed, path } = splitLocalePath(pathname);
  const locale = prefixed ?? negotiateLocale(request.headers['accept-language']);
  const { tz } = request.query as { tz?: unknown };
  const zone = typeof tz === 'string' && tz.length <= 64 ? canonicalTimeZone(tz) : undefined;
  return pageContext({
    locale,
    path,
    keptQuery: zone === undefined ? '' : `?tz=${encodeURIComponent(zone)}`,
    publicUrl,
    negotiated: prefixed === undefined,
  });
}

/** The API's status and code for the error, as a page in the reader's language. */
function sendError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  publicUrl: string,
) {
  const ctx = contextFor(request, publicUrl);
  let status: number;
  let code: ErrorCode;
  let field: string | undefined;
  let message: string | undefined;
  if (isPorchlightError(error)) {
    status = error.status;
    code = error.code;
    field = typeof error.details?.field === 'string' ? error.details.field : undefined;
    message = error.message;
  } else if (error.validation !== undefined) {
    const first = error.validation[0];
    status = 400;
    code = 'PL_INVALID_QUERY';
    field = first?.instancePath.replace(/^\//, '') || undefined;
    message = `${field ?? 'query'} ${first?.message ?? 'is invalid'}`;
  } else if (error.statusCode === 429) {
    status = 429;
    code = 'PL_RATE_LIMITED';
  } else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    status = error.statusCode;
    code = 'PL_INVALID_QUERY';
  } else {
    logUnexpected(request, error);
    status = 500;
    code = 'PL_INTERNAL';
  }
  const page = renderPrintErrorPage({
    ctx,
    code,
    ...(field !== undefined ? { field } : {}),
    ...(message !== undefined ? { message } : {}),
  });
  reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-language', ctx.locale)
    .header('cache-control', 'no-store');
  if (ctx.negotiated) reply.header('vary', 'Accept-Language');
  return reply.send(page);
}
