/** History pages: one meeting's (`/meetings/:slug/history`) and a service body's. */
import type { Meeting } from '../../meetings/model.js';
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import type { ServiceBodyNode } from '../model.js';
import { formatInstant } from '../pages/dates.js';
import { PostButton } from '../../web/kit/form-parts.js';
import { ChangeList } from './change-list.js';
import { actionLabel, describeValue, fieldLabel } from './describe-change.js';
import type { Override } from './model.js';
import type { HistoryLine, Names } from './view-history.js';

export function MeetingHistoryPage(props: {
  ctx: PageContext;
  csrf: string;
  meeting: Meeting;
  removed: boolean;
  lines: readonly HistoryLine[];
  overrides: readonly Override[];
  names: Names;
}) {
  const { ctx, meeting } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('history.meeting.title', { name: meeting.name })}>
      <h1>{t('history.meeting.title', { name: meeting.name })}</h1>
      {props.removed ? (
        <p class="notice">{t('history.removedNotice')}</p>
      ) : (
        <p>
          <a href={link(ctx, `/meetings/${meeting.slug}`)}>{t('edit.viewPublic')}</a> ·{' '}
          <a href={link(ctx, `/meetings/${meeting.slug}/edit`)}>{t('edit.link')}</a>
        </p>
      )}
      {props.overrides.length > 0 && (
        <section aria-labelledby="overrides-heading">
          <h2 id="overrides-heading">{t('history.overrides.heading')}</h2>
          <p>{t('history.overrides.intro')}</p>
          <ul>
            {props.overrides.map((o) => (
              <li data-override={o.field}>
                {fieldLabel(ctx, o.field)}: {describeValue(ctx, o.field, o.value, meeting.program)}{' '}
                <span class="muted">
                  (
                  {t('history.overrides.source', {
                    value: describeValue(ctx, o.field, o.base, meeting.program),
                  })}
                  )
                </span>
                {o.conflict !== undefined && <strong> {t('history.overrides.conflict')}</strong>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <HistoryList {...props} program={meeting.program} />
    </Layout>
  );
}

export function BodyHistoryPage(props: {
  ctx: PageContext;
  csrf: string;
  body?: ServiceBodyNode | undefined;
  lines: readonly HistoryLine[];
  conflicts: readonly (Override & { slug?: string; name?: string })[];
  names: Names;
}) {
  const { ctx, body } = props;
  const { t } = ctx;
  const title =
    body === undefined ? t('history.site.title') : t('history.body.title', { name: body.name });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {body !== undefined && (
        <p>
          <a href={link(ctx, `/admin/service-bodies/${body.id}`)}>{body.name}</a>
        </p>
      )}
      {props.conflicts.length > 0 && (
        <section aria-labelledby="conflicts-heading">
          <h2 id="conflicts-heading">{t('edit.conflicts.heading')}</h2>
          <ul>
            {props.conflicts.map((c) => (
              <li data-conflict={c.field}>
                {c.slug !== undefined ? (
                  <a href={link(ctx, `/meetings/${c.slug}/edit`)}>{c.name ?? c.slug}</a>
                ) : (
                  c.meetingId
                )}
                : {fieldLabel(ctx, c.field)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <HistoryList {...props} showMeeting />
    </Layout>
  );
}

function HistoryList(props: {
  ctx: PageContext;
  csrf: string;
  lines: readonly HistoryLine[];
  names: Names;
  program?: string;
  showMeeting?: boolean;
}) {
  const { ctx, csrf, names } = props;
  const { t, locale } = ctx;
  if (props.lines.length === 0) return <p>{t('history.empty')}</p>;
  return (
    <ol class="history">
      {props.lines.map((line) => {
        const who =
          line.actorId !== undefined
            ? t('history.by.person', {
                name: names.people.get(line.actorId) ?? line.actorId.slice(0, 8),
              })
            : line.actorSourceId !== undefined
              ? t('history.by.source', { name: names.sources.get(line.actorSourceId) ?? '?' })
              : t('history.by.operator');
        return (
          <li data-entry={line.id} data-action={line.action}>
            <h2>
              {actionLabel(ctx, line.action)}
              {props.showMeeting === true && (
                <>
                  {': '}
                  <a href={link(ctx, `/meetings/${line.slug}/history`)}>
                    {line.snapshot?.name ?? line.slug}
                  </a>
                </>
              )}
            </h2>
            <p class="muted">
              {formatInstant(line.at, locale)} · {who}
              {line.undone && ` · ${t('history.undone')}`}
            </p>
            {line.changes.length > 0 && (
              <ChangeList
                ctx={ctx}
                changes={line.changes}
                program={props.program ?? line.snapshot?.program}
              />
            )}
            {line.offer !== undefined && (
              <PostButton ctx={ctx} action={`/history/${line.id}/${line.offer}`} csrf={csrf}>
                {t(`history.${line.offer}`)}
              </PostButton>
            )}
          </li>
        );
      })}
    </ol>
  );
}
