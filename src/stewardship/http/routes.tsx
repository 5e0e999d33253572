/**
 * The stewardship pages (sign-in, account, service bodies, audit log) and the JSON endpoints the
 * passkey script calls. Routes parse, check CSRF, call the services and render; every rule
 * about who may do what lives in the services.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { Type } from 'typebox';
import { isPorchlightError, PorchlightError, type ErrorCode } from '../../platform/errors.js';
import { actionLimit, type ActionLimitHook } from '../../platform/http/action-limit.js';
import type { HttpServer } from '../../platform/http/server.js';
import { isLocale, locales } from '../../web/i18n/locales.js';
import type { MessageId } from '../../web/i18n/translator.js';
import { link, type PageContext } from '../../web/page-context.js';
import { renderPage } from '../../web/render-page.js';
import { ErrorPage } from '../../web/simple-pages.js';
import { authorize, isAdministrator, requireAuthorized } from '../authorize.js';
import { PASSKEY_SCRIPT, PASSKEY_SCRIPT_PATH } from '../client/passkey-script.js';
import type { StewardshipDeps } from '../deps.js';
import { deviceLabel } from '../device-label.js';
import { AccountPage } from '../pages/account-page.js';
import { AuditPage, ServiceBodiesPage, ServiceBodyPage } from '../pages/admin-pages.js';
import { SignInPage, SignInSentPage, VerifyPage } from '../pages/sign-in-pages.js';
import {
  passkeyCreationOptions,
  passkeyRequestOptions,
  registerPasskey,
  removePasskey,
  signInWithPasskey,
} from '../passkeys.js';
import { parseEmail } from '../people.js';
import { grantRole, grantsOnServiceBody, parseGrantInput, revokeRole } from '../roles.js';
import {
  createServiceBody,
  deleteServiceBody,
  getServiceBody,
  listServiceBodies,
  parseServiceBodyInput,
  updateServiceBody,
} from '../service-bodies.js';
import { endAllSessions, endSession, listSessions } from '../sessions.js';
import { isSignInLinkLive, redeemSignInLink, requestSignInLink } from '../sign-in-links.js';
import { emailFingerprint } from '../tokens.js';
import { AttemptLimiter } from './attempt-limiter.js';
import { createGuard, type StewardshipGuard } from './guard.js';
import { stewardshipContext } from './page-context.js';
import { logUnexpected, rateLimitPluginOptions } from '../../platform/http/client-key.js';

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

export interface StewardshipWebDeps extends StewardshipDeps {
  limits?: SignInLimits;
  /** Where failures of work done after the response (sending mail) are reported. */
  onBackgroundError?: (error: unknown) => void;
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

  void server.register(async (scope) => {
    await scope.register(rateLimit, rateLimitPluginOptions);
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16_384 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.setErrorHandler((error: FastifyError, request, reply) =>
      sendFailure(reply, stewardshipContext(request, deps.publicUrl), error, request),
    );
    const perEmail = new AttemptLimiter(limits.perEmail, limits.timeWindowMs, deps.clock);
    // One count per action across `/`, `/en/` and `/es/`, not one per path.
    const perIp = { max: limits.perIp, timeWindowMs: limits.timeWindowMs };
    const ipLimits = {
      signIn: actionLimit(scope, perIp),
      redeem: actionLimit(scope, perIp),
    };
    const pages = { deps, guard, ipLimits, background, perEmail };
    registerPages(scope, pages);
    for (const locale of locales) {
      await scope.register(
        (prefixed, _options, done) => {
          registerPages(prefixed, pages);
          done();
        },
        { prefix: `/${locale}` },
      );
    }
  });

  void server.register(async (api) => {
    await api.register(rateLimit, rateLimitPluginOptions);
    registerPasskeyEndpoints(api, deps, guard, limits);
  });
  return guard;
}

interface PageDeps {
  deps: StewardshipWebDeps;
  guard: StewardshipGuard;
  /** Per client address: asking for a sign-in link, and redeeming one. */
  ipLimits: { signIn: ActionLimitHook; redeem: ActionLimitHook };
  background: (work: Promise<unknown>) => void;
  perEmail: AttemptLimiter;
}

