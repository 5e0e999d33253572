import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import type { MessageId } from './i18n/translator.js';

const typeExplanations: MessageId[] = [
  'help.types.open',
  'help.types.closed',
  'help.types.beginners',
  'help.types.discussion',
  'help.types.speaker',
  'help.types.study',
  'help.types.identity',
  'help.types.attendance',
];

/** `/help`: crisis lines first, then how to find a meeting and what its types mean. */
export function HelpPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('help.title')}>
      <h1>{t('help.title')}</h1>
      <section aria-labelledby="crisis">
        <h2 id="crisis">{t('help.crisis.heading')}</h2>
        <p>{t('help.crisis.988')}</p>
        <p>
          <a class="button" href="tel:988">
            {t('help.call988')}
          </a>{' '}
          <a class="button" href="sms:988">
            {t('help.text988')}
          </a>
        </p>
        <p>{t('help.crisis.samhsa')}</p>
        <p>
          <a class="button" href="tel:+18006624357">
            {t('help.callSamhsa')}
          </a>
        </p>
        <p>
          <strong>{t('help.crisis.911')}</strong>
        </p>
      </section>
      <section aria-labelledby="finding">
        <h2 id="finding">{t('help.finder.heading')}</h2>
        <p>{t('help.finder.where')}</p>
        <p>{t('help.finder.remote')}</p>
        <p>{t('help.finder.page')}</p>
        <p>{t('help.finder.calendar')}</p>
      </section>
      <section aria-labelledby="types">
        <h2 id="types">{t('help.types.heading')}</h2>
        <p>{t('help.types.intro')}</p>
        <ul>
          {typeExplanations.map((id) => (
            <li>{t(id)}</li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
