import type { VNode } from 'preact';
import type { ErrorCode } from '../platform/errors.js';
import type { ErrorResponse } from '../platform/http/error-response.js';
import { errorMessage } from '../web/i18n/error-messages.js';
import { Layout } from '../web/layout.js';
import type { PageContext } from '../web/page-context.js';
import { ErrorCodeAndWayOn } from '../web/simple-pages.js';

export interface PrintErrorProps {
  ctx: PageContext;
  /** The stable machine code, shown so a person can quote it and tests can find it. */
  code: ErrorCode;
  /** The search parameter at fault, when one is. */
  field?: string;
  /** The explanation naming the parameter, in the reader's language. */
  message?: string;
}

/**
 * A print that could not be made, as a page rather than a broken PDF: the browser shows it in
 * place of the download, names the part of the search to change and the stable code.
 */
export function PrintErrorPage({ ctx, code, field, message }: PrintErrorProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('print.error.title')}>
      <h1>{t('print.error.title')}</h1>
      {field !== undefined && <p>{t('print.error.field', { field, message: message ?? '' })}</p>}
      <p>{t(code === 'PL_RATE_LIMITED' ? 'print.error.rateLimited' : 'print.error.body')}</p>
      <ErrorCodeAndWayOn ctx={ctx} code={code} />
    </Layout>
  );
}

/** The page of a failed print, from the one error mapping's answer. */
export function printErrorPage(ctx: PageContext, failure: ErrorResponse): VNode {
  const { code, field } = failure;
  const message = errorMessage(ctx.locale, failure);
  return (
    <PrintErrorPage ctx={ctx} code={code} {...(field !== undefined ? { field, message } : {})} />
  );
}
