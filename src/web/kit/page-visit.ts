/**
 * A page request once entered: its page context, its form, and how to answer it, bound to the
 * request so a handler says only what is its own. An entrance adds what a page opens before it
 * renders (a center for its staff, a ride program for its coordinator) and checks the role, so
 * every page behind the same door opens it the same way.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { PageContext } from '../page-context.js';
import type { FormFields, FormPageProps, PageKit } from './page-scope.js';

/** How a page is sent: 200 and the scope's cache policy unless given. */
export interface SendPageOptions {
  status?: number;
  cache?: string;
}

export interface PageVisit {
  request: FastifyRequest;
  reply: FastifyReply;
  ctx: PageContext;
  /** The posted form, or an empty one. */
  form: FormFields;
  /** The query string's parameters (what a page without a query schema reads). */
  query: Record<string, unknown>;
  /**
   * The CSRF token for this page's forms, made when asked (a visit that redirects sets no
   * token); throws when the scope has no CSRF protection.
   */
  csrf: () => string;
  /** Sends a page in the visit's language. */
  send: (page: VNode, options?: SendPageOptions) => FastifyReply;
  /** Sends a page that holds forms, given its props without the context and the token. */
  sendForm: <P extends FormPageProps>(
    Page: (props: P) => VNode,
    props: Omit<P, keyof FormPageProps>,
    options?: SendPageOptions,
  ) => FastifyReply;
  /** A 303 to a page of the site, in the visit's language (post/redirect/get). */
  redirect: (path: string) => FastifyReply;
}

/**
 * What a page opens before it renders, from the visit and what the route names (a slug, a
 * permission); it throws the catalogue's error when the person may not (sign in first, 404).
 */
export type Opener<A extends unknown[], T extends object> = (
  visit: PageVisit,
  ...args: A
) => Promise<T>;

/** Enters a page request with what its door opens: {@link PageKit.entrance}. */
export type Entrance<A extends unknown[], T extends object> = (
  request: FastifyRequest,
  reply: FastifyReply,
  ...args: A
) => Promise<PageVisit & T>;

/** The visit of a request in a scope. */
export function visitOf(kit: PageKit, request: FastifyRequest, reply: FastifyReply): PageVisit {
  const ctx = kit.ctxOf(request);
  return {
    request,
    reply,
    ctx,
    form: kit.form(request),
    query: (request.query ?? {}) as Record<string, unknown>,
    csrf: () => kit.csrfToken(request, reply),
    send: (page, options) => kit.send(reply, ctx, page, options),
    sendForm: (Page, props, options) => kit.sendForm(request, reply, ctx, Page, props, options),
    redirect: (path) => kit.redirect(reply, ctx, path),
  };
}

/** An entrance: the visit, then what `open` opens for it. */
export function entranceOf<A extends unknown[], T extends object>(
  kit: PageKit,
  open: Opener<A, T>,
): Entrance<A, T> {
  return async (request, reply, ...args) => {
    const visit = visitOf(kit, request, reply);
    return { ...visit, ...(await open(visit, ...args)) };
  };
}
