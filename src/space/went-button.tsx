/**
 * "I went today" on a meeting page: hidden until the page's script shows it (it writes to the
 * space's store in this browser; nothing is sent), so without script nothing promises it.
 */
import { link, type PageContext } from '../web/page-context.js';

export function WentButton({ ctx, slug, name }: { ctx: PageContext; slug: string; name: string }) {
  const { t } = ctx;
  return (
    <p class="went" data-went={slug} data-name={name} hidden>
      <button type="button">{t('space.went.button')}</button>{' '}
      <span role="status" hidden>
        {t('space.went.done')} <a href={link(ctx, '/space')}>{t('space.went.open')}</a>
      </span>
    </p>
  );
}
