/** `/account`: who is signed in, their roles, sessions and passkeys. */
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import type { ServiceBodyNode } from '../model.js';
import type { Grant, Passkey, Person, Session } from '../../accounts/model.js';
import { formatInstant } from './dates.js';
import { CsrfField } from '../../web/kit/form-parts.js';
import { PasskeyButton } from './passkey-button.js';

export interface AccountPageProps {
  ctx: PageContext;
  csrf: string;
  person: Person;
  grants: readonly Grant[];
  bodies: readonly ServiceBodyNode[];
  sessions: readonly Session[];
  currentSessionId: string;
  passkeys: readonly Passkey[];
}

export function AccountPage(props: AccountPageProps) {
  const { ctx, csrf, person, grants, sessions, currentSessionId, passkeys } = props;
  const { t } = ctx;
  const when = (iso: string) => formatInstant(iso, ctx.locale);
  const mayAdminister = grants.some((g) => g.role !== 'group_contact');
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      <p>{t('account.signedInAs', { email: person.email })}</p>
      <form method="post" action={link(ctx, '/sign-out')}>
        <CsrfField token={csrf} />
        <button type="submit">{t('account.signOut')}</button>
      </form>
      {/* Staff of a recovery center sign in here too; their desks are one link away. */}
      <p>
        <a href={link(ctx, '/center')}>{t('center.list.title')}</a>
      </p>

      <h2>{t('account.roles.heading')}</h2>
      {grants.length === 0 ? (
        <p>{t('account.roles.none')}</p>
      ) : (
        <ul>
          {grants.map((grant) => (
            <li>{roleText(ctx, grant, props.bodies)}</li>
          ))}
        </ul>
      )}
      {mayAdminister && (
        <p>
          <a href={link(ctx, '/admin/service-bodies')}>{t('account.admin.link')}</a>
          {grants.some((g) => g.role === 'administrator') && (
            <>
              {' '}
              · <a href={link(ctx, '/admin/sources')}>{t('admin.sources.title')}</a>
            </>
          )}
        </p>
      )}
      {grants.length > 0 && (
        <p>
          <a href={link(ctx, '/review')}>{t('change.queue.title')}</a> ·{' '}
          <a href={link(ctx, '/review/stale')}>{t('edit.stale.title')}</a>
        </p>
      )}

      <h2>{t('account.sessions.heading')}</h2>
      <ul class="sessions">
        {sessions.map((session) => (
          <li data-session={session.id}>
            <strong>{session.device ?? t('account.sessions.unknownDevice')}</strong>
            {session.id === currentSessionId && <> ({t('account.sessions.current')})</>}
            <br />
            {t(
              session.method === 'passkey'
                ? 'account.sessions.method.passkey'
                : 'account.sessions.method.email',
            )}
            {'. '}
            {t('account.sessions.times', {
              since: when(session.createdAt),
              lastSeen: when(session.lastSeenAt),
            })}
            <form method="post" action={link(ctx, `/account/sessions/${session.id}/end`)}>
              <CsrfField token={csrf} />
              <button type="submit">{t('account.sessions.end')}</button>
            </form>
          </li>
        ))}
      </ul>
      <form method="post" action={link(ctx, '/account/sign-out-everywhere')}>
        <CsrfField token={csrf} />
        <button type="submit">{t('account.sessions.everywhere')}</button>
      </form>

      <h2>{t('account.passkeys.heading')}</h2>
      {passkeys.length === 0 ? (
        <p>{t('account.passkeys.none')}</p>
      ) : (
        <ul>
          {passkeys.map((passkey, index) => (
            <li data-passkey-id={passkey.id}>
              {t('account.passkeys.item', {
                n: index + 1,
                created: when(passkey.createdAt),
                lastUsed:
                  passkey.lastUsedAt === undefined
                    ? t('account.passkeys.never')
                    : when(passkey.lastUsedAt),
              })}
              <form method="post" action={link(ctx, `/account/passkeys/${passkey.id}/remove`)}>
                <CsrfField token={csrf} />
                <button type="submit">{t('account.passkeys.remove')}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <PasskeyButton
        ctx={ctx}
        mode="register"
        label={t('account.passkeys.add')}
        optionsUrl="/api/v1/account/passkeys/options"
        verifyUrl={`/api/v1/account/passkeys?locale=${ctx.locale}`}
        csrf={csrf}
      />
    </Layout>
  );
}

/** A role in words: "Editor of Western Area and everything in it". */
export function roleText(
  ctx: PageContext,
  grant: Grant,
  bodies: readonly ServiceBodyNode[],
): string {
  const { t } = ctx;
  if (grant.role === 'administrator') return t('account.role.administrator');
  if (grant.role === 'editor') {
    const body = bodies.find((b) => b.id === grant.serviceBodyId)?.name ?? grant.serviceBodyId;
    return t('account.role.editor', { body });
  }
  return t('account.role.groupContact', { group: grant.groupKey });
}
