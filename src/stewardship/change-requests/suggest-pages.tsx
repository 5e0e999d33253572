/**
 * The public suggestion forms: "suggest a correction" (`/meetings/:slug/suggest`, pre-filled with
 * the meeting as listed) and "add a meeting" (`/suggest`). No account; a honeypot and a signed
 * time keep robots out, and the optional address is used once, for the outcome.
 */
import type { FeedProblem } from '../../platform/errors.js';
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import { CsrfField } from '../../web/kit/form-parts.js';
import {
  Field,
  MeetingFormFields,
  ProblemSummary,
  SuggestedMeetingFields,
  fieldId,
} from '../editing/meeting-form-fields.js';
import { formText, type FormInput } from '../editing/meeting-form.js';
import { FORM_TIME_FIELD, HONEYPOT_FIELD } from './form-timing.js';
import { MAX_NOTE } from './model.js';

export interface SuggestPageProps {
  ctx: PageContext;
  csrf: string;
  formTime: string;
  values: FormInput;
  problems: readonly FeedProblem[];
  /** The meeting a correction is for; absent for a new meeting. */
  meeting?: { slug: string; name: string } | undefined;
}

export function SuggestPage(props: SuggestPageProps) {
  const { ctx, meeting, values, problems } = props;
  const { t } = ctx;
  const title =
    meeting === undefined
      ? t('change.new.title')
      : t('change.correct.title', { name: meeting.name });
  const action = meeting === undefined ? '/suggest' : `/meetings/${meeting.slug}/suggest`;
  const problemOf = (name: string) => problems.filter((p) => p.field === name);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{meeting === undefined ? t('change.new.intro') : t('change.correct.intro')}</p>
      {meeting !== undefined && (
        <p>
          {t('change.correct.quick')}{' '}
          <a href={`${link(ctx, `/meetings/${meeting.slug}`)}#report`}>
            {t('change.correct.quickLink')}
          </a>
        </p>
      )}
      <ProblemSummary ctx={ctx} problems={problems} />
      <form method="post" action={link(ctx, action)} novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name={FORM_TIME_FIELD} value={props.formTime} />
        {meeting === undefined ? (
          <SuggestedMeetingFields ctx={ctx} values={values} problems={problems} />
        ) : (
          <MeetingFormFields ctx={ctx} values={values} problems={problems} />
        )}
        <fieldset>
          <legend>{t('change.about')}</legend>
          <Field
            ctx={ctx}
            name="note"
            label={t('change.note')}
            problems={problemOf('note')}
            hint={t('change.note.hint')}
          >
            {(describedBy) => (
              <textarea
                id={fieldId('note')}
                name="note"
                rows={4}
                maxLength={MAX_NOTE}
                aria-describedby={describedBy}
              >
                {formText(values, 'note')}
              </textarea>
            )}
          </Field>
          <Field
            ctx={ctx}
            name="email"
            label={t('change.email')}
            problems={problemOf('email')}
            hint={t('change.email.hint')}
          >
            {(describedBy) => (
              <input
                id={fieldId('email')}
                name="email"
                type="email"
                autoComplete="email"
                value={formText(values, 'email')}
                aria-describedby={describedBy}
              />
            )}
          </Field>
        </fieldset>
        <div class="hp" aria-hidden="true">
          <label for="suggest-website">{t('report.honeypot')}</label>
          <input
            id="suggest-website"
            name={HONEYPOT_FIELD}
            type="text"
            tabIndex={-1}
            autoComplete="off"
          />
        </div>
        <button type="submit">{t('change.submit')}</button>
      </form>
    </Layout>
  );
}

export function SuggestThanksPage({ ctx, slug }: { ctx: PageContext; slug?: string | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('change.thanks.title')}>
      <h1>{t('change.thanks.title')}</h1>
      <p>{t('change.thanks.body')}</p>
      <p>
        {slug !== undefined ? (
          <a href={link(ctx, `/meetings/${slug}`)}>{t('change.thanks.back')}</a>
        ) : (
          <a href={link(ctx, '/')}>{t('nav.home')}</a>
        )}
      </p>
    </Layout>
  );
}
