/**
 * The public pages: `/` the finder, `/meetings/:slug` (+ `.ics`, report form), `/help`, `/about`, each at an
 * unprefixed path (language from Accept-Language) and under `/en/` and `/es/`. Routes parse,
 * call the services, and render; everything else lives in the components.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { Type } from 'typebox';
import { getMeeting } from '../meetings/list-meetings.js';
import { canonicalTimeZone } from '../meetings/time-zone.js';
import type { Clock } from '../platform/clock.js';
import { isPorchlightError } from '../platform/errors.js';
import { actionLimit, type ActionLimitHook } from '../platform/http/action-limit.js';
import type { HttpServer } from '../platform/http/server.js';
import type { Repositories } from '../repositories.js';
import { checkReport } from '../reports/model.js';
import { reportProblem } from '../reports/report-problem.js';
import { AboutPage } from './about-page.js';
import { findMeetings, type FinderSearch } from './finder/find-meetings.js';
import { FinderPage } from './finder/finder-page.js';
import { finderQueryString, readFinderQuery } from './finder/finder-params.js';
import type { ClientSettings } from './assets-tags.js';
import { HelpPage } from './help-page.js';
import { locales, negotiateLocale, splitLocalePath } from './i18n/locales.js';
import { meetingCalendarFor } from './meeting-calendar-text.js';
import { MeetingPage } from './meeting-page.js';
import { link, pageContext, type PageContext } from './page-context.js';
import { renderPage } from './render-page.js';
import { ErrorPage, ReportThanksPage, type ErrorPageProps } from './simple-pages.js';
import { logUnexpected, rateLimitPluginOptions } from '../platform/http/client-key.js';

export interface WebDeps {
  repos: Repositories;
  publicUrl: string;
  clock: Clock;
  /** The search engine the finder asks. */
  search: FinderSearch;
  /** Problem reports accepted per client address per window (tests lower it). */
  reportLimit?: { max: number; timeWindowMs: number };
  /** The client build and map settings; without them pages carry no script. */
  client?: ClientSettings;
}

const slugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const pageCache = 'public, max-age=300';
const staticPageCache = 'public, max-age=3600';

/** Registers the public pages and their HTML error pages. */
export function registerWebRoutes(server: HttpServer, deps: WebDeps): void {
  void server.register(async (scope) => {
    await scope.register(rateLimit, rateLimitPluginOptions);
    // Forms post url-encoded bodies; parsed here only, so the JSON API keeps refusing them.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16_384 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.setErrorHandler((error: FastifyError, request, reply) =>
      sendError(reply, contextFor(request, deps), errorPage(error, request)),
    );
    // One count per client address for reports, whether sent from `/`, `/en/` or `/es/`.
    const reportLimit = actionLimit(scope, {
      max: deps.reportLimit?.max ?? 10,
      timeWindowMs: deps.reportLimit?.timeWindowMs ?? 15 * 60_000,
    });
    registerPages(scope, deps, reportLimit);
    for (const locale of locales) {
      await scope.register(
        (prefixed, _options, done) => {
          registerPages(prefixed, deps, reportLimit);
          prefixed.setNotFoundHandler((request, reply) =>
            sendError(reply, contextFor(request, deps), {
              status: 404,
              title: 'error.notFound.title',
              body: 'error.notFound.body',
              code: 'PL_NOT_FOUND',
            }),
          );
          done();
        },
        { prefix: `/${locale}` },
      );
    }
  });
}

