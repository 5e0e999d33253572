/**
 * The center's calendar on the desk: the next four weeks day by day (public and staff-only
 * events alike), every series with how often it meets, and, for administrators, where the center
 * is (the address its public groups are listed at in the meeting finder).
 */
import { link, type PageContext } from '../../web/page-context.js';
import { describeRecurrence } from '../../web/schedule-words.js';
import { clockTime } from '../../web/intl-format.js';
import { roleMay, type CenterPlace } from '../model.js';
import {
  isListedGroup,
  recurrenceOf,
  type CenterEvent,
  type EventOccurrence,
} from '../events/model.js';
import { formatDay, formatTime } from './center-dates.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from './center-frame.js';
import { FormProblem, TypedInput, type FilledForm } from '../../web/kit/filled-form.js';
import { Notice } from '../../web/kit/form-parts.js';

/** The occurrences grouped by the center's day, in order. */
export function byDay(
  occurrences: readonly EventOccurrence[],
  locale: string,
  timeZone: string,
): { day: string; items: EventOccurrence[] }[] {
  const days: { day: string; items: EventOccurrence[] }[] = [];
  for (const o of occurrences) {
    const day = formatDay(new Date(o.start).toISOString(), locale, timeZone);
    const last = days.at(-1);
    if (last?.day === day) last.items.push(o);
    else days.push({ day, items: [o] });
  }
  return days;
}

/** How often a series meets, in words ("Every Tuesday at 6:00 PM, from 3 Mar 2026"). */
export function seriesWords(event: CenterEvent, ctx: PageContext): string {
  const { t } = ctx;
  const noon = (date: string) => formatDay(`${date}T12:00:00Z`, ctx.locale, 'UTC');
  const recurrence = recurrenceOf(event);
  if (recurrence === undefined)
    return t('center.calendar.once', {
      day: noon(event.startsOn),
      time: clockTime(event.start, ctx.locale),
    });
  return [
    describeRecurrence(recurrence, t, ctx.locale),
    t('center.calendar.from', { day: noon(event.startsOn) }),
    ...(event.endsOn !== undefined
      ? [t('center.calendar.until', { day: noon(event.endsOn) })]
      : []),
  ].join(', ');
}

/**
 * The next weeks day by day, each occurrence with its time in the center's zone, its title and
 * kind; a staff-only one says so.
 */
export function NextWeeks({
  ctx,
  occurrences,
  zone,
  heading,
  none,
}: {
  ctx: PageContext;
  occurrences: readonly EventOccurrence[];
  zone: string;
  heading: string;
  none: string;
}) {
  const { t } = ctx;
  const time = (ms: number) => formatTime(new Date(ms).toISOString(), ctx.locale, zone);
  return (
    <section aria-labelledby="next-weeks">
      <h2 id="next-weeks">{heading}</h2>
      {occurrences.length === 0 ? (
        <p>{none}</p>
      ) : (
        byDay(occurrences, ctx.locale, zone).map(({ day, items }) => (
          <>
            <h3>{day}</h3>
            <ul class="list">
              {items.map((o) => (
                <li data-event={o.event.id}>
                  {t('center.calendar.time', { start: time(o.start), end: time(o.end) })}:{' '}
                  <strong>{o.event.title}</strong> ({t(`center.event.kind.${o.event.kind}`)})
                  {o.event.visibility === 'staff' && ` · ${t('center.calendar.staffOnly')}`}
                </li>
              ))}
            </ul>
          </>
        ))
      )}
    </section>
  );
}

/** A series' title, kind and how often it meets. */
export function SeriesHeading({ ctx, event }: { ctx: PageContext; event: CenterEvent }) {
  return (
    <>
      <h3>{event.title}</h3>
      <p>
        {ctx.t(`center.event.kind.${event.kind}`)} · {seriesWords(event, ctx)}
      </p>
    </>
  );
}

