/**
 * The one way to register a scope of pages. A scope gets, once: @fastify/rate-limit for its
 * action limits, url-encoded form bodies (this scope only, so the JSON API keeps refusing
 * them), the error handler that turns any error into a page in the reader's language, and its
 * routes at the unprefixed path and under each language prefix. Routes receive a `PageKit`:
 * the request's page context, the form, CSRF, action limits, and how to send and redirect;
 * `kit.enter` binds them to one request, and `kit.entrance` adds what a family of pages opens.
 */
import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { errorCatalogue, type ErrorCode } from '../../platform/errors.js';
import {
  actionLimit,
  type ActionLimitHook,
  type ActionLimitOptions,
} from '../../platform/http/action-limit.js';
import type { ErrorResponse } from '../../platform/http/error-response.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { PageContext } from '../page-context.js';
import type { ErrorWords } from './error-pages.js';
import { answerPageErrors } from './error-handlers.js';
import { pageLocales } from './page-languages.js';
import { requestContext, type ContextSettings } from './request-context.js';
import { entranceOf, visitOf, type Entrance, type Opener, type PageVisit } from './page-visit.js';
import { redirectInLanguage, sendErrorPage, sendPage } from './send.js';

/** The fields of a url-encoded form: a repeated name (checkboxes) gives a list. */
export type FormFields = Record<string, string | string[] | undefined>;

/** The CSRF protection a scope of forms asks for (the accounts' guard provides it). */
export interface CsrfProtection {
  /** The token for this request's forms. */
  token: (request: FastifyRequest, reply: FastifyReply) => string;
  /** Throws PL_CSRF_REJECTED unless the request carries this site's token. */
  check: (request: FastifyRequest) => void;
}

export interface PageScopeOptions extends ContextSettings {
  /**
   * The largest url-encoded form the scope takes, in bytes (a larger one is a 413 page);
   * without it the scope takes no forms.
   */
  formLimit?: number;
  /** The Cache-Control of a page sent without its own; `no-store` unless given. */
  cache?: string;
  /** CSRF protection for the scope's forms; `kit.csrf` refuses every post without it. */
  csrf?: CsrfProtection;
  /**
   * Answer unknown paths under `/en/` and `/es/` with the not-found page. Only one scope may
   * (Fastify keeps one not-found handler per prefix); the public pages' scope does.
   */
  notFound?: boolean;
  /** A scope's own error page (print's); the catalogue's error page unless given. */
  errorPage?: (ctx: PageContext, failure: ErrorResponse) => VNode;
}

/** What each page registration of a scope is handed. */
export interface PageKit {
  /** The page context of a request (language, kept query, client settings). */
  ctxOf: (request: FastifyRequest) => PageContext;
  /** The posted form, or an empty one. */
  form: (request: FastifyRequest) => FormFields;
  /** The CSRF token to put in this page's forms. */
  csrfToken: (request: FastifyRequest, reply: FastifyReply) => string;
  /** A preHandler refusing posts without this site's CSRF token. */
  csrf: (request: FastifyRequest) => Promise<void>;
  /**
   * The `onRequest` hook of an action's rate limit, one count per client address whichever
   * language path the action is reached by: made on the first call with the action's name, the
   * same hook on every later call (the prefixed registrations).
   */
  limit: (action: string, options: ActionLimitOptions) => ActionLimitHook;
  /** Sends a page: 200 and the scope's cache policy unless given. */
  send: (
    reply: FastifyReply,
    ctx: PageContext,
    page: VNode,
    options?: { status?: number; cache?: string },
  ) => FastifyReply;
  /**
   * Sends the error page of a code with its catalogue status; the words are the table's unless
   * the route gives its own (for a failure only it can explain).
   */
  sendError: (
    reply: FastifyReply,
    ctx: PageContext,
    code: ErrorCode,
    words?: ErrorWords,
  ) => FastifyReply;
  /** A 303 to a page of the site, in the reader's language. */
  redirect: (reply: FastifyReply, ctx: PageContext, path: string) => FastifyReply;
  /**
   * Sends a page that holds forms: `Page` is given `props` with the page context and this
   * request's CSRF token, as {@link send} would send it.
   */
  sendForm: <P extends FormPageProps>(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    Page: (props: P) => VNode,
    props: Omit<P, keyof FormPageProps>,
    options?: { status?: number; cache?: string },
  ) => FastifyReply;
  /** Enters a page request: its context, form and answers, bound to it. */
  enter: (request: FastifyRequest, reply: FastifyReply) => PageVisit;
  /**
   * The door of a family of pages: `open` finds what they show and checks who asks (a center
   * and the staff's role, a coordinator's program); each handler then enters with one call.
   */
  entrance: <A extends unknown[], T extends object>(open: Opener<A, T>) => Entrance<A, T>;
}

/** What {@link PageKit.sendForm} gives every page with forms. */
export interface FormPageProps {
  ctx: PageContext;
  csrf: string;
}

/** Registers a scope of pages, unprefixed and under each language prefix. */
export function registerPageScope(
  server: HttpServer,
  options: PageScopeOptions,
  register: (scope: HttpServer, kit: PageKit) => void,
): void {
  void server.register(async (scope) => {
    if (options.formLimit !== undefined)
      await scope.register(formbody, { bodyLimit: options.formLimit });
    const kit = pageKit(scope, options);
    answerPageErrors(scope, {
      ctxOf: kit.ctxOf,
      ...(options.errorPage !== undefined ? { errorPage: options.errorPage } : {}),
    });
    register(scope, kit);
    for (const locale of pageLocales(server)) {
      await scope.register(
        (prefixed, _options, done) => {
          register(prefixed, kit);
          if (options.notFound === true)
            prefixed.setNotFoundHandler((request, reply) =>
              kit.sendError(reply, kit.ctxOf(request), 'PL_NOT_FOUND'),
            );
          done();
        },
        { prefix: `/${locale}` },
      );
    }
  });
}

function pageKit(scope: HttpServer, options: PageScopeOptions): PageKit {
  const limits = new Map<string, ActionLimitHook>();
  const cache = options.cache ?? 'no-store';
  const csrf = (): CsrfProtection => {
    if (options.csrf === undefined) throw new Error('This page scope has no CSRF protection.');
    return options.csrf;
  };
  const kit: PageKit = {
    ctxOf: (request) => requestContext(request, options),
    form: (request) => {
      const body = request.body;
      return typeof body === 'object' && body !== null ? (body as FormFields) : {};
    },
    csrfToken: (request, reply) => csrf().token(request, reply),
    csrf: (request) => {
      csrf().check(request);
      return Promise.resolve();
    },
    limit: (action, limitOptions) => {
      let hook = limits.get(action);
      if (hook === undefined) {
        // One per action for the scope, so every language prefix counts in the same place.
        hook = actionLimit(scope, action, limitOptions);
        limits.set(action, hook);
      }
      return hook;
    },
    send: (reply, ctx, page, sent = {}) => sendPage(reply, ctx, page, { cache, ...sent }),
    sendError: (reply, ctx, code, words) =>
      sendErrorPage(reply, ctx, { code, status: errorCatalogue[code].status }, words),
    redirect: redirectInLanguage,
    sendForm: (request, reply, ctx, Page, props, sent = {}) => {
      const page = h(Page as never, { ...props, ctx, csrf: csrf().token(request, reply) } as never);
      return sendPage(reply, ctx, page, { cache, ...sent });
    },
    enter: (request, reply) => visitOf(kit, request, reply),
    entrance: (open) => entranceOf(kit, open),
  };
  return kit;
}
