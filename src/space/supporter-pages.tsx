/**
 * The supporter's pages, reached only by the secret in their link (no account): the
 * invitation, where they read what being a supporter means, choose how to be reached and agree,
 * then type the code that proves the address or number is theirs; and their own page, where
 * they can stop at any time. Nothing here says who invited them: they know, the server does not.
 */
import { CodeForm, Notice } from '../web/kit/form-parts.js';
import { Layout } from '../web/layout.js';
import { link, type PageContext } from '../web/page-context.js';
import type { SupporterChannel } from './supporter-model.js';
import { MAX_ALERTS_PER_WINDOW } from './supporter-model.js';
import type { InvitationView } from './supporters.js';

export function InvitationPage(props: {
  ctx: PageContext;
  invite: string;
  view: InvitationView;
  /** The VAPID public key, when this server can send web push. */
  pushKey?: string;
  problem?: string;
}) {
  const { ctx, view } = props;
  const { t } = ctx;
  const base = `/space/support/${props.invite}`;
  return (
    <Layout ctx={ctx} title={t('space.supporter.invite.title')}>
      <h1>{t('space.supporter.invite.title')}</h1>
      <Notice role="alert">{props.problem}</Notice>
      {view.state === 'confirming' && (
        <section aria-labelledby="supporter-code">
          <h2 id="supporter-code">{t('space.supporter.code.heading')}</h2>
          <p>{t(`space.supporter.code.sent.${view.channel === 'sms' ? 'sms' : 'email'}`)}</p>
          <CodeForm
            ctx={ctx}
            action={`${base}/confirm`}
            id="supporter-code-input"
            label={t('space.supporter.code.label')}
            pattern="\s*\d{3}\s*\d{3}\s*"
            maxLength={12}
            submit={t('space.supporter.code.submit')}
          />
          <h2>{t('space.supporter.code.again')}</h2>
        </section>
      )}
      <p>{t('space.supporter.invite.intro')}</p>
      <ul>
        <li>{t('space.supporter.invite.what')}</li>
        <li>{t('space.supporter.invite.never')}</li>
        <li>{t('space.supporter.invite.limit', { n: MAX_ALERTS_PER_WINDOW })}</li>
        <li>{t('space.supporter.invite.kept')}</li>
        <li>{t('space.supporter.invite.danger')}</li>
      </ul>
      <form method="post" action={link(ctx, base)} data-push-key={props.pushKey}>
        <fieldset>
          <legend>{t('space.supporter.invite.how')}</legend>
          {view.channels.map((channel, i) => (
            // Push needs the page's script to ask the browser; without it, it is not offered.
            <label hidden={channel === 'push' ? true : undefined} data-channel={channel}>
              <input
                type="radio"
                name="channel"
                value={channel}
                required
                checked={view.channel === undefined ? i === 0 : view.channel === channel}
              />{' '}
              {t(`space.supporter.channel.${channel}`)}
            </label>
          ))}
        </fieldset>
        <p class="field" data-contact-field="">
          <label for="supporter-contact">{t('space.supporter.invite.contact')}</label>
          <input
            id="supporter-contact"
            name="contact"
            maxLength={120}
            autoComplete="email"
            aria-describedby="supporter-contact-hint"
          />
          <span id="supporter-contact-hint" class="muted">
            {t('space.supporter.invite.contactHint')}
          </span>
        </p>
        <input type="hidden" name="subscription" value="" />
        <label>
          <input type="checkbox" name="consent" value="1" required />{' '}
          {t('space.supporter.invite.consent')}
        </label>
        <p>
          <button type="submit">{t('space.supporter.invite.submit')}</button>
        </p>
      </form>
    </Layout>
  );
}

export function SupportingPage(props: {
  ctx: PageContext;
  manage: string;
  channel: SupporterChannel;
  welcome: boolean;
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('space.supporter.page.title')}>
      <h1>{t('space.supporter.page.title')}</h1>
      {props.welcome && <Notice>{t('space.supporter.page.welcome')}</Notice>}
      <p>
        {t('space.supporter.page.channel', {
          channel: t(`space.supporter.channel.${props.channel}`),
        })}
      </p>
      <p>{t('space.supporter.page.keep')}</p>
      <p>{t('space.supporter.invite.danger')}</p>
      <form method="post" action={link(ctx, `/space/supporting/${props.manage}/stop`)}>
        <button type="submit" class="danger">
          {t('space.supporter.page.stop')}
        </button>
      </form>
    </Layout>
  );
}

export function StoppedPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('space.supporter.stopped.title')}>
      <h1>{t('space.supporter.stopped.title')}</h1>
      <p role="status">{t('space.supporter.stopped.text')}</p>
    </Layout>
  );
}
