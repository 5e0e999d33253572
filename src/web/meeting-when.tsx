import type { Meeting } from '../meetings/model.js';
import { zoneName } from './intl-format.js';
import { link, type PageContext } from './page-context.js';
import type { ZonedDisplay } from '../search/occurrences.js';
import { describeDuration, describeRecurrence } from './schedule-words.js';
import { upcomingOccurrences } from './upcoming.js';

interface WhenProps {
  ctx: PageContext;
  meeting: Meeting;
  now: number;
  viewerZone: string | undefined;
}

/** The schedule in words, the next three meetings (in both zones), and "add to calendar". */
export function WhenSection({ ctx, meeting, now, viewerZone }: WhenProps) {
  const { t, locale } = ctx;
  const upcoming = upcomingOccurrences(meeting, now, locale, viewerZone);
  const timed = meeting.schedule.some((r) => r.kind !== 'by_appointment');
  return (
    <section aria-labelledby="when">
      <h2 id="when">{t('when.heading')}</h2>
      <ul>
        {meeting.schedule.map((recurrence) => {
          const duration = describeDuration(recurrence, locale);
          const words = describeRecurrence(recurrence, t, locale);
          return <li>{duration === undefined ? words : `${words} (${duration})`}</li>;
        })}
      </ul>
      {timed && <p>{t('when.zone', { zone: zoneName(meeting.timeZone, locale, now) })}</p>}
      {timed && (
        <>
          <h3>{t('when.next')}</h3>
          {upcoming.length === 0 ? (
            <p>{t('when.none')}</p>
          ) : (
            <ol>
              {upcoming.map((o) => (
                <li>
                  <time dateTime={new Date(o.start).toISOString()}>
                    {t('when.occurrence', shown(o.local))}
                  </time>
                  {o.inProgress && <strong> · {t('when.inProgress')}</strong>}
                  {o.viewer !== undefined && (
                    <>
                      <br />
                      <span class="muted">{t('when.yourTime', shown(o.viewer))}</span>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
          <p>
            <a href={link(ctx, `/meetings/${meeting.slug}.ics`)} download={`${meeting.slug}.ics`}>
              {t('when.calendar')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

function shown({ date, time, zoneName }: ZonedDisplay): Record<string, string> {
  return { date, time, zone: zoneName };
}
