/**
 * `/center/{slug}/resources`: the center's own resource sources, what each holds, how its last
 * refresh went, and (for supervisors and administrators) a button to publish it or take it back.
 */
import { roleMay } from '../../centers/model.js';
import { formatDayTime } from '../../centers/pages/center-dates.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from '../../centers/pages/center-frame.js';
import { formatDuration } from '../../platform/jobs/duration.js';
import { link } from '../../web/page-context.js';
import type { CenterSourceView } from '../center-sources.js';

export function CenterSourcesPage({
  view,
  sources,
  said,
}: {
  view: DeskView;
  sources: readonly CenterSourceView[];
  said?: 'published' | 'unpublished';
}) {
  const { ctx, access } = view;
  const { t } = ctx;
  const when = (iso: string) => formatDayTime(iso, ctx.locale, view.timeZone);
  const mayPublish = roleMay(access.role, 'resources.publish');
  return (
    <CenterFrame view={view} title={t('resources.desk.title')}>
      <h1>{t('resources.desk.title')}</h1>
      <p>{t('resources.desk.intro')}</p>
      {said !== undefined && <p role="status">{t(`resources.desk.said.${said}`)}</p>}
      {sources.length === 0 ? (
        <p>
          {t('resources.desk.none', {
            command: `porchlight resources import <file|url> --source <name> --center ${access.center.slug}`,
          })}
        </p>
      ) : (
        sources.map((source) => (
          <section data-source={source.name} aria-labelledby={`source-${source.name}`}>
            <h2 id={`source-${source.name}`}>{source.name}</h2>
            <dl>
              <dt>{t('resources.desk.state')}</dt>
              <dd>{source.public ? t('resources.desk.public') : t('resources.desk.deskOnly')}</dd>
              <dt>{t('resources.desk.holds')}</dt>
              <dd>
                {t('resources.desk.counts', {
                  services: source.services,
                  locations: source.locations,
                })}
              </dd>
              <dt>{t('resources.desk.from')}</dt>
              <dd>
                {source.format} · <code>{source.location}</code>
              </dd>
              <dt>{t('resources.desk.refresh')}</dt>
              <dd>
                {source.everySeconds === undefined
                  ? t('resources.desk.onRequest')
                  : t('resources.desk.every', {
                      every: formatDuration(source.everySeconds),
                      next: source.nextRunAt === undefined ? '' : when(source.nextRunAt),
                    })}
              </dd>
              <dt>{t('resources.desk.lastPass')}</dt>
              <dd>
                {source.lastPass === undefined ? (
                  t('resources.desk.never')
                ) : (
                  <>
                    {t(`resources.desk.outcome.${source.lastPass.outcome}`)}
                    {source.lastPass.finishedAt !== undefined &&
                      ` · ${when(source.lastPass.finishedAt)}`}
                    {source.lastPass.problems > 0 &&
                      ` · ${t('resources.desk.problems', { count: source.lastPass.problems })}`}
                    {source.lastPass.error !== undefined && (
                      <>
                        {' · '}
                        <code>{source.lastPass.error.code}</code> {source.lastPass.error.message}
                      </>
                    )}
                  </>
                )}
              </dd>
            </dl>
            {mayPublish && (
              <form
                method="post"
                action={link(
                  ctx,
                  centerPath(
                    access,
                    `/resources/${source.name}/${source.public ? 'unpublish' : 'publish'}`,
                  ),
                )}
              >
                <Csrf view={view} />
                <button type="submit">
                  {source.public
                    ? t('resources.desk.unpublish', { name: source.name })
                    : t('resources.desk.publish', { name: source.name })}
                </button>
              </form>
            )}
          </section>
        ))
      )}
    </CenterFrame>
  );
}
