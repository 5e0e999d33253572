/**
 * `/admin/sources`, each source's page and the removal's confirmation: what administrators see
 * of the feeds the list is imported from. Plain forms; every action is a POST with the CSRF field.
 */
import type { FeedProblem } from '../../platform/errors.js';
import type { ImportOutcome, ImportReport, RemovedSource } from '../../sources/model.js';
import { Layout } from '../../web/layout.js';
import { errorMessage, problemMessage } from '../../web/i18n/error-messages.js';
import type { MessageId } from '../../web/i18n/translator.js';
import { link, type PageContext } from '../../web/page-context.js';
import { formatInstant } from '../pages/dates.js';
import { CsrfField } from '../../web/kit/form-parts.js';
import type { SourceView } from './manage-sources.js';
import { sourceState, type SourceState } from './source-status.js';

const stateNames: Record<SourceState, MessageId> = {
  held: 'admin.sources.state.held',
  refreshing: 'admin.sources.state.refreshing',
  never_read: 'admin.sources.state.neverRead',
  failing: 'admin.sources.state.failing',
  ok: 'admin.sources.state.ok',
};

/** The badge colour of each state: those that want a person stand out. */
const stateBadges: Record<SourceState, string> = {
  held: 'badge soon',
  refreshing: 'badge shut',
  never_read: 'badge shut',
  failing: 'badge soon',
  ok: 'badge',
};

const outcomeNames: Record<ImportOutcome, MessageId> = {
  applied: 'admin.sources.outcome.applied',
  unchanged: 'admin.sources.outcome.unchanged',
  not_modified: 'admin.sources.outcome.notModified',
  held: 'admin.sources.outcome.held',
  rejected: 'admin.sources.outcome.rejected',
  failed: 'admin.sources.outcome.failed',
};

/** Most problems a page lists; the report stores up to 500 and the counts cover all. */
const problemsShown = 100;

const base = (name: string) => `/admin/sources/${encodeURIComponent(name)}`;

function State({ ctx, source }: { ctx: PageContext; source: SourceView }) {
  const state = sourceState(source);
  return (
    <span class={stateBadges[state]} data-state={state}>
      {ctx.t(stateNames[state])}
    </span>
  );
}

function schedule(ctx: PageContext, source: SourceView): string {
  const every = source.refresh?.every;
  return every === undefined
    ? ctx.t('admin.sources.onRequest')
    : ctx.t('admin.sources.every', { interval: every });
}

function lastRead(ctx: PageContext, report: ImportReport | undefined): string {
  if (report === undefined) return ctx.t('admin.sources.state.neverRead');
  return ctx.t('admin.sources.lastRead', {
    when: formatInstant(report.finishedAt, ctx.locale),
    outcome: ctx.t(outcomeNames[report.outcome]),
  });
}

export interface SourcesPageProps {
  ctx: PageContext;
  csrf: string;
  sources: readonly SourceView[];
  removed: readonly RemovedSource[];
  /** A source just removed, named in a notice. */
  justRemoved?: RemovedSource | undefined;
}

