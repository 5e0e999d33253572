/**
 * The front desk: find a member by chosen name and check them in with one more tap (a plain
 * form per name, so it works on a tablet without JavaScript), and the day's check-ins.
 */
import { link } from '../../web/page-context.js';
import type { DeskCheckIn } from '../front-desk.js';
import type { MemberMatch } from '../members/members.js';
import { roleMay } from '../model.js';
import { formatTime } from './center-dates.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from './center-frame.js';
import { Notice } from '../../web/kit/form-parts.js';

export interface DeskPageProps {
  view: DeskView;
  query: string;
  /** The members found, when a search was made. */
  matches?: readonly MemberMatch[];
  /** The day's check-ins, on the desk's resting view (not beside a search's results). */
  today?: readonly DeskCheckIn[];
  checkedIn: boolean;
}

export function DeskPage({ view, query, matches, today, checkedIn }: DeskPageProps) {
  const { ctx, access } = view;
  const { t } = ctx;
  const mayRead = roleMay(access.role, 'member.read');
  const memberLink = (id: string) => link(ctx, centerPath(access, `/members/${id}`));
  return (
    <CenterFrame view={view} title={t('center.desk.title')}>
      <h1>{t('center.desk.title')}</h1>
      {checkedIn && <Notice>{t('center.desk.checkedIn')}</Notice>}
      <form method="get" action={link(ctx, centerPath(access))} role="search">
        <p class="field">
          <label for="q">{t('center.desk.find')}</label>
          <span id="q-hint" class="muted">
            {t('center.desk.find.hint')}
          </span>
          <span class="row">
            <input
              id="q"
              name="q"
              type="search"
              value={query}
              maxLength={100}
              autocomplete="off"
              aria-describedby="q-hint"
            />
            <button type="submit">{t('center.desk.search')}</button>
          </span>
        </p>
      </form>
      {matches !== undefined && (
        <section aria-labelledby="found">
          <h2 id="found">{t('center.desk.results', { count: matches.length })}</h2>
          <ul class="list">
            {matches.map((m) => (
              <li data-member={m.id}>
                <form
                  method="post"
                  action={link(ctx, centerPath(access, '/check-ins'))}
                  class="row"
                >
                  <Csrf view={view} />
                  <input type="hidden" name="memberId" value={m.id} />
                  {mayRead ? (
                    <a href={memberLink(m.id)}>{m.chosenName}</a>
                  ) : (
                    <span>{m.chosenName}</span>
                  )}
                  <button type="submit">{t('center.desk.checkIn', { name: m.chosenName })}</button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      )}
      {today !== undefined && (
        <section aria-labelledby="today">
          <h2 id="today">{t('center.desk.today')}</h2>
          {today.length === 0 ? (
            <p>{t('center.desk.todayNone')}</p>
          ) : (
            <>
              <p class="muted">{t('center.desk.todayCount', { count: today.length })}</p>
              <ul class="list">
                {today.map((c) => (
                  <li data-check-in={c.encounterId}>
                    <time dateTime={c.at}>{formatTime(c.at, ctx.locale, view.timeZone)}</time>{' '}
                    {mayRead ? (
                      <a href={memberLink(c.memberId)}>{c.chosenName}</a>
                    ) : (
                      <span>{c.chosenName}</span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </CenterFrame>
  );
}
