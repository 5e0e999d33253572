/** `/review/stale`: meetings in the editor's scope nobody has confirmed for a while. */
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import { formatInstant } from '../pages/dates.js';
import { CsrfField } from '../../web/kit/form-parts.js';
import { lastConfirmed, staleDaysRange, type ScopedMeeting } from './stale-meetings.js';

export function StalePage(props: {
  ctx: PageContext;
  csrf: string;
  days: number;
  meetings: readonly ScopedMeeting[];
}) {
  const { ctx, csrf, days, meetings } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('edit.stale.title')}>
      <p>
        <a href={link(ctx, '/review')}>{t('change.queue.back')}</a>
      </p>
      <h1>{t('edit.stale.title')}</h1>
      <form method="get" action={link(ctx, '/review/stale')}>
        <label for="stale-days">{t('edit.stale.days')}</label>
        <input
          id="stale-days"
          name="days"
          type="number"
          min={staleDaysRange.min}
          max={staleDaysRange.max}
          value={String(days)}
        />
        <button type="submit">{t('edit.stale.show')}</button>
      </form>
      <p>{t('edit.stale.count', { count: meetings.length, days })}</p>
      <ul>
        {meetings.map(({ meeting }) => (
          <li data-stale={meeting.slug}>
            <a href={link(ctx, `/meetings/${meeting.slug}/edit`)}>{meeting.name}</a>{' '}
            <span class="muted">
              {meeting.provenance.lastVerifiedAt === undefined
                ? t('edit.stale.never', { since: formatInstant(lastConfirmed(meeting), locale) })
                : t('edit.verify.last', {
                    at: formatInstant(meeting.provenance.lastVerifiedAt, locale),
                  })}
            </span>
            <form method="post" action={link(ctx, `/meetings/${meeting.slug}/verify`)}>
              <CsrfField token={csrf} />
              <input type="hidden" name="next" value="stale" />
              <button type="submit">{t('edit.verify.submit')}</button>
            </form>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
