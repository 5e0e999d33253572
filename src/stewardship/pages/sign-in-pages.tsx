/** The sign-in pages: ask for a link or use a passkey, "check your email", finish from a link. */
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import { CsrfField } from '../../web/kit/form-parts.js';
import { PasskeyButton } from './passkey-button.js';

export function SignInPage({
  ctx,
  csrf,
  invalidEmail = false,
  email = '',
}: {
  ctx: PageContext;
  csrf: string;
  invalidEmail?: boolean;
  email?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('account.signIn.title')}>
      <h1>{t('account.signIn.title')}</h1>
      <p>{t('account.signIn.intro')}</p>
      <form method="post" action={link(ctx, '/sign-in')}>
        <CsrfField token={csrf} />
        <p>
          <label for="email">{t('account.signIn.email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username webauthn"
            required
            maxLength={254}
            value={email}
            aria-invalid={invalidEmail ? 'true' : undefined}
            aria-describedby={invalidEmail ? 'email-error' : undefined}
          />
        </p>
        {invalidEmail && (
          <p id="email-error" role="alert">
            {t('account.signIn.invalidEmail')}
          </p>
        )}
        <p>
          <button type="submit">{t('account.signIn.send')}</button>
        </p>
      </form>
      <h2>{t('account.signIn.passkeyHeading')}</h2>
      <p>{t('account.signIn.passkeyIntro')}</p>
      <PasskeyButton
        ctx={ctx}
        mode="sign-in"
        label={t('account.signIn.passkey')}
        optionsUrl="/api/v1/sign-in/passkey/options"
        verifyUrl={`/api/v1/sign-in/passkey?locale=${ctx.locale}`}
        csrf={csrf}
      />
    </Layout>
  );
}

export function SignInSentPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('account.sent.title')}>
      <h1>{t('account.sent.title')}</h1>
      <p role="status">{t('account.sent.body')}</p>
      <p>
        <a href={link(ctx, '/sign-in')}>{t('account.sent.again')}</a>
      </p>
    </Layout>
  );
}

/**
 * The page a mailed link opens. Signing in takes a press of the button (a POST): mail scanners
 * that fetch every link would otherwise use the link up before its owner clicks it.
 */
export function VerifyPage({
  ctx,
  token,
  csrf,
}: {
  ctx: PageContext;
  token: string;
  csrf: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('account.verify.title')}>
      <h1>{t('account.verify.title')}</h1>
      <p>{t('account.verify.body')}</p>
      <form method="post" action={link(ctx, '/sign-in/verify')}>
        <CsrfField token={csrf} />
        <input type="hidden" name="token" value={token} />
        <button type="submit">{t('account.verify.submit')}</button>
      </form>
    </Layout>
  );
}
