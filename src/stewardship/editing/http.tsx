/**
 * What the editing, history, review and suggestion pages share over HTTP: their own plugin scope
 * (form parsing that keeps repeated fields, rate limits, an error handler that answers with a
 * page and a stable code), the sign-in guard and CSRF check of the accounts pages, and sending.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { errorCatalogue, isPorchlightError, type ErrorCode } from '../../platform/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import { locales } from '../../web/i18n/locales.js';
import type { MessageId } from '../../web/i18n/translator.js';
import { link, type PageContext } from '../../web/page-context.js';
import { renderPage } from '../../web/render-page.js';
import { ErrorPage } from '../../web/simple-pages.js';
import type { StewardshipGuard } from '../http/guard.js';
import { stewardshipContext } from '../http/page-context.js';
import type { Actor } from '../model.js';
import type { ChangeRequestDeps } from '../change-requests/submit-request.js';
import type { FormInput } from './meeting-form.js';
import { logUnexpected, rateLimitPluginOptions } from '../../platform/http/client-key.js';

export interface EditingWebDeps extends ChangeRequestDeps {
  guard: StewardshipGuard;
  /** Public suggestions accepted per client address per window (tests raise or lower it). */
  suggestLimit?: { max: number; timeWindowMs: number };
}

/** What each page registration is handed. */
export interface PageKit {
  deps: EditingWebDeps;
  ctxOf: (request: FastifyRequest) => PageContext;
  /** The signed-in actor, or PL_SIGN_IN_REQUIRED (which becomes a redirect to sign in). */
  actorOf: (request: FastifyRequest) => Promise<Actor>;
  form: (request: FastifyRequest) => FormInput;
  csrfToken: (request: FastifyRequest, reply: FastifyReply) => string;
  /** A preHandler refusing posts without this site's CSRF token. */
  csrf: (request: FastifyRequest) => Promise<void>;
  send: (reply: FastifyReply, ctx: PageContext, page: VNode, status?: number) => FastifyReply;
  redirect: (reply: FastifyReply, ctx: PageContext, path: string) => FastifyReply;
}

/** Registers pages in their own scope, unprefixed and under each language prefix. */
export function registerEditingScope(
  server: HttpServer,
  deps: EditingWebDeps,
  register: (scope: HttpServer, kit: PageKit) => void,
): void {
  const kit: PageKit = {
    deps,
    ctxOf: (request) => stewardshipContext(request, deps.publicUrl),
    actorOf: async (request) => (await deps.guard.requireSignedIn(request)).actor,
    form: (request) => (request.body ?? {}) as FormInput,
    csrfToken: (request, reply) => deps.guard.csrfToken(request, reply),
    csrf: (request) => {
      deps.guard.checkCsrf(request);
      return Promise.resolve();
    },
    send: sendPage,
    redirect: (reply, ctx, path) => reply.redirect(link(ctx, path), 303),
  };
  void server.register(async (scope) => {
    await scope.register(rateLimit, rateLimitPluginOptions);
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 65_536 },
      (_request, body, done) => done(null, parseForm(String(body))),
    );
    scope.setErrorHandler((error: FastifyError, request, reply) =>
      sendFailure(reply, kit.ctxOf(request), error, request),
    );
    register(scope, kit);
    for (const locale of locales) {
      await scope.register(
        (prefixed, _options, done) => {
          register(prefixed, kit);
          done();
        },
        { prefix: `/${locale}` },
      );
    }
  });
}

/** A url-encoded body; a repeated name (checkboxes) gives a list. No prototype keys. */
export function parseForm(body: string): FormInput {
  const out = Object.create(null) as FormInput;
  for (const [key, value] of new URLSearchParams(body)) {
    const current = out[key];
    out[key] =
      current === undefined
        ? value
        : Array.isArray(current)
          ? [...current, value]
          : [current, value];
  }
  return out;
}

function sendPage(reply: FastifyReply, ctx: PageContext, page: VNode, status = 200): FastifyReply {
  reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-language', ctx.locale)
    // Forms with tokens and pages for signed-in people: never stored by any cache.
    .header('cache-control', 'no-store');
  if (ctx.negotiated) reply.header('vary', 'Accept-Language');
  return reply.send(renderPage(page));
}

const pages: Partial<Record<ErrorCode, [MessageId, MessageId]>> = {
  PL_FORBIDDEN: ['account.error.forbidden.title', 'account.error.forbidden.body'],
  PL_CSRF_REJECTED: ['account.error.csrf.title', 'account.error.csrf.body'],
  PL_RATE_LIMITED: ['error.rateLimited.title', 'error.rateLimited.body'],
  PL_MEETING_NOT_FOUND: ['error.meetingNotFound.title', 'error.meetingNotFound.body'],
  PL_FORM_TOO_FAST: ['edit.error.tooFast.title', 'edit.error.tooFast.body'],
  PL_FORM_EXPIRED: ['edit.error.expired.title', 'edit.error.expired.body'],
  PL_NOTHING_CHANGED: ['edit.error.nothing.title', 'edit.error.nothing.body'],
  PL_INVALID_EMAIL: ['account.error.invalid.title', 'account.signIn.invalidEmail'],
};

/** An error as a page with its stable code; "sign in first" is a redirect to sign in instead. */
function sendFailure(
  reply: FastifyReply,
  ctx: PageContext,
  error: FastifyError,
  request: FastifyRequest,
) {
  let code: ErrorCode;
  if (isPorchlightError(error)) code = error.code;
  else if (error.statusCode === 429) code = 'PL_RATE_LIMITED';
  else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    code = request.method === 'POST' ? 'PL_INVALID_BODY' : 'PL_INVALID_QUERY';
  else {
    logUnexpected(request, error);
    code = 'PL_INTERNAL';
  }
  if (code === 'PL_SIGN_IN_REQUIRED') return reply.redirect(link(ctx, '/sign-in'), 303);
  const status = errorCatalogue[code].status;
  const [title, body] =
    pages[code] ??
    (status === 404
      ? (['account.error.notFound.title', 'account.error.notFound.body'] as const)
      : status === 409
        ? (['edit.error.conflict.title', 'edit.error.conflict.body'] as const)
        : status >= 500
          ? (['error.internal.title', 'error.internal.body'] as const)
          : (['error.badRequest.title', 'error.badRequest.body'] as const));
  return sendPage(
    reply,
    ctx,
    <ErrorPage ctx={ctx} title={title} body={body} code={code} />,
    status,
  );
}
