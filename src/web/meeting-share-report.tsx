import { problemKinds, MAX_REPORT_MESSAGE } from '../reports/model.js';
import { link, type PageContext } from './page-context.js';

/**
 * The meeting's address to copy. It is the unprefixed URL on purpose: the person it is sent to
 * gets the page in their own browser's language. (A Web Share button would need client script;
 * this works everywhere with none.)
 */
export function ShareSection({ ctx, slug }: { ctx: PageContext; slug: string }) {
  const { t } = ctx;
  const url = `${ctx.publicUrl}/meetings/${slug}`;
  return (
    <section aria-labelledby="share">
      <h2 id="share">{t('share.heading')}</h2>
      <label for="share-url">{t('share.label')}</label>
      <input id="share-url" type="url" readOnly value={url} aria-describedby="share-hint" />
      <p id="share-hint" class="muted">
        {t('share.hint')}
      </p>
    </section>
  );
}

/**
 * "Report a problem": a plain POST form that works without script. The `website` field is a
 * honeypot: hidden from people (off screen, out of the tab order, hidden from screen readers),
 * filled in by form-spamming robots.
 */
export function ReportSection({ ctx, slug }: { ctx: PageContext; slug: string }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="report">
      <h2 id="report">{t('report.heading')}</h2>
      <p>{t('report.intro')}</p>
      <form method="post" action={link(ctx, `/meetings/${slug}/report`)}>
        <fieldset>
          <legend>{t('report.kind')}</legend>
          {problemKinds.map((kind, i) => (
            <label>
              <input type="radio" name="kind" value={kind} required={i === 0} />{' '}
              {t(`report.kind.${kind}`)}
            </label>
          ))}
        </fieldset>
        <label for="report-message">{t('report.message')}</label>
        <textarea id="report-message" name="message" rows={4} maxLength={MAX_REPORT_MESSAGE} />
        <div class="hp" aria-hidden="true">
          <label for="report-website">{t('report.honeypot')}</label>
          <input id="report-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit">{t('report.submit')}</button>
      </form>
      {/* The longer path: a corrected listing, field by field, that an editor approves. */}
      <p>
        <a href={link(ctx, `/meetings/${slug}/suggest`)}>{t('change.suggestLink')}</a>
        {' · '}
        <a href={link(ctx, `/meetings/${slug}/edit`)} rel="nofollow">
          {t('edit.editLink')}
        </a>
      </p>
    </section>
  );
}
