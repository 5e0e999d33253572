import { PLACE_DATA_ATTRIBUTION } from '../places/gazetteer.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** `/about`: what Porchlight is, its privacy promises, and where its data comes from. */
export function AboutPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('about.title')}>
      <h1>{t('about.title')}</h1>
      <p>{t('about.what')}</p>
      <p>{t('about.independent')}</p>
      <section aria-labelledby="privacy">
        <h2 id="privacy">{t('about.privacy.heading')}</h2>
        <p>{t('about.privacy.trackers')}</p>
        <p>{t('about.privacy.account')}</p>
        <p>{t('about.privacy.logs')}</p>
      </section>
      <section aria-labelledby="data">
        <h2 id="data">{t('about.data.heading')}</h2>
        <p>{t('about.data.meetings')}</p>
        <p>{t('about.data.places')}</p>
        {/* The attribution is quoted as its licence asks, in its own (English) words. */}
        <p lang="en">{PLACE_DATA_ATTRIBUTION}</p>
        <p>{t('about.license')}</p>
      </section>
    </Layout>
  );
}
