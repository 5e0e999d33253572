/**
 * The stewardship pages (sign-in, account, service bodies, audit log) and the JSON endpoints the
 * passkey script calls. Routes parse, check CSRF, call the services and render; every rule
 * about who may do what lives in the services.
 */
import cookie from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { PorchlightError } from '../../platform/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import { isLocale } from '../../web/i18n/locales.js';
import { registerPageScope, type PageKit } from '../../web/kit/page-scope.js';
import { authorize, isAdministrator, requireAuthorized } from '../authorize.js';
import { PASSKEY_SCRIPT, PASSKEY_SCRIPT_PATH } from '../../accounts/client/passkey-script.js';
import type { AccountDeps } from '../../accounts/deps.js';
import { deviceLabel } from '../../accounts/device-label.js';
import { AccountPage } from '../pages/account-page.js';
import { AuditPage, ServiceBodiesPage, ServiceBodyPage } from '../pages/admin-pages.js';
import { SignInPage, SignInSentPage, VerifyPage } from '../pages/sign-in-pages.js';
import {
  passkeyCreationOptions,
  passkeyRequestOptions,
  registerPasskey,
  removePasskey,
  signInWithPasskey,
} from '../../accounts/passkeys.js';
import { parseEmail } from '../../accounts/people.js';
import { grantRole, grantsOnServiceBody, parseGrantInput, revokeRole } from '../roles.js';
import {
  createServiceBody,
  deleteServiceBody,
  getServiceBody,
  listServiceBodies,
  parseServiceBodyInput,
  updateServiceBody,
} from '../service-bodies.js';
import { endAllSessions, endSession, listSessions } from '../../accounts/sessions.js';
import {
  isSignInLinkLive,
  redeemSignInLink,
  requestSignInLink,
} from '../../accounts/sign-in-links.js';
import { emailFingerprint } from '../../accounts/tokens.js';
import {
  MemoryAttempts,
  RedisAttempts,
  type AttemptCounter,
  type LimitStore,
} from '../../platform/http/shared-limits.js';
import { createGuard, guardCsrf, type StewardshipGuard } from './guard.js';

/** How many sign-in attempts are accepted per window; tests lower them. */
export interface SignInLimits {
  perIp: number;
  perEmail: number;
  timeWindowMs: number;
}

export const defaultSignInLimits: SignInLimits = {
  perIp: 10,
  perEmail: 5,
  timeWindowMs: 15 * 60_000,
};

export interface StewardshipWebDeps extends AccountDeps {
  limits?: SignInLimits;
  /** Where failures of work done after the response (sending mail) are reported. */
  onBackgroundError?: (error: unknown) => void;
  /** Redis shared by every instance, for the per-email count; this process's memory without. */
  limitStore?: LimitStore;
}

const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const grantParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  grantId: Type.String({ minLength: 1, maxLength: 64 }),
});
const b64 = (max: number) => Type.String({ maxLength: max, pattern: '^[A-Za-z0-9_-]*$' });
const registrationBody = Type.Object({
  id: b64(1400),
  rawId: b64(1400),
  type: Type.String({ maxLength: 32 }),
  response: Type.Object({
    clientDataJSON: b64(4096),
    attestationObject: b64(16384),
    transports: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 8 })),
  }),
});
const authenticationBody = Type.Object({
  id: b64(1400),
  rawId: b64(1400),
  type: Type.String({ maxLength: 32 }),
  response: Type.Object({
    clientDataJSON: b64(4096),
    authenticatorData: b64(4096),
    signature: b64(1024),
    userHandle: Type.Optional(Type.Union([b64(128), Type.Null()])),
  }),
});
const localeQuery = Type.Object({ locale: Type.Optional(Type.String({ maxLength: 8 })) });

