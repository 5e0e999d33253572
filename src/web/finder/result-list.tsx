/**
 * A list of search results. Each item carries `data-slug` (and the venue's coordinates when they
 * are exact) so client islands (favourites, the map) can enhance it without another request.
 */
import type { MessageId } from '../i18n/translator.js';
import { link, type PageContext } from '../page-context.js';
import { formatDistance } from './fallback-view.js';
import { resultView, type PresentedResult, type ResultView, type Way } from './result-view.js';

/** A result; a suggested room also carries its group's other meetings at the same place. */
type ListedResult = PresentedResult & { alsoMeets?: PresentedResult[] };

interface ListProps {
  ctx: PageContext;
  results: ListedResult[];
  units: 'mi' | 'km';
  now: number;
  viewerZone: string | undefined;
  /** Query kept on meeting links (`?tz=...`), so the meeting page shows the viewer's time too. */
  meetingQuery: string;
  id?: string;
}

const wayWords: Record<Way, MessageId> = {
  in_person: 'meeting.attendance.in_person',
  online: 'meeting.attendance.online',
  hybrid: 'meeting.attendance.hybrid',
  phone: 'meeting.attendance.phone',
};

/** An ordered list of results, soonest (or nearest) first. */
export function ResultList({ ctx, results, units, now, viewerZone, meetingQuery, id }: ListProps) {
  return (
    <ol class="list" id={id}>
      {results.map((result) => {
        const options = { locale: ctx.locale, now, viewerZone };
        const view = resultView(result, options);
        const others = (result.alsoMeets ?? []).map((other) => resultView(other, options));
        const point =
          !result.approximate && result.latitude !== undefined && result.longitude !== undefined
            ? { 'data-lat': result.latitude, 'data-lng': result.longitude }
            : {};
        return (
          <li class="result" data-slug={view.slug} {...point}>
            <ResultItem
              ctx={ctx}
              view={view}
              others={others}
              units={units}
              meetingQuery={meetingQuery}
            />
          </li>
        );
      })}
    </ol>
  );
}

function ResultItem({
  ctx,
  view,
  others,
  units,
  meetingQuery,
}: {
  ctx: PageContext;
  view: ResultView;
  /** The group's other meetings at the same place, each linked by its day and time. */
  others: ResultView[];
  units: 'mi' | 'km';
  meetingQuery: string;
}) {
  const meetingLink = (slug: string) =>
    `${link(ctx, `/meetings/${encodeURIComponent(slug)}`)}${meetingQuery}`;
  const { t, locale } = ctx;
  const { when, badge } = view;
  const meta = [
    view.distance === undefined
      ? undefined
      : t('finder.distance', { distance: formatDistance(view.distance, units, locale, 'short') }),
    view.place,
    view.program,
  ].filter((part): part is string => part !== undefined);
  return (
    <>
      <h3>
        <a href={meetingLink(view.slug)}>{view.name}</a>
      </h3>
      <p>
        {view.closed && <strong class="badge shut">{t('finder.closed')}</strong>}
        {badge?.kind === 'now' && <strong class="badge now">{t('finder.badge.now')}</strong>}
        {badge?.kind === 'soon' && (
          <strong class="badge soon">{t('finder.badge.soon', { minutes: badge.minutes })}</strong>
        )}
        {when === undefined ? (
          t('when.byAppointment')
        ) : (
          <time dateTime={when.iso}>
            {t('when.occurrence', { date: when.day, time: when.time, zone: when.zone })}
          </time>
        )}
        {when?.viewer !== undefined && (
          <span class="muted">
            {' · '}
            {t('when.yourTime', {
              date: when.viewer.day,
              time: when.viewer.time,
              zone: when.viewer.zone,
            })}
          </span>
        )}
      </p>
      {others.length > 0 && (
        <p class="also">
          {t('finder.alsoMeets')}{' '}
          {others.map((other, i) => (
            <>
              {i > 0 && ', '}
              <a href={meetingLink(other.slug)}>
                {other.when === undefined
                  ? t('when.byAppointment')
                  : t('when.dayTime', { date: other.when.day, time: other.when.time })}
              </a>
            </>
          ))}
        </p>
      )}
      <p class="ways">
        {view.ways.map((way) => (
          <span class={`way ${way}`}>{t(wayWords[way])}</span>
        ))}
      </p>
      {meta.length > 0 && <p class="muted">{meta.join(' · ')}</p>}
    </>
  );
}