export function CalendarPage({
  view,
  occurrences,
  events,
  today,
  saved,
  placeForm,
}: {
  view: DeskView;
  occurrences: readonly EventOccurrence[];
  events: readonly CenterEvent[];
  /** The center's day (YYYY-MM-DD), to tell which groups are listed now. */
  today: string;
  saved: boolean;
  /** The place form shown again with what was typed. */
  placeForm?: FilledForm | undefined;
}) {
  const { ctx, access } = view;
  const { t } = ctx;
  const zone = view.timeZone;
  const mayManage = roleMay(access.role, 'event.manage');
  const hasPublic = events.some((e) => e.visibility === 'public');
  return (
    <CenterFrame view={view} title={t('center.calendar.title')}>
      <h1>{t('center.calendar.title')}</h1>
      {saved && <Notice>{t('center.calendar.saved')}</Notice>}
      <p>{t('center.calendar.intro')}</p>
      <p>
        {hasPublic && (
          <>
            <a href={link(ctx, `/centers/${access.center.slug}/events`)}>
              {t('center.calendar.publicLink')}
            </a>
            {mayManage && ' · '}
          </>
        )}
        {mayManage && (
          <a href={link(ctx, centerPath(access, '/calendar/new'))}>{t('center.calendar.add')}</a>
        )}
      </p>
      <NextWeeks
        ctx={ctx}
        occurrences={occurrences}
        zone={zone}
        heading={t('center.calendar.next')}
        none={t('center.calendar.none')}
      />
      <section aria-labelledby="series">
        <h2 id="series">{t('center.calendar.series')}</h2>
        {events.length === 0 ? (
          <p>{t('center.calendar.seriesNone')}</p>
        ) : (
          <ul class="list">
            {events.map((e) => (
              <li class="result" data-series={e.id}>
                <SeriesHeading ctx={ctx} event={e} />
                <p>
                  {e.visibility === 'staff'
                    ? t('center.calendar.staffOnly')
                    : access.center.place !== undefined && isListedGroup(e, today)
                      ? t('center.calendar.listed')
                      : t('center.event.visibility.public')}
                </p>
                {mayManage && (
                  <p>
                    <a href={link(ctx, centerPath(access, `/calendar/${e.id}/edit`))}>
                      {t('center.calendar.edit', { title: e.title })}
                    </a>
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        {access.center.place === undefined && events.some((e) => e.kind === 'group') && (
          <p>{t('center.calendar.noPlace')}</p>
        )}
      </section>
      {roleMay(access.role, 'center.manage') && (
        <PlaceForm view={view} place={access.center.place} filled={placeForm} />
      )}
    </CenterFrame>
  );
}

const placeFields = ['street', 'city', 'region', 'postalCode'] as const;
const placeAutocomplete = {
  street: 'street-address',
  city: 'address-level2',
  region: 'address-level1',
  postalCode: 'postal-code',
} as const;

function PlaceForm({
  view,
  place,
  filled,
}: {
  view: DeskView;
  place: CenterPlace | undefined;
  filled: FilledForm | undefined;
}) {
  const { ctx, access } = view;
  const { t } = ctx;
  return (
    <section aria-labelledby="place">
      <h2 id="place">{t('center.place.title')}</h2>
      <p>{t('center.place.intro')}</p>
      <form method="post" action={link(ctx, centerPath(access, '/place'))}>
        <Csrf view={view} />
        <FormProblem filled={filled} fields={placeFields} />
        {placeFields.map((name) => (
          <TypedInput
            filled={filled}
            name={name}
            id={`place-${name}`}
            label={t(`center.place.${name}`)}
            maxLength={name === 'street' ? 200 : 100}
            autocomplete={placeAutocomplete[name]}
            value={place?.[name] ?? ''}
          />
        ))}
        <p>
          <button type="submit">{t('center.place.save')}</button>
        </p>
      </form>
    </section>
  );
}
