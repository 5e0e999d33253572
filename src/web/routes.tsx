/**
 * The public pages: `/` the finder, `/meetings/:slug` (+ `.ics`, report form), `/help`, `/about`, each at an
 * unprefixed path (language from Accept-Language) and under `/en/` and `/es/`. Routes parse,
 * call the services, and render; everything else lives in the components.
 */
import { Type } from 'typebox';
import type { MeetingDirectory } from '../meetings/meeting-directory.js';
import type { Meeting } from '../meetings/model.js';
import type { Clock } from '../platform/clock.js';
import { PorchlightError } from '../platform/errors.js';
import type { HttpServer } from '../platform/http/server.js';
import { checkReport } from '../reports/model.js';
import type { ReportProblem } from '../reports/report-problem.js';
import { AboutPage } from './about-page.js';
import { findMeetings, type FinderSearch } from './finder/find-meetings.js';
import { FinderPage } from './finder/finder-page.js';
import { finderQueryString, readFinderQuery } from './finder/finder-params.js';
import type { ClientSettings } from './assets-tags.js';
import { HelpPage } from './help-page.js';
import { meetingCalendarFor } from './meeting-calendar-text.js';
import { MeetingPage } from './meeting-page.js';
import { registerPageScope, type PageKit } from './kit/page-scope.js';
import { viewerZone } from './kit/request-context.js';
import { DeferredParts } from './kit/deferred-parts.js';
import { PageCache } from './kit/page-cache.js';
import { languageHeaders, sendKeptPage, sendStreamedPage } from './kit/send.js';
import { renderPage } from './render-page.js';
import { OfflinePage, ReportThanksPage } from './simple-pages.js';

export interface WebDeps {
  meetings: MeetingDirectory;
  /** Stores a reader's report about a meeting. */
  reportProblem: ReportProblem;
  publicUrl: string;
  clock: Clock;
  /** The search engine the finder asks. */
  search: FinderSearch;
  /** Problem reports accepted per client address per window (tests lower it). */
  reportLimit?: { max: number; timeWindowMs: number };
  /** The client build and map settings; without them pages carry no script. */
  client?: ClientSettings;
  /** Whether volunteer drivers cover a meeting (src/rides): its page then says so. */
  ridesOffered?: (meeting: Meeting) => Promise<boolean>;
  /** Where rendered finder pages are kept for the minute; one of the app's own unless given. */
  finderPages?: PageCache;
}

const slugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const pageCache = 'public, max-age=300';
const staticPageCache = 'public, max-age=3600';

/** Registers the public pages; unknown paths under `/en/` and `/es/` get the not-found page. */
export function registerWebRoutes(server: HttpServer, deps: WebDeps): void {
  registerPageScope(
    server,
    {
      publicUrl: deps.publicUrl,
      ...(deps.client !== undefined ? { client: deps.client } : {}),
      keepZone: true,
      formLimit: 16_384,
      notFound: true,
    },
    (scope, kit) => registerPages(scope, kit, deps),
  );
}

