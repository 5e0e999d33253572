/** Small pages: the report thank-you and error pages. */
import type { ErrorCode } from '../platform/errors.js';
import { Layout } from './layout.js';
import { link, type PageContext } from './page-context.js';
import type { MessageId } from './i18n/translator.js';

/** After a report was stored (or quietly dropped as spam: the robot cannot tell). */
export function ReportThanksPage({
  ctx,
  slug,
  name,
}: {
  ctx: PageContext;
  slug: string;
  name: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('report.thanks.title')}>
      <h1>{t('report.thanks.title')}</h1>
      <p role="status">{t('report.thanks.body')}</p>
      <p>
        <a href={link(ctx, `/meetings/${slug}`)}>{t('report.thanks.back', { name })}</a>
      </p>
    </Layout>
  );
}

/**
 * What the service worker shows for a page it has no copy of while offline (it keeps this page
 * in both languages from its install): what still opens, and the saved meetings (an island
 * lists them from the device's storage).
 */
export function OfflinePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('offline.title')}>
      <h1>{t('offline.title')}</h1>
      <p>{t('offline.body')}</p>
      <p>{t('offline.kept')}</p>
      <ul>
        <li>
          <a href={link(ctx, '/')}>{t('offline.search')}</a>
        </li>
        <li>
          <a href={link(ctx, '/help')}>{t('offline.help')}</a>
        </li>
        <li>{t('offline.meetings')}</li>
      </ul>
      <div data-my-meetings="" />
    </Layout>
  );
}

export interface ErrorPageProps {
  ctx: PageContext;
  title: MessageId;
  body: MessageId;
  /** The stable machine code, shown so a person can quote it and tests can find it. */
  code: ErrorCode;
  /** What went wrong in the catalogue's words, in the reader's language, when the body is general. */
  message?: string;
}

/** An error as a page: what happened in words, the stable code, and a way on. */
export function ErrorPage({ ctx, title, body, code, message }: ErrorPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(title)}>
      <h1>{t(title)}</h1>
      {message !== undefined && <p data-error-message>{message}</p>}
      <p>{t(body)}</p>
      <ErrorCodeAndWayOn ctx={ctx} code={code} />
    </Layout>
  );
}

/** The end of every error page: the stable code a person can quote, and a way on to the finder. */
export function ErrorCodeAndWayOn({ ctx, code }: { ctx: PageContext; code: ErrorCode }) {
  return (
    <>
      <p class="muted" data-error-code={code}>
        {ctx.t('error.code', { code })}
      </p>
      <p>
        <a href={link(ctx, '/')}>{ctx.t('error.findAnother')}</a>
      </p>
    </>
  );
}
