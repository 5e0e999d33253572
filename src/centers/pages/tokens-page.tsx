/** A center's API tokens for its administrators: who holds each, and revoking one. */
import { link } from '../../web/page-context.js';
import type { CenterToken } from '../staff-tokens.js';
import { formatDayTime } from './center-dates.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from './center-frame.js';

export function TokensPage({ view, tokens }: { view: DeskView; tokens: readonly CenterToken[] }) {
  const { ctx, access } = view;
  const { t } = ctx;
  const when = (iso: string) => formatDayTime(iso, ctx.locale, view.timeZone);
  return (
    <CenterFrame view={view} title={t('center.tokens.title')}>
      <h1>{t('center.tokens.title')}</h1>
      <p>
        {t('center.tokens.intro', {
          command: `porchlight tokens create --email … --center ${access.center.slug}`,
        })}
      </p>
      {tokens.length === 0 ? (
        <p>{t('center.tokens.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('center.tokens.holder')}</th>
              <th scope="col">{t('center.tokens.created')}</th>
              <th scope="col">{t('center.tokens.lastUsed')}</th>
              <th scope="col">
                <span class="hp">{t('center.tokens.revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr data-token={token.id}>
                <td>{token.email}</td>
                <td>{when(token.createdAt)}</td>
                <td>
                  {token.lastUsedAt === undefined
                    ? t('center.tokens.never')
                    : when(token.lastUsedAt)}
                </td>
                <td>
                  <form
                    method="post"
                    action={link(ctx, centerPath(access, `/tokens/${token.id}/revoke`))}
                  >
                    <Csrf view={view} />
                    <button
                      type="submit"
                      aria-label={t('center.tokens.revokeLabel', {
                        email: token.email,
                        date: when(token.createdAt),
                      })}
                    >
                      {t('center.tokens.revoke')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </CenterFrame>
  );
}
