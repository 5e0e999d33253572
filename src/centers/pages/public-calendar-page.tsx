/**
 * A center's public calendar (`/centers/{slug}/events`): its public groups, classes and events
 * for the next four weeks, and how often each meets. No sign-in, no script, nothing about
 * members; a center with no public event has no such page.
 */
import { Layout } from '../../web/layout.js';
import type { PageContext } from '../../web/page-context.js';
import { zoneName } from '../../web/intl-format.js';
import type { Center } from '../model.js';
import type { CenterEvent, EventOccurrence } from '../events/model.js';
import { NextWeeks, SeriesHeading } from './calendar-page.js';

/** The center's address on one line. */
export function addressLine(center: Center): string | undefined {
  const p = center.place;
  if (p === undefined) return undefined;
  const cityLine = [p.city, [p.region, p.postalCode].filter((v) => v !== undefined).join(' ')]
    .filter((v) => v !== '')
    .join(', ');
  return [p.street, cityLine].filter((v) => v !== undefined && v !== '').join(', ');
}

export function PublicCalendarPage({
  ctx,
  center,
  occurrences,
  events,
  now,
}: {
  ctx: PageContext;
  center: Center;
  occurrences: readonly EventOccurrence[];
  events: readonly CenterEvent[];
  now: number;
}) {
  const { t } = ctx;
  const zone = center.timeZone;
  const title = t('center.public.title', { name: center.name });
  const address = addressLine(center);
  const series = events.filter((e) => e.repeat !== 'once');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t('center.public.intro', { name: center.name })}</p>
      {address !== undefined && <p>{t('center.public.where', { address })}</p>}
      <p class="muted">{t('center.public.zone', { zone: zoneName(zone, ctx.locale, now) })}</p>
      <NextWeeks
        ctx={ctx}
        occurrences={occurrences}
        zone={zone}
        heading={t('center.public.next')}
        none={t('center.public.none')}
      />
      {series.length > 0 && (
        <section aria-labelledby="regular">
          <h2 id="regular">{t('center.public.regular')}</h2>
          <ul class="list">
            {series.map((e) => (
              <li class="result">
                <SeriesHeading ctx={ctx} event={e} />
                {e.description !== undefined && <p>{e.description}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
