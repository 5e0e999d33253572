/** `/center`: the centers a signed-in person is staff of. */
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import type { Center, StaffRole } from '../model.js';

export function CentersPage({
  ctx,
  centers,
}: {
  ctx: PageContext;
  centers: readonly { center: Center; role: StaffRole }[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('center.list.title')}>
      <h1>{t('center.list.title')}</h1>
      {centers.length === 0 ? (
        <p>{t('center.list.empty')}</p>
      ) : (
        <ul class="list">
          {centers.map(({ center, role }) => (
            <li>
              <a href={link(ctx, `/center/${center.slug}`)}>{center.name}</a>{' '}
              <span class="muted">{t('center.list.role', { role: t(`center.role.${role}`) })}</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