/** Registers the cookie parser, the passkey script, the pages and the passkey endpoints. */
export function registerStewardshipRoutes(
  server: HttpServer,
  deps: StewardshipWebDeps,
): StewardshipGuard {
  const guard = createGuard(deps);
  const limits = deps.limits ?? defaultSignInLimits;
  const pending = new Set<Promise<unknown>>();
  const background = (work: Promise<unknown>) => {
    const tracked = work.catch((error: unknown) => deps.onBackgroundError?.(error));
    pending.add(tracked);
    void tracked.finally(() => pending.delete(tracked));
  };
  void server.register(cookie);
  server.addHook('onClose', async () => {
    await Promise.all(pending);
  });

  server.get(PASSKEY_SCRIPT_PATH, { schema: { hide: true } }, (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(PASSKEY_SCRIPT),
  );

  const perEmail: AttemptCounter =
    deps.limitStore === undefined
      ? new MemoryAttempts(limits.perEmail, limits.timeWindowMs, deps.clock)
      : new RedisAttempts(
          deps.limitStore,
          'porchlight-limit-sign-in-email:',
          limits.perEmail,
          limits.timeWindowMs,
          (error) => deps.onBackgroundError?.(error),
        );
  registerPageScope(
    server,
    { publicUrl: deps.publicUrl, formLimit: 16_384, csrf: guardCsrf(guard) },
    (scope, kit) => registerPages(scope, kit, { deps, guard, limits, background, perEmail }),
  );

  registerPasskeyEndpoints(server, deps, guard, limits);
  return guard;
}

interface PageDeps {
  deps: StewardshipWebDeps;
  guard: StewardshipGuard;
  limits: SignInLimits;
  background: (work: Promise<unknown>) => void;
  perEmail: AttemptCounter;
}

function registerPages(
  scope: HttpServer,
  kit: PageKit,
  { deps, guard, limits, background, perEmail }: PageDeps,
): void {
  // Per client address, one count per action across `/`, `/en/` and `/es/`, not one per path.
  const perIp = { max: limits.perIp, timeWindowMs: limits.timeWindowMs };
  const ipLimits = { signIn: kit.limit('signIn', perIp), redeem: kit.limit('redeem', perIp) };
  const { ctxOf, csrf, form } = kit;
  const page = { schema: { hide: true } };

  scope.get('/sign-in', page, async (request, reply) => {
    const ctx = ctxOf(request);
    if ((await guard.signedIn(request)) !== undefined) return kit.redirect(reply, ctx, '/account');
    return kit.sendForm(request, reply, ctx, SignInPage, {});
  });

  scope.post(
    '/sign-in',
    {
      ...page,
      onRequest: ipLimits.signIn,
      preHandler: csrf,
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      let email: string;
      try {
        email = parseEmail(form(request).email);
      } catch {
        const typed = text(form(request).email).slice(0, 254);
        return kit.sendForm(
          request,
          reply,
          ctx,
          SignInPage,
          { invalidEmail: true, email: typed },
          { status: 400 },
        );
      }
      // Keyed by a fingerprint of the address, so the limiter's memory holds no email.
      if (!(await perEmail.attempt(emailFingerprint(email))))
        throw new PorchlightError('PL_RATE_LIMITED');
      // Sent after the answer, so how long the answer takes says nothing about the account.
      background(
        requestSignInLink(deps, email, `${deps.publicUrl}/${ctx.locale}/sign-in/verify`, (url) => ({
          subject: ctx.t('account.mail.subject'),
          text: ctx.t('account.mail.body', { link: url, site: deps.publicUrl }),
        })),
      );
      return kit.redirect(reply, ctx, '/sign-in/sent');
    },
  );

  scope.get('/sign-in/sent', page, (request, reply) => {
    const ctx = ctxOf(request);
    return kit.send(reply, ctx, <SignInSentPage ctx={ctx} />);
  });

  scope.get(
    '/sign-in/verify',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 64 })) }),
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const { token } = request.query;
      if (!(await isSignInLinkLive(deps, token)) || token === undefined)
        return kit.sendError(reply, ctx, 'PL_SIGN_IN_LINK_INVALID');
      return kit.sendForm(request, reply, ctx, VerifyPage, { token });
    },
  );

  scope.post(
    '/sign-in/verify',
    { ...page, onRequest: ipLimits.redeem, preHandler: csrf },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const { token } = await redeemSignInLink(
        deps,
        form(request).token,
        deviceLabel(request.headers['user-agent']),
      );
      guard.setSessionCookie(reply, token);
      return kit.redirect(reply, ctx, '/account');
    },
  );

  scope.post('/sign-out', { ...page, preHandler: csrf }, async (request, reply) => {
    const ctx = ctxOf(request);
    const who = await guard.signedIn(request);
    if (who !== undefined) await endSession(deps, who.person.id, who.session.id);
    guard.clearSessionCookie(reply);
    return kit.redirect(reply, ctx, '/sign-in');
  });

  scope.get('/account', page, async (request, reply) => {
    const ctx = ctxOf(request);
    const who = await guard.requireSignedIn(request);
    const [sessions, passkeys, bodies] = await Promise.all([
      listSessions(deps, who.person.id),
      deps.repos.accounts.passkeysOf(who.person.id),
      listServiceBodies(deps),
    ]);
    return kit.sendForm(request, reply, ctx, AccountPage, {
      person: who.person,
      grants: who.actor.grants,
      bodies,
      sessions,
      currentSessionId: who.session.id,
      passkeys,
    });
  });

  scope.post(
    '/account/sessions/:id/end',
    { schema: { hide: true, params: idParams }, preHandler: csrf },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const who = await guard.requireSignedIn(request);
      await endSession(deps, who.person.id, request.params.id);
      if (request.params.id !== who.session.id) return kit.redirect(reply, ctx, '/account');
      guard.clearSessionCookie(reply);
      return kit.redirect(reply, ctx, '/sign-in');
    },
  );

  scope.post(
    '/account/sign-out-everywhere',
    { ...page, preHandler: csrf },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const who = await guard.requireSignedIn(request);
      await endAllSessions(deps, who.person.id);
      guard.clearSessionCookie(reply);
      return kit.redirect(reply, ctx, '/sign-in');
    },
  );

  scope.post(
    '/account/passkeys/:id/remove',
    { schema: { hide: true, params: idParams }, preHandler: csrf },
    async (request, reply) => {
      const who = await guard.requireSignedIn(request);
      await removePasskey(deps, who.person.id, request.params.id);
      return kit.redirect(reply, ctxOf(request), '/account');
    },
  );

  scope.get('/admin/service-bodies', page, async (request, reply) => {
    const ctx = ctxOf(request);
    const { actor } = await guard.requireSignedIn(request);
    const bodies = await listServiceBodies(deps);
    const creatable = [
      ...(authorize(actor, 'service_body.create', { kind: 'service_body', path: [] }) ? [''] : []),
      ...bodies
        .filter((b) =>
          authorize(actor, 'service_body.create', { kind: 'service_body', path: b.path }),
        )
        .map((b) => b.id),
    ];
    return kit.sendForm(request, reply, ctx, ServiceBodiesPage, {
      bodies,
      creatableParents: creatable,
      isAdministrator: isAdministrator(actor),
    });
  });

  scope.post('/admin/service-bodies', { ...page, preHandler: csrf }, async (request, reply) => {
    const { actor } = await guard.requireSignedIn(request);
    const body = await createServiceBody(deps, actor, parseServiceBodyInput(form(request)));
    return kit.redirect(reply, ctxOf(request), `/admin/service-bodies/${body.id}`);
  });

  scope.get(
    '/admin/service-bodies/:id',
    { schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const { actor } = await guard.requireSignedIn(request);
      const body = await getServiceBody(deps, request.params.id);
      const bodies = await listServiceBodies(deps);
      const target = { kind: 'service_body', path: body.path } as const;
      const parents = [
        ...(authorize(actor, 'service_body.create', { kind: 'service_body', path: [] }) ||
        body.parentId === undefined
          ? ['']
          : []),
        ...bodies
          .filter(
            (b) =>
              b.id === body.parentId ||
              authorize(actor, 'service_body.create', { kind: 'service_body', path: b.path }),
          )
          .map((b) => b.id),
      ];
      return kit.sendForm(request, reply, ctx, ServiceBodyPage, {
        body,
        bodies,
        grants: await grantsOnServiceBody(deps, actor, body.id),
        canEdit: authorize(actor, 'service_body.update', target),
        canDelete: authorize(actor, 'service_body.delete', target),
        canGrant: authorize(actor, 'role.grant', {
          kind: 'grant',
          path: body.path,
          role: 'editor',
        }),
        parents,
      });
    },
  );

  scope.post(
    '/admin/service-bodies/:id',
    { schema: { hide: true, params: idParams }, preHandler: csrf },
    async (request, reply) => {
      const { actor } = await guard.requireSignedIn(request);
      await updateServiceBody(deps, actor, request.params.id, parseServiceBodyInput(form(request)));
      return kit.redirect(reply, ctxOf(request), `/admin/service-bodies/${request.params.id}`);
    },
  );

  scope.post(
    '/admin/service-bodies/:id/delete',
    { schema: { hide: true, params: idParams }, preHandler: csrf },
    async (request, reply) => {
      const { actor } = await guard.requireSignedIn(request);
      await deleteServiceBody(deps, actor, request.params.id);
      return kit.redirect(reply, ctxOf(request), '/admin/service-bodies');
    },
  );

  scope.post(
    '/admin/service-bodies/:id/grants',
    { schema: { hide: true, params: idParams }, preHandler: csrf },
    async (request, reply) => {
      const { actor } = await guard.requireSignedIn(request);
      const input = form(request);
      const grant = parseGrantInput({
        role: input.role,
        serviceBodyId: request.params.id,
        groupKey: input.groupKey,
      });
      await grantRole(deps, actor, text(input.email), grant);
      return kit.redirect(reply, ctxOf(request), `/admin/service-bodies/${request.params.id}`);
    },
  );

  scope.post(
    '/admin/service-bodies/:id/grants/:grantId/revoke',
    { schema: { hide: true, params: grantParams }, preHandler: csrf },
    async (request, reply) => {
      const { actor } = await guard.requireSignedIn(request);
      await revokeRole(deps, actor, request.params.grantId);
      return kit.redirect(reply, ctxOf(request), `/admin/service-bodies/${request.params.id}`);
    },
  );

  scope.get('/admin/audit', page, async (request, reply) => {
    const ctx = ctxOf(request);
    const { actor } = await guard.requireSignedIn(request);
    requireAuthorized(actor, 'audit.read', { kind: 'site' });
    const entries = await deps.repos.audit.recent(200);
    return kit.send(reply, ctx, <AuditPage ctx={ctx} entries={entries} />);
  });
}

