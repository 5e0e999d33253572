/**
 * Where a failed request becomes a response: the only `setErrorHandler`s of the server. What
 * a failure is (status, stable code, message, field) is decided once, by the platform's
 * `errorResponse`; here it is said, as JSON `{ error: { code, message, field?, candidates? } }`
 * for the API and as a page in the reader's language for a scope of pages. Both take the
 * status from that one mapping, so a code answers the same status on either side.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import {
  errorBody,
  errorResponse,
  type ErrorResponse,
} from '../../platform/http/error-response.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { PageContext } from '../page-context.js';
import { redirectInLanguage, sendErrorPage, sendPage } from './send.js';

/**
 * Answers the JSON API's failures and unknown paths with the error body. Called once on the
 * root server before any route is added; page scopes answer theirs with pages.
 */
export function answerApiErrors(server: HttpServer): void {
  server.setErrorHandler((error, request, reply) => {
    const failure = errorResponse(error, request);
    return reply.status(failure.status).send(errorBody(failure));
  });
  server.setNotFoundHandler((request, reply) =>
    reply.status(404).send(
      errorBody({
        code: 'PL_NOT_FOUND',
        message: `Nothing is at ${request.method} ${request.url.split('?')[0]}.`,
      }),
    ),
  );
}

export interface PageErrorOptions {
  /** The page context of a request, to answer in its language. */
  ctxOf: (request: FastifyRequest) => PageContext;
  /** A scope's own error page (print's); the catalogue's error page unless given. */
  errorPage?: (ctx: PageContext, failure: ErrorResponse) => VNode;
}

/**
 * Answers a scope's failures with a page: the failure's status and stable code, the words of
 * its code in the reader's language. "Sign in first" is a redirect to the sign-in page.
 */
export function answerPageErrors(scope: HttpServer, options: PageErrorOptions): void {
  scope.setErrorHandler((error, request, reply) => sendPageFailure(options, error, request, reply));
}

function sendPageFailure(
  options: PageErrorOptions,
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const ctx = options.ctxOf(request);
  const failure = errorResponse(error, request);
  if (failure.code === 'PL_SIGN_IN_REQUIRED') return redirectInLanguage(reply, ctx, '/sign-in');
  if (options.errorPage !== undefined)
    return sendPage(reply, ctx, options.errorPage(ctx, failure), {
      status: failure.status,
      cache: 'no-store',
    });
  return sendErrorPage(reply, ctx, failure);
}
