/** `/meetings/:slug/edit`: the meeting form, a preview, conflicts with the source, and actions. */
import type { Meeting } from '../../meetings/model.js';
import type { SourceLabel } from '../../meetings/present-meeting.js';
import type { FeedProblem } from '../../platform/errors.js';
import { Layout } from '../../web/layout.js';
import { DetailsSection } from '../../web/meeting-details.js';
import { JoinSection } from '../../web/meeting-join.js';
import { WhenSection } from '../../web/meeting-when.js';
import { WhereSection } from '../../web/meeting-where.js';
import { link, type PageContext } from '../../web/page-context.js';
import { formatInstant } from '../pages/dates.js';
import { CsrfField, PostButton } from '../../web/kit/form-parts.js';
import { describeValue, fieldLabel } from '../history/describe-change.js';
import type { Override } from '../history/model.js';
import { MeetingFormFields, ProblemSummary } from './meeting-form-fields.js';
import type { FormInput } from './meeting-form.js';
import { Notice } from '../../web/kit/form-parts.js';

export interface EditMeetingPageProps {
  ctx: PageContext;
  csrf: string;
  meeting: Meeting;
  source: SourceLabel;
  values: FormInput;
  problems: readonly FeedProblem[];
  /** The meeting as the form would leave it, when a preview was asked for. */
  preview?: Meeting | undefined;
  conflicts: readonly Override[];
  /** Fields the meeting holds against its source. */
  overridden: readonly Override[];
  canVerify: boolean;
  canDelete: boolean;
  now: number;
  saved?: boolean;
}

export function EditMeetingPage(props: EditMeetingPageProps) {
  const { ctx, csrf, meeting } = props;
  const { t, locale } = ctx;
  const base = `/meetings/${meeting.slug}`;
  return (
    <Layout ctx={ctx} title={t('edit.title', { name: meeting.name })}>
      <h1>{t('edit.title', { name: meeting.name })}</h1>
      <p>
        <a href={link(ctx, base)}>{t('edit.viewPublic')}</a> ·{' '}
        <a href={link(ctx, `${base}/history`)}>{t('history.link')}</a> ·{' '}
        <a href={link(ctx, '/review')}>{t('change.queue.title')}</a>
      </p>
      {props.saved === true && <Notice>{t('edit.saved')}</Notice>}
      {props.conflicts.length > 0 && <Conflicts {...props} />}
      <ProblemSummary ctx={ctx} problems={props.problems} />
      {props.preview !== undefined && (
        <section aria-labelledby="preview-heading" class="preview">
          <h2 id="preview-heading">{t('edit.preview.heading')}</h2>
          <p class="muted">{t('edit.preview.intro')}</p>
          <h3>{props.preview.name}</h3>
          <WhenSection ctx={ctx} meeting={props.preview} now={props.now} viewerZone={undefined} />
          {props.preview.attendance !== 'online' && (
            <WhereSection ctx={ctx} meeting={props.preview} />
          )}
          <JoinSection ctx={ctx} meeting={props.preview} />
          <DetailsSection ctx={ctx} meeting={props.preview} source={props.source} />
        </section>
      )}
      {props.overridden.length > 0 && (
        <p class="muted" data-overridden={props.overridden.map((o) => o.field).join(' ')}>
          {t('edit.overridden', {
            fields: props.overridden.map((o) => fieldLabel(ctx, o.field)).join(', '),
          })}
        </p>
      )}
      <form method="post" action={link(ctx, `${base}/edit`)} novalidate>
        <CsrfField token={csrf} />
        <MeetingFormFields ctx={ctx} values={props.values} problems={props.problems} />
        <button type="submit" name="intent" value="preview">
          {t('edit.preview')}
        </button>{' '}
        <button type="submit" name="intent" value="save">
          {t('edit.save')}
        </button>
      </form>
      <section aria-labelledby="verify-heading">
        <h2 id="verify-heading">{t('edit.verify.heading')}</h2>
        <p>
          {meeting.provenance.lastVerifiedAt === undefined
            ? t('edit.verify.never')
            : t('edit.verify.last', {
                at: formatInstant(meeting.provenance.lastVerifiedAt, locale),
              })}
        </p>
        {props.canVerify && (
          <PostButton ctx={ctx} action={`${base}/verify`} csrf={csrf}>
            {t('edit.verify.submit')}
          </PostButton>
        )}
      </section>
      {props.canDelete && (
        <section aria-labelledby="delete-heading">
          <h2 id="delete-heading">{t('edit.delete.heading')}</h2>
          <p>{t('edit.delete.intro')}</p>
          <PostButton ctx={ctx} action={`${base}/delete`} csrf={csrf}>
            {t('edit.delete.submit')}
          </PostButton>
        </section>
      )}
    </Layout>
  );
}

function Conflicts({ ctx, csrf, meeting, conflicts }: EditMeetingPageProps) {
  const { t } = ctx;
  return (
    <section aria-labelledby="conflicts-heading" class="notice" data-conflicts={conflicts.length}>
      <h2 id="conflicts-heading">{t('edit.conflicts.heading')}</h2>
      <p>{t('edit.conflicts.intro')}</p>
      {conflicts.map((o) => (
        <div data-conflict={o.field}>
          <h3>{fieldLabel(ctx, o.field)}</h3>
          <dl>
            <dt>{t('edit.conflicts.theirsBefore')}</dt>
            <dd>{describeValue(ctx, o.field, o.conflict?.before, meeting.program)}</dd>
            <dt>{t('edit.conflicts.theirsNow')}</dt>
            <dd>{describeValue(ctx, o.field, o.conflict?.after, meeting.program)}</dd>
            <dt>{t('edit.conflicts.mine')}</dt>
            <dd>{describeValue(ctx, o.field, o.value, meeting.program)}</dd>
          </dl>
          <form method="post" action={link(ctx, `/meetings/${meeting.slug}/conflicts`)}>
            <CsrfField token={csrf} />
            <input type="hidden" name="field" value={o.field} />
            <button type="submit" name="choice" value="mine">
              {t('edit.conflicts.keepMine')}
            </button>{' '}
            <button type="submit" name="choice" value="theirs">
              {t('edit.conflicts.takeTheirs')}
            </button>
          </form>
        </div>
      ))}
    </section>
  );
}