function registerPasskeyEndpoints(
  api: HttpServer,
  deps: StewardshipWebDeps,
  guard: StewardshipGuard,
  limits: SignInLimits,
): void {
  const ipLimit = {
    rateLimit: { max: limits.perIp * 3, timeWindow: limits.timeWindowMs },
  };
  const csrf = (request: FastifyRequest) => {
    guard.checkCsrf(request);
    return Promise.resolve();
  };
  const next = (locale: string | undefined) =>
    `/${locale !== undefined && isLocale(locale) ? locale : 'en'}/account`;

  api.post(
    '/api/v1/sign-in/passkey/options',
    { schema: { hide: true }, config: ipLimit, preHandler: csrf },
    () => passkeyRequestOptions(deps),
  );

  api.post(
    '/api/v1/sign-in/passkey',
    {
      schema: { hide: true, body: authenticationBody, querystring: localeQuery },
      config: ipLimit,
      preHandler: csrf,
    },
    async (request, reply) => {
      const { token } = await signInWithPasskey(
        deps,
        request.body,
        deviceLabel(request.headers['user-agent']),
      );
      guard.setSessionCookie(reply, token);
      return { next: next(request.query.locale) };
    },
  );

  api.post(
    '/api/v1/account/passkeys/options',
    { schema: { hide: true }, preHandler: csrf },
    async (request) => {
      const { person } = await guard.requireSignedIn(request);
      return passkeyCreationOptions(deps, person, 'Porchlight');
    },
  );

  api.post(
    '/api/v1/account/passkeys',
    { schema: { hide: true, body: registrationBody, querystring: localeQuery }, preHandler: csrf },
    async (request) => {
      const { person } = await guard.requireSignedIn(request);
      await registerPasskey(deps, person, request.body);
      return { next: next(request.query.locale) };
    },
  );
}

/** A form field as text ('' when absent: url-encoded forms carry only strings). */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
