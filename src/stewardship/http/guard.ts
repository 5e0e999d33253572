/**
 * What every page and route of the stewardship work needs from HTTP: who is signed in (read once
 * per request), the session cookie, and CSRF protection for every state-changing request.
 *
 * CSRF is a synchronizer token derived, not stored: HMAC(cookie secret, purpose), where the
 * secret is the session token (signed in) or a random pre-session cookie (signing in). Only a
 * page of this origin can read it into a form, and it dies with the session. Requests that a
 * browser marks as cross-site are refused before the token is even compared.
 */
import { createHmac } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PorchlightError } from '../../platform/errors.js';
import type { CsrfProtection } from '../../web/kit/page-scope.js';
import { lifetimes, type AccountDeps } from '../../accounts/deps.js';
import { resumeSession, type SignedIn } from '../../accounts/sessions.js';
import { isTokenShaped, newToken, sameSecret } from '../../accounts/tokens.js';

/** The form field and the header that carry the CSRF token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface StewardshipGuard {
  /** The signed-in person of a request, or undefined (resolved once per request). */
  signedIn(request: FastifyRequest): Promise<SignedIn | undefined>;
  /** The signed-in person, or PL_SIGN_IN_REQUIRED. */
  requireSignedIn(request: FastifyRequest): Promise<SignedIn>;
  /** The CSRF token for this request's forms; sets the pre-session cookie when it needs one. */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** Throws PL_CSRF_REJECTED unless the request is same-site and carries the right token. */
  checkCsrf(request: FastifyRequest): void;
  /** Sets the session cookie after a sign-in, and drops the pre-session one. */
  setSessionCookie(reply: FastifyReply, token: string): void;
  clearSessionCookie(reply: FastifyReply): void;
  /** The raw session token of a request (to tell "this device" in the session list). */
  sessionToken(request: FastifyRequest): string | undefined;
}

/** The guard's CSRF check and tokens, as the page kit asks for them. */
export function guardCsrf(guard: StewardshipGuard): CsrfProtection {
  return {
    token: (request, reply) => guard.csrfToken(request, reply),
    check: (request) => guard.checkCsrf(request),
  };
}

/** Cookie names and flags: `__Host-` names and Secure when the site is served over https. */
export function cookieSettings(publicUrl: string) {
  const secure = new URL(publicUrl).protocol === 'https:';
  const prefix = secure ? '__Host-' : '';
  return {
    session: `${prefix}pl_session`,
    preSession: `${prefix}pl_presession`,
    options: { path: '/', httpOnly: true, sameSite: 'lax' as const, secure },
  };
}

/** Builds the guard for a site. */
export function createGuard(
  deps: Pick<AccountDeps, 'repos' | 'clock' | 'publicUrl'>,
): StewardshipGuard {
  const cookies = cookieSettings(deps.publicUrl);
  const origin = new URL(deps.publicUrl).origin;
  const resolved = new WeakMap<FastifyRequest, Promise<SignedIn | undefined>>();
  /** A pre-session secret minted during this request, before the browser has the cookie. */
  const minted = new WeakMap<FastifyRequest, string>();

  const sessionToken = (request: FastifyRequest) => {
    const value = request.cookies[cookies.session];
    return isTokenShaped(value) ? value : undefined;
  };

  const secretOf = (request: FastifyRequest): string | undefined => {
    const pre = request.cookies[cookies.preSession];
    return sessionToken(request) ?? (isTokenShaped(pre) ? pre : undefined) ?? minted.get(request);
  };

  const guard: StewardshipGuard = {
    signedIn(request) {
      let found = resolved.get(request);
      if (found === undefined) {
        found = resumeSession(deps, sessionToken(request));
        resolved.set(request, found);
      }
      return found;
    },

    async requireSignedIn(request) {
      const who = await guard.signedIn(request);
      if (who === undefined) throw new PorchlightError('PL_SIGN_IN_REQUIRED');
      return who;
    },

    csrfToken(request, reply) {
      let secret = secretOf(request);
      if (secret === undefined) {
        secret = newToken();
        minted.set(request, secret);
        reply.setCookie(cookies.preSession, secret, cookies.options);
      }
      return derive(secret);
    },

    checkCsrf(request) {
      // Browsers say where a request came from; a cross-site post is refused outright. Under
      // `Referrer-Policy: no-referrer` a same-origin form sends `Origin: null`: not a verdict.
      const site = request.headers['sec-fetch-site'];
      const from = request.headers.origin;
      if (site === 'cross-site' || (from !== undefined && from !== 'null' && from !== origin))
        throw new PorchlightError('PL_CSRF_REJECTED');
      const secret = secretOf(request);
      const body = request.body as Record<string, unknown> | undefined;
      const sent = request.headers[CSRF_HEADER] ?? body?.[CSRF_FIELD];
      if (secret === undefined || typeof sent !== 'string' || !sameSecret(sent, derive(secret)))
        throw new PorchlightError('PL_CSRF_REJECTED');
    },

    setSessionCookie(reply, token) {
      reply.setCookie(cookies.session, token, {
        ...cookies.options,
        maxAge: Math.floor(lifetimes.sessionMs / 1000),
      });
      reply.clearCookie(cookies.preSession, cookies.options);
    },

    clearSessionCookie(reply) {
      reply.clearCookie(cookies.session, cookies.options);
    },

    sessionToken,
  };
  return guard;
}

function derive(secret: string): string {
  return createHmac('sha256', secret).update('porchlight csrf v1').digest('base64url');
}
