/**
 * The scope of the editing, history, review, suggestion, verification and source pages: the
 * page kit (forms that keep repeated fields, rate limits, CSRF, error pages) with the sign-in
 * guard of the accounts pages, and the services' dependencies.
 */
import type { FastifyRequest } from 'fastify';
import type { HttpServer } from '../../platform/http/server.js';
import { registerPageScope, type PageKit } from '../../web/kit/page-scope.js';
import { guardCsrf, type StewardshipGuard } from '../http/guard.js';
import type { Actor } from '../../accounts/model.js';
import type { ChangeRequestDeps } from '../change-requests/submit-request.js';

export interface EditingWebDeps extends ChangeRequestDeps {
  guard: StewardshipGuard;
  /** Public suggestions accepted per client address per window (tests raise or lower it). */
  suggestLimit?: { max: number; timeWindowMs: number };
}

/** What each page registration of editing is handed: the page kit, the services' deps, who. */
export interface EditingKit extends PageKit {
  deps: EditingWebDeps;
  /** The signed-in actor, or PL_SIGN_IN_REQUIRED (which becomes a redirect to sign in). */
  actorOf: (request: FastifyRequest) => Promise<Actor>;
}

/** Registers the editing pages in their own scope, unprefixed and under each language prefix. */
export function registerEditingScope(
  server: HttpServer,
  deps: EditingWebDeps,
  register: (scope: HttpServer, kit: EditingKit) => void,
): void {
  const actorOf = async (request: FastifyRequest) =>
    (await deps.guard.requireSignedIn(request)).actor;
  registerPageScope(
    server,
    // A meeting form with its schedule rows and notes is larger than a sign-in form.
    { publicUrl: deps.publicUrl, formLimit: 65_536, csrf: guardCsrf(deps.guard) },
    (scope, kit) => register(scope, { ...kit, deps, actorOf }),
  );
}
