/** `/review`: the queue of public suggestions, and one suggestion with approve / edit / reject. */
import type { FeedProblem } from '../../platform/errors.js';
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import { formatInstant } from '../pages/dates.js';
import { CsrfField } from '../../web/kit/form-parts.js';
import { MeetingFormFields, ProblemSummary, fieldId } from '../editing/meeting-form-fields.js';
import type { FormInput } from '../editing/meeting-form.js';
import { ChangeList } from '../history/change-list.js';
import { MAX_REASON } from './model.js';
import type { QueuedRequest } from './review-requests.js';

export function ReviewQueuePage(props: {
  ctx: PageContext;
  queue: readonly QueuedRequest[];
  isAdministrator: boolean;
}) {
  const { ctx, queue } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('change.queue.title')}>
      <h1>{t('change.queue.title')}</h1>
      <p>
        <a href={link(ctx, '/review/stale')}>{t('edit.stale.title')}</a> ·{' '}
        <a href={link(ctx, '/new-meeting')}>{t('edit.new.title')}</a>
        {props.isAdministrator && (
          <>
            {' · '}
            <a href={link(ctx, '/history')}>{t('history.site.title')}</a>
          </>
        )}
      </p>
      {queue.length === 0 ? (
        <p>{t('change.queue.empty')}</p>
      ) : (
        <ul>
          {queue.map(({ request, meeting }) => (
            <li data-request={request.id}>
              <a href={link(ctx, `/review/${request.id}`)}>
                {request.kind === 'new'
                  ? t('change.queue.new', { name: request.draft?.name ?? '' })
                  : t('change.queue.correction', { name: meeting?.name ?? '?' })}
              </a>{' '}
              <span class="muted">
                {formatInstant(request.createdAt, locale)} ·{' '}
                {t('change.queue.fields', { count: request.changes.length })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export interface ReviewPageProps {
  ctx: PageContext;
  csrf: string;
  item: QueuedRequest;
  /** The proposed meeting in the form, for "edit then approve". */
  values: FormInput;
  problems: readonly FeedProblem[];
  /** For a new meeting: the bodies the reviewer may place it under ('' is the whole site). */
  bodies: readonly { id: string; name: string }[];
}

export function ReviewPage(props: ReviewPageProps) {
  const { ctx, csrf, item } = props;
  const { request, meeting } = item;
  const { t, locale } = ctx;
  const title =
    request.kind === 'new'
      ? t('change.queue.new', { name: request.draft?.name ?? '' })
      : t('change.queue.correction', { name: meeting?.name ?? '?' });
  const base = `/review/${request.id}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={link(ctx, '/review')}>{t('change.queue.back')}</a>
      </p>
      <h1>{title}</h1>
      <p class="muted">
        {formatInstant(request.createdAt, locale)}
        {request.wantsOutcome === true && ` · ${t('change.review.wantsOutcome')}`}
      </p>
      {meeting !== undefined && (
        <p>
          <a href={link(ctx, `/meetings/${meeting.slug}`)}>{t('edit.viewPublic')}</a>
        </p>
      )}
      {request.note !== undefined && (
        <section aria-labelledby="note-heading">
          <h2 id="note-heading">{t('change.note')}</h2>
          <p class="notes">{request.note}</p>
        </section>
      )}
      <h2>{t('change.review.changes')}</h2>
      <ChangeList
        ctx={ctx}
        changes={request.changes}
        program={meeting?.program ?? request.draft?.program}
      />
      {request.status !== 'open' ? (
        <p class="notice">{t('change.review.closed')}</p>
      ) : (
        <>
          <form method="post" action={link(ctx, `${base}/approve`)}>
            <CsrfField token={csrf} />
            {request.kind === 'new' && (
              <BodyChoice ctx={ctx} bodies={props.bodies} id="approve-body" />
            )}
            <button type="submit">{t('change.review.approve')}</button>
          </form>
          <section aria-labelledby="edit-approve-heading">
            <h2 id="edit-approve-heading">{t('change.review.editHeading')}</h2>
            <ProblemSummary ctx={ctx} problems={props.problems} />
            <form method="post" action={link(ctx, `${base}/approve`)} novalidate>
              <CsrfField token={csrf} />
              <input type="hidden" name="edited" value="yes" />
              {request.kind === 'new' && (
                <BodyChoice ctx={ctx} bodies={props.bodies} id="edit-body" />
              )}
              <MeetingFormFields ctx={ctx} values={props.values} problems={props.problems} />
              <button type="submit">{t('change.review.editApprove')}</button>
            </form>
          </section>
          <section aria-labelledby="reject-heading">
            <h2 id="reject-heading">{t('change.review.rejectHeading')}</h2>
            <form method="post" action={link(ctx, `${base}/reject`)}>
              <CsrfField token={csrf} />
              <label for={fieldId('reason')}>{t('change.review.reason')}</label>
              <textarea
                id={fieldId('reason')}
                name="reason"
                rows={3}
                maxLength={MAX_REASON}
                required
              />
              <button type="submit">{t('change.review.reject')}</button>
            </form>
          </section>
        </>
      )}
    </Layout>
  );
}

function BodyChoice(props: {
  ctx: PageContext;
  bodies: readonly { id: string; name: string }[];
  id: string;
}) {
  const { t } = props.ctx;
  return (
    <>
      <label for={props.id}>{t('edit.new.body')}</label>
      <select id={props.id} name="serviceBodyId">
        {props.bodies.map((b) => (
          <option value={b.id}>{b.id === '' ? t('edit.new.wholeSite') : b.name}</option>
        ))}
      </select>
    </>
  );
}