export function SourcesPage(props: SourcesPageProps) {
  const { ctx, csrf, sources, removed, justRemoved } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.sources.title')}>
      <p>
        <a href={link(ctx, '/admin/service-bodies')}>{t('admin.bodies.back')}</a>
      </p>
      <h1>{t('admin.sources.title')}</h1>
      {justRemoved !== undefined && (
        <div class="notice" role="status">
          <p>
            {t('admin.sources.removedNotice', {
              name: justRemoved.source.name,
              count: justRemoved.meetingCount,
            })}
          </p>
        </div>
      )}
      <p>{t('admin.sources.intro')}</p>
      {sources.length === 0 ? (
        <p>{t('admin.sources.empty')}</p>
      ) : (
        <ul class="list">
          {sources.map((s) => (
            <li class="result" data-source={s.name}>
              <h2>
                <a href={link(ctx, base(s.name))}>{s.name}</a>
              </h2>
              <p>
                <State ctx={ctx} source={s} />
                {t('admin.sources.meetings', { count: s.meetingCount })} · {s.format} · {s.program}
              </p>
              <p>
                {schedule(ctx, s)}
                {s.refresh?.nextRunAt !== undefined &&
                  ` · ${t('admin.sources.next', { when: formatInstant(s.refresh.nextRunAt, ctx.locale) })}`}
              </p>
              <p class="muted">{lastRead(ctx, s.lastReport)}</p>
            </li>
          ))}
        </ul>
      )}
      {removed.length > 0 && (
        <>
          <h2>{t('admin.sources.removed.heading')}</h2>
          <p>{t('admin.sources.removed.intro')}</p>
          <ul class="list">
            {removed.map((r) => (
              <li class="result" data-removed-source={r.source.name}>
                <p>
                  {t('admin.sources.removed.item', {
                    name: r.source.name,
                    when: formatInstant(r.removedAt, ctx.locale),
                    count: r.meetingCount,
                  })}
                </p>
                <form method="post" action={link(ctx, `${base(r.source.name)}/restore`)}>
                  <CsrfField token={csrf} />
                  <button type="submit">
                    {t('admin.sources.restore', { name: r.source.name })}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

export interface SourcePageProps {
  ctx: PageContext;
  csrf: string;
  source: SourceView;
  /** The report of the snapshot held for review, when there is one. */
  heldReport?: ImportReport | undefined;
}

export function SourcePage(props: SourcePageProps) {
  const { ctx, csrf, source, heldReport } = props;
  const { t } = ctx;
  const path = base(source.name);
  const failures = source.refresh?.consecutiveFailures ?? 0;
  return (
    <Layout ctx={ctx} title={source.name}>
      <p>
        <a href={link(ctx, '/admin/sources')}>{t('admin.sources.back')}</a>
      </p>
      <h1>{source.name}</h1>
      <p>
        <State ctx={ctx} source={source} />
        {t('admin.sources.meetings', { count: source.meetingCount })}
      </p>
      {source.held !== undefined && (
        <div class="notice" data-held>
          <h2>{t('admin.source.held.heading')}</h2>
          <p>
            {t('admin.source.held.body', {
              remove: source.held.wouldRemove,
              existing: source.held.existing,
              when: formatInstant(source.held.heldAt, ctx.locale),
            })}
          </p>
          <form method="post" action={link(ctx, `${path}/approve`)}>
            <CsrfField token={csrf} />
            <button type="submit">{t('admin.source.approve')}</button>
          </form>
          <form method="post" action={link(ctx, `${path}/reject`)}>
            <CsrfField token={csrf} />
            <button type="submit">{t('admin.source.reject')}</button>
          </form>
          {/* Usually the last report below; a read since then (that failed) leaves it apart. */}
          {heldReport !== undefined && source.lastReport?.outcome !== 'held' && (
            <Report ctx={ctx} report={heldReport} />
          )}
        </div>
      )}
      <dl>
        <dt>{t('admin.source.location')}</dt>
        <dd>
          <code>{source.location ?? t('admin.source.local')}</code>
        </dd>
        <dt>{t('admin.source.format')}</dt>
        <dd>
          {source.format} · {source.program}
        </dd>
        {source.defaultTimeZone !== undefined && (
          <>
            <dt>{t('admin.source.timeZone')}</dt>
            <dd>{source.defaultTimeZone}</dd>
          </>
        )}
        <dt>{t('admin.source.schedule')}</dt>
        <dd>
          {schedule(ctx, source)}
          {source.refresh?.nextRunAt !== undefined &&
            ` · ${t('admin.sources.next', { when: formatInstant(source.refresh.nextRunAt, ctx.locale) })}`}
        </dd>
        {failures > 0 && (
          <>
            <dt>{t('admin.source.failures')}</dt>
            <dd>{t('admin.source.failures.count', { count: failures })}</dd>
          </>
        )}
      </dl>
      {source.location !== undefined && (
        <form method="post" action={link(ctx, `${path}/refresh`)}>
          <CsrfField token={csrf} />
          <button type="submit">{t('admin.source.refresh')}</button>
        </form>
      )}
      <h2>{t('admin.source.report.heading')}</h2>
      {source.lastReport === undefined ? (
        <p>{t('admin.source.report.none')}</p>
      ) : (
        <Report ctx={ctx} report={source.lastReport} />
      )}
      <h2>{t('admin.source.remove')}</h2>
      <p>
        <a href={link(ctx, `${path}/remove`)}>{t('admin.source.remove.link')}</a>
      </p>
    </Layout>
  );
}

function Report({ ctx, report }: { ctx: PageContext; report: ImportReport }) {
  const { t } = ctx;
  return (
    <div data-report={report.outcome}>
      <p>
        {t('admin.source.report.summary', {
          outcome: t(outcomeNames[report.outcome]),
          when: formatInstant(report.finishedAt, ctx.locale),
          rows: report.rowCount,
          added: report.added,
          updated: report.updated,
          unchanged: report.unchanged,
          removed: report.removed,
          skipped: report.skipped,
        })}
      </p>
      {report.error !== undefined && (
        <p class="notice problem" data-error-code={report.error.code}>
          {t('admin.source.report.error', {
            code: report.error.code,
            message: errorMessage(ctx.locale, report.error),
          })}
        </p>
      )}
      <Problems ctx={ctx} report={report} />
    </div>
  );
}

function Problems({ ctx, report }: { ctx: PageContext; report: ImportReport }) {
  const { t } = ctx;
  const count = report.errorCount + report.warningCount;
  if (count === 0) return <p>{t('admin.source.problems.none')}</p>;
  const shown = report.problems.slice(0, problemsShown);
  return (
    <>
      <h3>{t('admin.source.problems.heading', { count })}</h3>
      {shown.length < count && (
        <p class="muted">{t('admin.source.problems.more', { shown: shown.length, count })}</p>
      )}
      <ul>
        {shown.map((p) => (
          <li data-problem={p.code}>
            <ProblemLine ctx={ctx} problem={p} />
          </li>
        ))}
      </ul>
    </>
  );
}

function ProblemLine({ ctx, problem }: { ctx: PageContext; problem: FeedProblem }) {
  const { t } = ctx;
  // As the command line says it: a sheet's own row numbers, -1 for the feed as a whole.
  const where = [
    problem.index < 0
      ? t('admin.source.problem.feed')
      : t('admin.source.problem.row', { row: problem.row ?? problem.index }),
    problem.slug,
    problem.field,
  ].filter((w) => w !== undefined);
  return (
    <>
      <strong>
        {t(
          problem.severity === 'error'
            ? 'admin.source.problem.error'
            : 'admin.source.problem.warning',
        )}
      </strong>
      {where.length > 0 && ` (${where.join(', ')})`}: {problemMessage(ctx.locale, problem)}{' '}
      <code>{problem.code}</code>
    </>
  );
}

export function RemoveSourcePage(props: { ctx: PageContext; csrf: string; source: SourceView }) {
  const { ctx, csrf, source } = props;
  const { t } = ctx;
  const path = base(source.name);
  return (
    <Layout ctx={ctx} title={t('admin.source.remove.title', { name: source.name })}>
      <h1>{t('admin.source.remove.title', { name: source.name })}</h1>
      <p>{t('admin.source.remove.body', { count: source.meetingCount })}</p>
      <form method="post" action={link(ctx, `${path}/remove`)}>
        <CsrfField token={csrf} />
        <input type="hidden" name="confirm" value={source.name} />
        <button type="submit">{t('admin.source.remove.confirm', { name: source.name })}</button>
      </form>
      <p>
        <a href={link(ctx, path)}>{t('admin.source.remove.cancel')}</a>
      </p>
    </Layout>
  );
}
