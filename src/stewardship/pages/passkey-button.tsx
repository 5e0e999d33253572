import type { PageContext } from '../../web/page-context.js';
import { PASSKEY_SCRIPT_PATH } from '../../accounts/client/passkey-script.js';
import { passkeyOriginProblem, passkeyOriginSuggestion } from '../../accounts/webauthn/origin.js';

interface PasskeyButtonProps {
  ctx: PageContext;
  mode: 'register' | 'sign-in';
  label: string;
  optionsUrl: string;
  verifyUrl: string;
  csrf: string;
}

/**
 * A passkey button with its status line and script. Hidden until the script finds WebAuthn, so a
 * browser without it never shows a button that cannot work; the noscript line says why. On an
 * address that cannot carry passkeys, or a page opened at another address than the site's own,
 * the page says what is wrong instead.
 */
export function PasskeyButton({
  ctx,
  mode,
  label,
  optionsUrl,
  verifyUrl,
  csrf,
}: PasskeyButtonProps) {
  const { t } = ctx;
  const status = `passkey-status-${mode}`;
  const origin = new URL(ctx.publicUrl).origin;
  const problem = passkeyOriginProblem(ctx.publicUrl);
  // A button that can only fail is not shown: the page says why, and what address works.
  if (problem !== undefined)
    return (
      <p class="notice" data-error-code="PL_PASSKEY_ORIGIN">
        {t(`account.passkey.origin.${problem}`, {
          url: origin,
          suggestion: passkeyOriginSuggestion(ctx.publicUrl),
        })}{' '}
        <span class="muted">[PL_PASSKEY_ORIGIN]</span>
      </p>
    );
  return (
    <>
      <p>
        <button
          type="button"
          hidden
          data-passkey={mode}
          data-origin={origin}
          data-elsewhere={t('account.passkey.elsewhere', { url: origin })}
          data-options={optionsUrl}
          data-verify={verifyUrl}
          data-csrf={csrf}
          data-status={status}
          data-working={t('account.passkey.working')}
          data-cancelled={t('account.passkey.cancelled')}
          data-failed={t('account.passkey.failed')}
        >
          {label}
        </button>
      </p>
      <p id={status} role="status" aria-live="polite"></p>
      <noscript>
        <p class="muted">{t('account.passkey.needsScript')}</p>
      </noscript>
      <script type="module" src={PASSKEY_SCRIPT_PATH}></script>
    </>
  );
}
