/** The meeting page's line: rides are offered here, and where to ask for one. */
import { link, type PageContext } from '../../web/page-context.js';

export function RidesLine({ ctx, slug }: { ctx: PageContext; slug: string }) {
  const { t } = ctx;
  return (
    <p data-rides>
      <strong>{t('rides.offered')}</strong>{' '}
      <a href={link(ctx, `/meetings/${slug}/ride`)}>{t('rides.ask.link')}</a>
    </p>
  );
}
