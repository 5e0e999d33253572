/**
 * `/`: the meeting finder. The form, then the first page of results in the same response (no
 * client fetch before the first meeting shows), the rural fallback in plain words, and a link to
 * the next page. Everything works with script off; islands may enhance `#finder` and `#results`.
 */
import type { DeferredParts } from '../kit/deferred-parts.js';
import { Layout } from '../layout.js';
import { link, type PageContext } from '../page-context.js';
import { fallbackView } from './fallback-view.js';
import type { FinderOutcome } from './find-meetings.js';
import { FinderForm } from './finder-form.js';
import { finderQueryString } from './finder-params.js';
import { ResultList } from './result-list.js';

/**
 * Results in a streamed page's first part: a phone's first screen holds two or three, and each
 * one more is about 600 bytes more before anything shows on a slow link.
 */
export const FIRST_RESULTS = 3;

/** The finder page for one request's outcome. */
export function FinderPage({
  ctx,
  outcome,
  rides = false,
  defer,
}: {
  ctx: PageContext;
  outcome: FinderOutcome;
  /** Volunteer drivers go somewhere: the form offers "Rides offered". */
  rides?: boolean;
  /**
   * For a streamed page: the results after the first {@link FIRST_RESULTS}, and the suggestion
   * lists, are rendered after the page's first part is sent.
   */
  defer?: DeferredParts;
}) {
  const { t } = ctx;
  const { params, pageParams, answer, mode, problem, now, viewerZone } = outcome;
  const units = answer.units;
  // Meeting pages show "your time" too when the viewer's zone was given explicitly.
  const meetingQuery =
    params.tz !== undefined && problem?.field !== 'tz' && viewerZone !== undefined
      ? `?tz=${encodeURIComponent(viewerZone)}`
      : '';
  const list = { ctx, units, now, viewerZone, meetingQuery };
  const later = defer !== undefined ? { defer: { parts: defer, from: 0 } } : {};

  const heading =
    mode === 'default'
      ? t('finder.default.heading')
      : answer.near === undefined
        ? t('finder.results.count', { count: answer.total })
        : answer.near.label === undefined
          ? t('finder.results.nearYou', { count: answer.total })
          : t('finder.results.near', { count: answer.total, place: answer.near.label });

  const fallback = answer.fallback;
  const words =
    fallback === undefined ? undefined : fallbackView(fallback, params, units, ctx, answer.results);
  const shown = new Set(answer.results.map((r) => r.slug));
  const beyond = fallback?.nearestBeyond ?? [];
  const remote = (fallback?.remote ?? []).filter((r) => !shown.has(r.slug));
  const home = link(ctx, '/');
  // A print or a calendar holds every match, so neither takes the page's cursor.
  const everyMatch = finderQueryString({ ...pageParams, cursor: '', limit: '' });
  const near =
    answer.near === undefined
      ? {}
      : { 'data-near': `${answer.near.latitude},${answer.near.longitude}` };

  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      {outcome.listed !== undefined && (
        <p class="muted">{t('home.count', { count: outcome.listed })}</p>
      )}
      <FinderForm
        ctx={ctx}
        params={params}
        facets={outcome.facets}
        problem={problem}
        rides={rides}
      />
      <section
        id="results"
        aria-labelledby="results-h"
        data-total={answer.total}
        data-units={units}
        {...near}
      >
        <h2 id="results-h">{heading}</h2>
        {mode === 'default' && (
          <p>
            {problem === undefined ? t('finder.default.prompt') : t('finder.problem.meanwhile')}
          </p>
        )}
        {words !== undefined && (
          <div id="fallback" class="notice">
            <p>
              <strong>{words.summary}</strong>
              {words.nearest !== undefined && ` ${words.nearest}`}
              {words.remote !== undefined && ` ${words.remote}`}
            </p>
          </div>
        )}
        <ResultList
          {...list}
          results={answer.results}
          {...(defer !== undefined ? { defer: { parts: defer, from: FIRST_RESULTS } } : {})}
        />
        {/* What each suggestion list set aside is said beside that list, so the first
            meetings stay on a phone's first screen. */}
        {beyond.length === 0 && words?.relaxedBeyond !== undefined && (
          <p class="muted">{words.relaxedBeyond}</p>
        )}
        {remote.length === 0 && words?.relaxedRemote !== undefined && (
          <p class="muted">{words.relaxedRemote}</p>
        )}
        {answer.results.length === 0 && words === undefined && <p>{t('finder.results.empty')}</p>}
        {(answer.nextCursor !== undefined || params.cursor !== undefined) && (
          <p class="pager">
            {params.cursor !== undefined && (
              <a href={`${home}${finderQueryString({ ...pageParams, cursor: '' })}`}>
                {t('finder.first')}
              </a>
            )}
            {answer.nextCursor !== undefined && (
              <a
                class="more"
                rel="next"
                href={`${home}${finderQueryString({ ...pageParams, cursor: answer.nextCursor })}`}
              >
                {t('finder.more')}
              </a>
            )}
          </p>
        )}
        {/* With no match, a print or a calendar would be empty: the suggestions come first. */}
        {mode === 'search' && answer.total > 0 && (
          <p class="take-away">
            <a href={`${link(ctx, '/print')}${everyMatch}`} download>
              {t('finder.print')}
            </a>{' '}
            <a
              href={`${ctx.publicUrl.replace(/^https?:/, 'webcal:')}/api/v1/search.ics${everyMatch}`}
            >
              {t('finder.calendar')}
            </a>
          </p>
        )}
      </section>
      {beyond.length > 0 && (
        <section aria-labelledby="beyond-h">
          <h2 id="beyond-h">{t('finder.fallback.beyondHeading')}</h2>
          {words?.relaxedBeyond !== undefined && <p class="muted">{words.relaxedBeyond}</p>}
          <ResultList {...list} {...later} id="beyond" results={beyond} />
        </section>
      )}
      {remote.length > 0 && (
        <section aria-labelledby="remote-h">
          <h2 id="remote-h">{t('finder.fallback.remoteHeading')}</h2>
          {words?.relaxedRemote !== undefined && <p class="muted">{words.relaxedRemote}</p>}
          <ResultList {...list} {...later} id="remote" results={remote} />
        </section>
      )}
      <p>
        <a href={link(ctx, '/suggest')}>{t('change.addLink')}</a>
      </p>
    </Layout>
  );
}
