/**
 * The parts every page's forms are made of, written once so that each says the same to a
 * screen reader: the CSRF field, a notice, a labelled field with its hint, the form for a code
 * a person was sent, and a period of days. Plain HTML: no script.
 */
import type { ComponentChildren } from 'preact';
import { link, type PageContext } from '../page-context.js';

/** The hidden CSRF field of a form that the site's session posts. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** Where a form posts: a page of the site, in the reader's language. */
interface PostTarget {
  ctx: PageContext;
  action: string;
}

/** A form that is one button, posted with the session's CSRF token (verify, delete, revert). */
export function PostButton(props: PostTarget & { csrf: string; children: ComponentChildren }) {
  return (
    <form method="post" action={link(props.ctx, props.action)}>
      <CsrfField token={props.csrf} />
      <button type="submit">{props.children}</button>
    </form>
  );
}

/**
 * What just happened (`status`: saved, sent) or what must be put right (`alert`), at the top of
 * a page; nothing when there is nothing to say.
 */
export function Notice({
  role = 'status',
  children,
}: {
  role?: 'status' | 'alert';
  children: ComponentChildren;
}) {
  if (children === undefined || children === false || children === null) return null;
  return (
    <p class="notice" role={role}>
      {children}
    </p>
  );
}

/** The id of a field's hint, for the input's `aria-describedby`. */
export const hintId = (id: string) => `${id}-hint`;

/**
 * A labelled field: the label tied to the control by `id`, the control, and a hint after it
 * (give the control `aria-describedby={hintId(id)}`).
 */
export function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <p class="field">
      <label for={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <span id={hintId(id)} class="muted">
          {hint}
        </span>
      )}
    </p>
  );
}

/**
 * The form for a code a person was sent by text or email, typed or filled in by the phone:
 * posted to `action`, the secret link's own page (no session, so no CSRF token).
 */
export function CodeForm({
  ctx,
  action,
  id,
  label,
  pattern,
  maxLength,
  submit,
}: PostTarget & {
  id: string;
  label: ComponentChildren;
  pattern: string;
  maxLength: number;
  submit: ComponentChildren;
}) {
  return (
    <form method="post" action={link(ctx, action)}>
      <Field id={id} label={label}>
        <input
          id={id}
          name="code"
          required
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern={pattern}
          maxLength={maxLength}
        />
      </Field>
      <button type="submit">{submit}</button>
    </form>
  );
}

/** The first and last days of a period, and the button that shows it (a GET form's line). */
export function PeriodFields({
  ctx,
  idPrefix,
  from,
  to,
}: {
  ctx: PageContext;
  idPrefix: string;
  from: string;
  to: string;
}) {
  const { t } = ctx;
  return (
    <>
      <label for={`${idPrefix}-from`}>{t('demand.from')}</label>{' '}
      <input id={`${idPrefix}-from`} name="from" type="date" value={from} />{' '}
      <label for={`${idPrefix}-to`}>{t('demand.to')}</label>{' '}
      <input id={`${idPrefix}-to`} name="to" type="date" value={to} />{' '}
      <button type="submit">{t('demand.show')}</button>
    </>
  );
}