function registerPages(scope: HttpServer, deps: WebDeps, reportLimit: ActionLimitHook): void {
  const { repos, clock } = deps;

  // The finder. Its answers change by the minute ("starts in 5 min") and carry a place, so only
  // the person's own browser may keep them, briefly; a refused search is not kept at all.
  scope.get('/', { schema: { hide: true } }, (request, reply) => {
    const input = readFinderQuery(request.query as Record<string, unknown>);
    const outcome = findMeetings(deps.search, input, {
      publicUrl: deps.publicUrl,
      now: clock.now().getTime(),
    });
    // The language switch keeps the whole search, in the API's own parameter form.
    const ctx = { ...contextFor(request, deps), keptQuery: finderQueryString(input.params) };
    const page = <FinderPage ctx={ctx} outcome={outcome} />;
    if (outcome.problem !== undefined) return sendPage(reply, ctx, page, 'no-store', 400);
    return sendPage(reply, ctx, page, 'private, max-age=60');
  });

  scope.get(
    '/meetings/:slug',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const ctx = contextFor(request, deps);
      const { slug } = request.params;
      if (slug.endsWith('.ics')) {
        const { meeting } = await getMeeting(repos, slug.slice(0, -'.ics'.length));
        const ics = meetingCalendarFor(ctx, meeting, clock.now());
        if (ics === undefined) return sendError(reply, ctx, notFound);
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `attachment; filename="${meeting.slug}.ics"`)
          .header('cache-control', staticPageCache)
          .send(ics);
      }
      const { meeting, source } = await getMeeting(repos, slug);
      const page = (
        <MeetingPage
          ctx={ctx}
          meeting={meeting}
          source={source}
          now={clock.now().getTime()}
          viewerZone={viewerZone(request)}
        />
      );
      return sendPage(reply, ctx, page, pageCache);
    },
  );

  scope.post(
    '/meetings/:slug/report',
    {
      schema: { hide: true, params: slugParams },
      onRequest: reportLimit,
    },
    async (request, reply) => {
      const ctx = contextFor(request, deps);
      const { slug } = request.params;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const thanks = link(ctx, `/meetings/${encodeURIComponent(slug)}/reported`);
      // A filled honeypot is a robot: thank it like anyone else, store nothing.
      if (typeof body.website === 'string' && body.website !== '')
        return reply.redirect(thanks, 303);
      const check = checkReport(body.kind, body.message);
      if (!check.ok) {
        return sendError(reply, ctx, {
          status: 400,
          title: 'report.invalid.title',
          body: 'report.invalid.body',
          code: 'PL_INVALID_BODY',
        });
      }
      await reportProblem(repos, clock, slug, check.report);
      // Post/redirect/get: reloading the thank-you page cannot send the report twice.
      return reply.redirect(thanks, 303);
    },
  );

  scope.get(
    '/meetings/:slug/reported',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const ctx = contextFor(request, deps);
      const { meeting } = await getMeeting(repos, request.params.slug);
      const page = <ReportThanksPage ctx={ctx} slug={meeting.slug} name={meeting.name} />;
      return sendPage(reply, ctx, page, 'no-store');
    },
  );

  scope.get('/help', { schema: { hide: true } }, (request, reply) => {
    const ctx = contextFor(request, deps);
    return sendPage(reply, ctx, <HelpPage ctx={ctx} />, staticPageCache);
  });

  scope.get('/about', { schema: { hide: true } }, (request, reply) => {
    const ctx = contextFor(request, deps);
    return sendPage(reply, ctx, <AboutPage ctx={ctx} />, staticPageCache);
  });
}

/**
 * The page context of a request: the language from the path prefix, else from Accept-Language;
 * the viewer's zone is kept across the language switch.
 */
function contextFor(request: FastifyRequest, deps: WebDeps): PageContext {
  const pathname = request.url.split('?', 1)[0] ?? '/';
  const { locale: prefixed, path } = splitLocalePath(pathname);
  const locale = prefixed ?? negotiateLocale(request.headers['accept-language']);
  const zone = viewerZone(request);
  return pageContext({
    locale,
    path,
    keptQuery: zone === undefined ? '' : `?tz=${encodeURIComponent(zone)}`,
    publicUrl: deps.publicUrl,
    negotiated: prefixed === undefined,
    ...(deps.client !== undefined ? { client: deps.client } : {}),
  });
}

/** The viewer's IANA zone from `?tz=`, canonical, or undefined when absent or not a zone. */
function viewerZone(request: FastifyRequest): string | undefined {
  const { tz } = request.query as { tz?: unknown };
  if (typeof tz !== 'string' || tz.length > 64) return undefined;
  return canonicalTimeZone(tz);
}

function sendPage(reply: FastifyReply, ctx: PageContext, page: VNode, cache: string, status = 200) {
  reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-language', ctx.locale)
    .header('cache-control', cache);
  // The same unprefixed URL answers in English or Spanish: caches must key on the header.
  if (ctx.negotiated) reply.header('vary', 'Accept-Language');
  return reply.send(renderPage(page));
}

type ErrorPageSpec = Omit<ErrorPageProps, 'ctx'> & { status: number };

const notFound: ErrorPageSpec = {
  status: 404,
  title: 'error.meetingNotFound.title',
  body: 'error.meetingNotFound.body',
  code: 'PL_MEETING_NOT_FOUND',
};

function sendError(reply: FastifyReply, ctx: PageContext, spec: ErrorPageSpec) {
  const { status, ...props } = spec;
  return sendPage(reply, ctx, <ErrorPage ctx={ctx} {...props} />, 'no-store', status);
}

/** Which page an error becomes; the unexpected ones are logged and shown as ours to fix. */
function errorPage(error: FastifyError, request: FastifyRequest): ErrorPageSpec {
  if (isPorchlightError(error) && error.code === 'PL_MEETING_NOT_FOUND') return notFound;
  const status = isPorchlightError(error) ? error.status : (error.statusCode ?? 500);
  if (status === 429) {
    return {
      status,
      title: 'error.rateLimited.title',
      body: 'error.rateLimited.body',
      code: 'PL_RATE_LIMITED',
    };
  }
  if (status >= 400 && status < 500) {
    return {
      status,
      title: 'error.badRequest.title',
      body: 'error.badRequest.body',
      code: isPorchlightError(error)
        ? error.code
        : request.method === 'POST'
          ? 'PL_INVALID_BODY'
          : 'PL_INVALID_QUERY',
    };
  }
  logUnexpected(request, error);
  return {
    status: 500,
    title: 'error.internal.title',
    body: 'error.internal.body',
    code: 'PL_INTERNAL',
  };
}
