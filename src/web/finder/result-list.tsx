/**
 * A list of search results. Each item carries `data-slug` (and the venue's coordinates when they
 * are exact) so client islands (favourites, the map) can enhance it without another request.
 */
import { groupedMemo } from '../bounded-memo.js';
import type { DeferredParts } from '../kit/deferred-parts.js';
import { escaped, htmlAttr, htmlNode, type Html } from '../markup.js';
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
  /** The items from `from` on are rendered after the page's first part is sent (a streamed page). */
  defer?: { parts: DeferredParts; from: number };
}

const wayWords: Record<Way, MessageId> = {
  in_person: 'meeting.attendance.in_person',
  online: 'meeting.attendance.online',
  hybrid: 'meeting.attendance.hybrid',
  phone: 'meeting.attendance.phone',
};

/** An ordered list of results, soonest (or nearest) first. */
export function ResultList(props: ListProps) {
  const { results, id, defer } = props;
  const first = defer === undefined ? results.length : Math.min(defer.from, results.length);
  const later =
    defer !== undefined &&
    first < results.length &&
    defer.parts.mark(() => resultItems(props, first, results.length).text);
  return htmlNode(
    escaped`<ol class="list"${htmlAttr('id', id)}>${resultItems(props, 0, first)}${later}</ol>`,
  );
}

/** The list items of results `from` to `to`. */
function resultItems(
  { ctx, results, units, now, viewerZone, meetingQuery }: ListProps,
  from: number,
  to: number,
): Html {
  const options = { locale: ctx.locale, now, viewerZone };
  const items = new Array<Html>(to - from);
  for (let i = from; i < to; i++) {
    const result = results[i]!;
    const view = resultView(result, options);
    const others = (result.alsoMeets ?? []).map((other) => resultView(other, options));
    const point =
      !result.approximate && result.latitude !== undefined && result.longitude !== undefined
        ? escaped` data-lat="${result.latitude}" data-lng="${result.longitude}"`
        : undefined;
    const item = resultItem(ctx, view, others, units, meetingQuery);
    items[i - from] =
      escaped`<li class="result"${htmlAttr('data-slug', view.slug)}${point}>${item}</li>`;
  }
  return escaped`${items}`;
}

/**
 * One result's heading, when, ways and where: a template, as every result repeats it. `others`
 * are the group's other meetings at the same place, each linked by its day and time.
 */
function resultItem(
  ctx: PageContext,
  view: ResultView,
  others: ResultView[],
  units: 'mi' | 'km',
  meetingQuery: string,
): Html {
  const meetingLink = (slug: string) =>
    `${link(ctx, `/meetings/${encodeURIComponent(slug)}`)}${meetingQuery}`;
  const { t, locale } = ctx;
  const { when, badge } = view;
  const meta = [
    view.distance === undefined
      ? undefined
      : t('finder.distance', { distance: distanceText(view.distance, units, locale) }),
    view.place,
    view.program,
  ].filter((part): part is string => part !== undefined);
  const shut = view.closed && escaped`<strong class="badge shut">${t('finder.closed')}</strong>`;
  const now =
    badge?.kind === 'now' && escaped`<strong class="badge now">${t('finder.badge.now')}</strong>`;
  const soon =
    badge?.kind === 'soon' &&
    escaped`<strong class="badge soon">${t('finder.badge.soon', { minutes: badge.minutes })}</strong>`;
  const time =
    when === undefined
      ? t('when.byAppointment')
      : escaped`<time datetime="${when.iso}">${t('when.occurrence', { date: when.day, time: when.time, zone: when.zone })}</time>`;
  const viewer =
    when?.viewer !== undefined &&
    escaped`<span class="muted"> · ${t('when.yourTime', { date: when.viewer.day, time: when.viewer.time, zone: when.viewer.zone })}</span>`;
  const also =
    others.length > 0 &&
    escaped`<p class="also">${t('finder.alsoMeets')} ${others.map(
      (other, i) =>
        escaped`${i > 0 && ', '}<a href="${meetingLink(other.slug)}">${
          other.when === undefined
            ? t('when.byAppointment')
            : t('when.dayTime', { date: other.when.day, time: other.when.time })
        }</a>`,
    )}</p>`;
  const ways = view.ways.map((way) => escaped`<span class="way ${way}">${t(wayWords[way])}</span>`);
  const where = meta.length > 0 && escaped`<p class="muted">${meta.join(' · ')}</p>`;
  return escaped`<h3><a href="${meetingLink(view.slug)}">${view.name}</a></h3><p>${shut}${now}${soon}${time}${viewer}</p>${also}<p class="ways">${ways}</p>${where}`;
}

/** Shown distances recur (tenths under 10, whole units from 10): each is formatted once. */
const distances = {
  mi: groupedMemo<number, string>(5_000),
  km: groupedMemo<number, string>(5_000),
};

function distanceText(distance: number, units: 'mi' | 'km', locale: string): string {
  return distances[units](locale, distance, () => formatDistance(distance, units, locale, 'short'));
}