function registerPages(scope: HttpServer, kit: PageKit, deps: WebDeps): void {
  const { meetings, clock } = deps;
  // One count per client address for reports, whether sent from `/`, `/en/` or `/es/`.
  const reportLimit = kit.limit('report', {
    max: deps.reportLimit?.max ?? 10,
    timeWindowMs: deps.reportLimit?.timeWindowMs ?? 15 * 60_000,
  });

  // The finder. Its answers change by the minute ("starts in 5 min") and carry a place, so only
  // the person's own browser may keep them, briefly; a refused search is not kept at all. The
  // server keeps each rendered page for the rest of the minute, while the index shows the same
  // revision (decision 0126).
  const finderPages = deps.finderPages ?? new PageCache();
  const finderCache = 'private, max-age=60';
  scope.get('/', { schema: { hide: true } }, async (request, reply) => {
    const input = readFinderQuery(request.query as Record<string, unknown>);
    // The language switch keeps the whole search, in the API's own parameter form.
    const ctx = { ...kit.ctxOf(request), keptQuery: finderQueryString(input.params) };
    // The page is made of its language and its parameters alone (the same keptQuery for every
    // way of writing the same search), and of the stamp: the index's revision, the minute, and
    // the ride regions the search read.
    const key = `${ctx.locale}${ctx.keptQuery}`;
    const { search } = deps;
    const stampAt = (now: number) =>
      `${search.indexRevision}:${Math.floor(now / 60_000)}:${search.rideRegionsReadAt}`;
    if (input.unreadable === undefined) {
      const kept = finderPages.get(stampAt(clock.now().getTime()), key);
      if (kept !== undefined)
        return sendKeptPage(request, reply, ctx, kept, { cache: finderCache });
      await search.prepare(input.params);
    }
    const now = clock.now().getTime();
    const outcome = findMeetings(search, input, { publicUrl: deps.publicUrl, now });
    if (outcome.problem !== undefined) {
      const page = <FinderPage ctx={ctx} outcome={outcome} rides={search.offersRides} />;
      return kit.send(reply, ctx, page, { status: 400, cache: 'no-store' });
    }
    // Streamed (decision 0140): the head, the form and the first results leave before the other
    // results and the suggestion lists are rendered; the whole page is kept once it is sent.
    const stamp = stampAt(now);
    const defer = new DeferredParts();
    const page = renderPage(
      <FinderPage ctx={ctx} outcome={outcome} rides={search.offersRides} defer={defer} />,
    );
    return sendStreamedPage(request, reply, ctx, defer.chunks(page), {
      cache: finderCache,
      etag: finderPages.etagOf(stamp, key),
      onSent: (body) => finderPages.keep(stamp, key, body),
    });
  });

  scope.get(
    '/meetings/:slug',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const { slug } = request.params;
      if (slug.endsWith('.ics')) {
        const { meeting } = await meetings.get(slug.slice(0, -'.ics'.length));
        const ics = meetingCalendarFor(ctx, meeting, clock.now());
        if (ics === undefined) throw new PorchlightError('PL_MEETING_NOT_FOUND');
        return languageHeaders(reply, ctx, { cache: staticPageCache })
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `attachment; filename="${meeting.slug}.ics"`)
          .send(ics);
      }
      const { meeting, source } = await meetings.get(slug);
      const page = (
        <MeetingPage
          ctx={ctx}
          meeting={meeting}
          source={source}
          now={clock.now().getTime()}
          viewerZone={viewerZone(request)}
          rides={(await deps.ridesOffered?.(meeting)) === true}
        />
      );
      return kit.send(reply, ctx, page, { cache: pageCache });
    },
  );

  scope.post(
    '/meetings/:slug/report',
    {
      schema: { hide: true, params: slugParams },
      onRequest: reportLimit,
    },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const { slug } = request.params;
      const body = kit.form(request);
      const thanks = `/meetings/${encodeURIComponent(slug)}/reported`;
      // A filled honeypot is a robot: thank it like anyone else, store nothing.
      if (typeof body.website === 'string' && body.website !== '')
        return kit.redirect(reply, ctx, thanks);
      const check = checkReport(body.kind, body.message);
      if (!check.ok)
        return kit.sendError(reply, ctx, 'PL_INVALID_BODY', [
          'report.invalid.title',
          'report.invalid.body',
        ]);
      await deps.reportProblem(slug, check.report);
      // Post/redirect/get: reloading the thank-you page cannot send the report twice.
      return kit.redirect(reply, ctx, thanks);
    },
  );

  scope.get(
    '/meetings/:slug/reported',
    { schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const { meeting } = await meetings.get(request.params.slug);
      const page = <ReportThanksPage ctx={ctx} slug={meeting.slug} name={meeting.name} />;
      return kit.send(reply, ctx, page, { cache: 'no-store' });
    },
  );

  scope.get('/help', { schema: { hide: true } }, (request, reply) => {
    const ctx = kit.ctxOf(request);
    return kit.send(reply, ctx, <HelpPage ctx={ctx} />, { cache: staticPageCache });
  });

  scope.get('/offline', { schema: { hide: true } }, (request, reply) => {
    const ctx = kit.ctxOf(request);
    return kit.send(reply, ctx, <OfflinePage ctx={ctx} />, { cache: staticPageCache });
  });

  scope.get('/about', { schema: { hide: true } }, (request, reply) => {
    const ctx = kit.ctxOf(request);
    return kit.send(reply, ctx, <AboutPage ctx={ctx} />, { cache: staticPageCache });
  });
}
