/**
 * A member's page: what the center keeps about them, the way to record more, their BARC-10
 * chart and their timeline. Opening it is logged (member.read and member.timeline).
 */
import { link } from '../../web/page-context.js';
import type { Member } from '../members/model.js';
import { roleMay } from '../model.js';
import type { PlanGoal } from '../plans/model.js';
import type { TimelineItem } from '../timeline.js';
import { PlanSection } from './plan-section.js';
import { Barc10Chart } from './barc10-chart.js';
import { formatDay, formatDayTime } from './center-dates.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from './center-frame.js';
import { Notice } from '../../web/kit/form-parts.js';

export function MemberPage({
  view,
  member,
  timeline,
  plan,
  saved,
}: {
  view: DeskView;
  member: Member;
  timeline: readonly TimelineItem[];
  plan: readonly PlanGoal[];
  saved: boolean;
}) {
  const { ctx, access } = view;
  const { t } = ctx;
  const base = centerPath(access, `/members/${member.id}`);
  const contact = member.contact;
  const barc = timeline.flatMap((i) =>
    i.kind === 'assessment' ? [{ takenAt: i.takenAt, total: i.total }] : [],
  );
  const newestFirst = [...timeline].reverse();
  return (
    <CenterFrame view={view} title={member.chosenName}>
      <h1>{member.chosenName}</h1>
      {saved && <Notice>{t('center.member.saved')}</Notice>}
      <p class="muted">
        {t('center.member.since', { date: formatDay(member.createdAt, ctx.locale, view.timeZone) })}
      </p>
      <h2>{t('center.member.actions')}</h2>
      <ul class="list">
        <li>
          <form method="post" action={link(ctx, centerPath(access, '/check-ins'))}>
            <Csrf view={view} />
            <input type="hidden" name="memberId" value={member.id} />
            <input type="hidden" name="back" value="member" />
            <button type="submit">{t('center.desk.checkIn', { name: member.chosenName })}</button>
          </form>
        </li>
        <li>
          <a href={link(ctx, `${base}/encounters/new`)}>{t('center.member.addEncounter')}</a>
        </li>
        <li>
          <a href={link(ctx, `${base}/barc-10`)}>{t('center.member.addBarc')}</a>
        </li>
        {roleMay(access.role, 'member.write') && (
          <li>
            <a href={link(ctx, `${base}/edit`)}>{t('center.member.edit')}</a>
          </li>
        )}
        {roleMay(access.role, 'member.export') && (
          <li>
            <a href={link(ctx, `${base}/record.pdf`)} download>
              {t('center.member.recordPdf')}
            </a>
          </li>
        )}
        {roleMay(access.role, 'member.write') && (
          <li>
            <a href={link(ctx, `${base}/refer`)}>{t('referral.refer')}</a>
          </li>
        )}
      </ul>
      <h2>{t('center.member.about')}</h2>
      <dl>
        <dt>{t('center.member.engagement')}</dt>
        <dd>{t(`center.engagement.${member.engagement}`)}</dd>
        <dt>{t('center.member.pathways')}</dt>
        <dd>
          {member.pathways.length === 0
            ? t('center.member.none')
            : member.pathways.map((p) => t(`center.pathway.${p}`)).join(', ')}
        </dd>
        <dt>{t('center.member.contact')}</dt>
        <dd>
          {contact === undefined ||
          (contact.phone === undefined && contact.email === undefined && !contact.doNotContact) ? (
            t('center.member.noContact')
          ) : (
            <>
              {contact.doNotContact && <strong>{t('center.member.doNotContact')}</strong>}
              {contact.phone !== undefined && <span> {contact.phone}</span>}
              {contact.email !== undefined && <span> {contact.email}</span>}
              {contact.preferredChannel !== undefined && (
                <span>
                  {' '}
                  (
                  {t('center.member.prefers', {
                    channel: t(`center.channel.${contact.preferredChannel}`),
                  })}
                  )
                </span>
              )}
            </>
          )}
        </dd>
        {member.recoveryStartDate !== undefined && (
          <>
            <dt>{t('center.member.recoveryStart')}</dt>
            <dd>
              <time dateTime={member.recoveryStartDate}>
                {formatDay(`${member.recoveryStartDate}T12:00:00Z`, ctx.locale, 'UTC')}
              </time>
            </dd>
          </>
        )}
      </dl>
      <PlanSection view={view} memberId={member.id} goals={plan} />
      <h2>{t('center.barc.heading')}</h2>
      <Barc10Chart ctx={ctx} points={barc} timeZone={view.timeZone} />
      <p class="muted">{t('center.barc.credit')}</p>
      <h2>{t('center.member.timeline')}</h2>
      {newestFirst.length === 0 ? (
        <p>{t('center.member.timelineEmpty')}</p>
      ) : (
        <ol class="list" reversed>
          {newestFirst.map((item) => (
            <li data-timeline={item.kind}>
              <time dateTime={item.at}>{formatDayTime(item.at, ctx.locale, view.timeZone)}</time>
              {' · '}
              {item.kind === 'encounter' ? (
                <>
                  {t(`center.encounter.type.${item.type}`)} ·{' '}
                  {t('center.timeline.minutes', { minutes: item.durationMinutes })}
                  {item.note !== undefined && (
                    <p>
                      <span class="muted">{t('center.timeline.note')}:</span> {item.note}
                    </p>
                  )}
                </>
              ) : (
                t('center.timeline.barc', { total: item.total })
              )}
            </li>
          ))}
        </ol>
      )}
    </CenterFrame>
  );
}
