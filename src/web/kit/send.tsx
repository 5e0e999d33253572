/** How a page, an error page and a redirect are sent: status, cache policy, language headers. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { ErrorCode, ErrorParams } from '../../platform/errors.js';
import { sendCachedBody, type CachedBody } from '../../platform/http/cached-body.js';
import { sendStreamedBody, type StreamedBodyOptions } from '../../platform/http/streamed-body.js';
import { errorMessage } from '../i18n/error-messages.js';
import { link, type PageContext } from '../page-context.js';
import { renderPage } from '../render-page.js';
import { ErrorPage } from '../simple-pages.js';
import { errorWords, hasOwnWords, type ErrorWords } from './error-pages.js';

export interface SendOptions {
  /** 200 unless given. */
  status?: number;
  /** The Cache-Control policy. */
  cache: string;
}

/**
 * The headers every answer in a language carries: its status, its cache policy, and its
 * language. The same unprefixed URL answers in English or Spanish, so caches key on
 * Accept-Language there.
 */
export function languageHeaders(
  reply: FastifyReply,
  ctx: PageContext,
  { status = 200, cache }: SendOptions,
): FastifyReply {
  reply.status(status).header('content-language', ctx.locale).header('cache-control', cache);
  if (ctx.negotiated) reply.header('vary', 'Accept-Language');
  return reply;
}

/** Sends a page as a complete HTML document. */
export function sendPage(
  reply: FastifyReply,
  ctx: PageContext,
  page: VNode,
  options: SendOptions,
): FastifyReply {
  return languageHeaders(reply, ctx, options)
    .type('text/html; charset=utf-8')
    .send(renderPage(page));
}

/**
 * Sends a page rendered earlier (a {@link PageCache}'s): with its ETag, 304 to a browser that
 * holds it, and compressed once for every request that takes the same encoding.
 */
export function sendKeptPage(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: PageContext,
  page: CachedBody,
  options: SendOptions,
): FastifyReply {
  return sendCachedBody(
    request,
    languageHeaders(reply, ctx, options).type('text/html; charset=utf-8'),
    page,
  );
}

/**
 * Sends a page as it is made: `chunks` yields the page's first part (head, form, first results)
 * and then makes the rest; see {@link sendStreamedBody}.
 */
export function sendStreamedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: PageContext,
  chunks: Iterator<string, void, undefined>,
  options: SendOptions & StreamedBodyOptions,
): FastifyReply {
  return sendStreamedBody(
    request,
    languageHeaders(reply, ctx, options).type('text/html; charset=utf-8'),
    chunks,
    options,
  );
}

/** A failure as the error page knows it: the catalogue's message and parameters when thrown. */
export interface PageFailure {
  status: number;
  code: ErrorCode;
  message?: string;
  params?: ErrorParams;
}

/**
 * Sends the error page of a code: its words from the one table (or the route's own, for an
 * error only it can explain), the stable code, never stored by a cache. A code that takes the
 * general words of its status also says its own message, in the reader's language; a failure
 * of ours (5xx) never says more than that something went wrong.
 */
export function sendErrorPage(
  reply: FastifyReply,
  ctx: PageContext,
  failure: PageFailure,
  words: ErrorWords = errorWords(failure.code, failure.status),
): FastifyReply {
  const [title, body] = words;
  const { message, params } = failure;
  const said =
    message !== undefined && failure.status < 500 && !hasOwnWords(failure.code)
      ? errorMessage(ctx.locale, { code: failure.code, message, params })
      : undefined;
  return sendPage(
    reply,
    ctx,
    <ErrorPage
      ctx={ctx}
      title={title}
      body={body}
      code={failure.code}
      {...(said !== undefined ? { message: said } : {})}
    />,
    {
      status: failure.status,
      cache: 'no-store',
    },
  );
}

/** A 303 to a page in the reader's language (post/redirect/get). */
export function redirectInLanguage(
  reply: FastifyReply,
  ctx: PageContext,
  path: string,
): FastifyReply {
  return reply.redirect(link(ctx, path), 303);
}