function registerPages(
  scope: HttpServer,
  { deps, guard, ipLimits, background, perEmail }: PageDeps,
): void {
  const ctxOf = (request: FastifyRequest) => stewardshipContext(request, deps.publicUrl);
  const csrf = (request: FastifyRequest) => {
    guard.checkCsrf(request);
    return Promise.resolve();
  };
  const form = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
  const page = { schema: { hide: true } };

  scope.get('/sign-in', page, async (request, reply) => {
    const ctx = ctxOf(request);
    if ((await guard.signedIn(request)) !== undefined)
      return reply.redirect(link(ctx, '/account'), 303);
    return sendPage(reply, ctx, <SignInPage ctx={ctx} csrf={guard.csrfToken(request, reply)} />);
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
        return sendPage(
          reply,
          ctx,
          <SignInPage
            ctx={ctx}
            csrf={guard.csrfToken(request, reply)}
            invalidEmail
            email={typed}
          />,
          400,
        );
      }
      // Keyed by a fingerprint of the address, so the limiter's memory holds no email.
      if (!perEmail.attempt(emailFingerprint(email))) throw new PorchlightError('PL_RATE_LIMITED');
      // Sent after the answer, so how long the answer takes says nothing about the account.
      background(
        requestSignInLink(deps, email, `${deps.publicUrl}/${ctx.locale}/sign-in/verify`, (url) => ({
          subject: ctx.t('account.mail.subject'),
          text: ctx.t('account.mail.body', { link: url, site: deps.publicUrl }),
        })),
      );
      return reply.redirect(link(ctx, '/sign-in/sent'), 303);
    },
  );

  scope.get('/sign-in/sent', page, (request, reply) => {
    const ctx = ctxOf(request);
    return sendPage(reply, ctx, <SignInSentPage ctx={ctx} />);
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
        return sendFailure(reply, ctx, 'PL_SIGN_IN_LINK_INVALID', request);
      return sendPage(
        reply,
        ctx,
        <VerifyPage ctx={ctx} token={token} csrf={guard.csrfToken(request, reply)} />,
      );
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
      return reply.redirect(link(ctx, '/account'), 303);
    },
  );

  scope.post('/sign-out', { ...page, preHandler: csrf }, async (request, reply) => {
    const ctx = ctxOf(request);
    const who = await guard.signedIn(request);
    if (who !== undefined) await endSession(deps, who.person.id, who.session.id);
    guard.clearSessionCookie(reply);
    return reply.redirect(link(ctx, '/sign-in'), 303);
  });

  scope.get('/account', page, async (request, reply) => {
    const ctx = ctxOf(request);
    const who = await guard.requireSignedIn(request);
    const [sessions, passkeys, bodies] = await Promise.all([
      listSessions(deps, who.person.id),
      deps.repos.accounts.passkeysOf(who.person.id),
      listServiceBodies(deps),
    ]);
    return sendPage(
      reply,
      ctx,
      <AccountPage
        ctx={ctx}
        csrf={guard.csrfToken(request, reply)}
        person={who.person}
        grants={who.actor.grants}
        bodies={bodies}
        sessions={sessions}
        currentSessionId={who.session.id}
        passkeys={passkeys}
      />,
    );
  });

  scope.post(
    '/account/sessions/:id/end',
    { schema: { hide: true, params: idParams }, preHandler: csrf },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const who = await guard.requireSignedIn(request);
      await endSession(deps, who.person.id, request.params.id);
      if (request.params.id !== who.session.id) return reply.redirect(link(ctx, '/account'), 303);
      guard.clearSessionCookie(reply);
      return reply.redirect(link(ctx, '/sign-in'), 303);
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
      return reply.redirect(link(ctx, '/sign-in'), 303);
    },
  );

  scope.post(
    '/account/passkeys/:id/remove',
    { schema: { hide: true, params: idParams }, preHandler: csrf },
    async (request, reply) => {
      const who = await guard.requireSignedIn(request);
      await removePasskey(deps, who.person.id, request.params.id);
      return reply.redirect(link(ctxOf(request), '/account'), 303);
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
    return sendPage(
      reply,
      ctx,
      <ServiceBodiesPage
        ctx={ctx}
        csrf={guard.csrfToken(request, reply)}
        bodies={bodies}
        creatableParents={creatable}
        isAdministrator={isAdministrator(actor)}
      />,
    );
  });

  scope.post('/admin/service-bodies', { ...page, preHandler: csrf }, async (request, reply) => {
    const { actor } = await guard.requireSignedIn(request);
    const body = await createServiceBody(deps, actor, parseServiceBodyInput(form(request)));
    return reply.redirect(link(ctxOf(request), `/admin/service-bodies/${body.id}`), 303);
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
      return sendPage(
        reply,
        ctx,
        <ServiceBodyPage
          ctx={ctx}
          csrf={guard.csrfToken(request, reply)}
          body={body}
          bodies={bodies}
          grants={await grantsOnServiceBody(deps, actor, body.id)}
          canEdit={authorize(actor, 'service_body.update', target)}
          canDelete={authorize(actor, 'service_body.delete', target)}
          canGrant={authorize(actor, 'role.grant', {
            kind: 'grant',
            path: body.path,
            role: 'editor',
          })}
          parents={parents}
        />,
      );
    },
  );

  scope.post(
    '/admin/service-bodies/:id',
    { schema: { hide: true, params: idParams }, preHandler: csrf },
    async (request, reply) => {
      const { actor } = await guard.requireSignedIn(request);
      await updateServiceBody(deps, actor, request.params.id, parseServiceBodyInput(form(request)));
      return reply.redirect(
        link(ctxOf(request), `/admin/service-bodies/${request.params.id}`),
        303,
      );
    },
  );

  scope.post(
    '/admin/service-bodies/:id/delete',
    { schema: { hide: true, params: idParams }, preHandler: csrf },
    async (request, reply) => {
      const { actor } = await guard.requireSignedIn(request);
      await deleteServiceBody(deps, actor, request.params.id);
      return reply.redirect(link(ctxOf(request), '/admin/service-bodies'), 303);
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
      return reply.redirect(
        link(ctxOf(request), `/admin/service-bodies/${request.params.id}`),
        303,
      );
    },
  );

  scope.post(
    '/admin/service-bodies/:id/grants/:grantId/revoke',
    { schema: { hide: true, params: grantParams }, preHandler: csrf },
    async (request, reply) => {
      const { actor } = await guard.requireSignedIn(request);
      await revokeRole(deps, actor, request.params.grantId);
      return reply.redirect(
        link(ctxOf(request), `/admin/service-bodies/${request.params.id}`),
        303,
      );
    },
  );

  scope.get('/admin/audit', page, async (request, reply) => {
    const ctx = ctxOf(request);
    const { actor } = await guard.requireSignedIn(request);
    requireAuthorized(actor, 'audit.read', { kind: 'site' });
    const entries = await deps.repos.audit.recent(200);
    return sendPage(reply, ctx, <AuditPage ctx={ctx} entries={entries} />);
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

function sendPage(reply: FastifyReply, ctx: PageContext, page: VNode, status = 200) {
  reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-language', ctx.locale)
    // Personal pages: never stored by a shared cache or the browser's back-forward cache.
    .header('cache-control', 'no-store');
  if (ctx.negotiated) reply.header('vary', 'Accept-Language');
  return reply.send(renderPage(page));
}

interface FailureSpec {
  status: number;
  title: MessageId;
  body: MessageId;
}

const failures: Partial<Record<ErrorCode, FailureSpec>> = {
  PL_CSRF_REJECTED: {
    status: 403,
    title: 'account.error.csrf.title',
    body: 'account.error.csrf.body',
  },
  PL_FORBIDDEN: {
    status: 403,
    title: 'account.error.forbidden.title',
    body: 'account.error.forbidden.body',
  },
  PL_SIGN_IN_LINK_INVALID: {
    status: 400,
    title: 'account.error.link.title',
    body: 'account.error.link.body',
  },
  PL_RATE_LIMITED: {
    status: 429,
    title: 'error.rateLimited.title',
    body: 'account.error.rateLimited.body',
  },
  PL_INVALID_SERVICE_BODY: {
    status: 400,
    title: 'account.error.invalid.title',
    body: 'account.error.invalid.body',
  },
  PL_INVALID_GRANT: {
    status: 400,
    title: 'account.error.invalid.title',
    body: 'account.error.invalid.body',
  },
  PL_INVALID_EMAIL: {
    status: 400,
    title: 'account.error.invalid.title',
    body: 'account.signIn.invalidEmail',
  },
  PL_BODY_TOO_LARGE: {
    status: 413,
    title: 'account.error.invalid.title',
    body: 'account.error.tooLarge.body',
  },
  PL_SERVICE_BODY_CYCLE: {
    status: 400,
    title: 'account.error.invalid.title',
    body: 'account.error.cycle.body',
  },
  PL_SERVICE_BODY_NOT_EMPTY: {
    status: 409,
    title: 'account.error.invalid.title',
    body: 'account.error.notEmpty.body',
  },
  PL_SERVICE_BODY_NOT_FOUND: {
    status: 404,
    title: 'account.error.notFound.title',
    body: 'account.error.notFound.body',
  },
  PL_GRANT_NOT_FOUND: {
    status: 404,
    title: 'account.error.notFound.title',
    body: 'account.error.notFound.body',
  },
  PL_SESSION_NOT_FOUND: {
    status: 404,
    title: 'account.error.notFound.title',
    body: 'account.error.notFound.body',
  },
  PL_PASSKEY_NOT_FOUND: {
    status: 404,
    title: 'account.error.notFound.title',
    body: 'account.error.notFound.body',
  },
};

/** An error as a page; "sign in first" is a redirect to the sign-in page instead. */
function sendFailure(
  reply: FastifyReply,
  ctx: PageContext,
  error: FastifyError | ErrorCode,
  request: FastifyRequest,
) {
  let code: ErrorCode;
  if (typeof error === 'string') code = error;
  else if (isPorchlightError(error)) code = error.code;
  else if (error.statusCode === 429) code = 'PL_RATE_LIMITED';
  // A body over the form's limit (a sign-in stuffed with megabytes): too large, not malformed.
  else if (error.statusCode === 413) code = 'PL_BODY_TOO_LARGE';
  else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    code = request.method === 'POST' ? 'PL_INVALID_BODY' : 'PL_INVALID_QUERY';
  else {
    logUnexpected(request, error);
    code = 'PL_INTERNAL';
  }
  if (code === 'PL_SIGN_IN_REQUIRED') return reply.redirect(link(ctx, '/sign-in'), 303);
  const spec: FailureSpec = failures[code] ?? {
    status: code === 'PL_INTERNAL' ? 500 : 400,
    title: code === 'PL_INTERNAL' ? 'error.internal.title' : 'error.badRequest.title',
    body: code === 'PL_INTERNAL' ? 'error.internal.body' : 'error.badRequest.body',
  };
  return sendPage(
    reply,
    ctx,
    <ErrorPage ctx={ctx} title={spec.title} body={spec.body} code={code} />,
    spec.status,
  );
}
