import type { ComponentChildren } from 'preact';
import { direction, locales, localePath } from './i18n/locales.js';
import { link, type PageContext } from './page-context.js';
import { SITE_CSS } from './site-css.js';
import { ClientHead, ClientTemplate } from './assets-tags.js';
import { renderedOnce } from './markup.js';

/** Each language named in itself, so a reader finds theirs whatever the page's language. */
const languageNames: Record<(typeof locales)[number], string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  pt: 'Português',
};

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}

/**
 * The frame of every public page: language, viewport, the one inline style sheet, the crisis
 * bar (always one tap from help), the site header with the language switch, and the footer.
 */
export function Layout({ ctx, title, children }: LayoutProps) {
  const { t } = ctx;
  const site = t('site.name');
  // What every page in a language shares is rendered once per language (decision 0050).
  const top = renderedOnce(t, 'top', () => (
    <>
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <CrisisBar ctx={ctx} />
    </>
  ));
  const siteLinks = renderedOnce(t, 'site-links', () => (
    <>
      <a class="brand" href={link(ctx, '/')}>
        {site}
      </a>
      <nav aria-label={t('nav.site')}>
        <ul>
          <li>
            <a href={link(ctx, '/space')}>{t('space.link')}</a>
          </li>
          <li>
            <a href={link(ctx, '/help')}>{t('nav.help')}</a>
          </li>
        </ul>
      </nav>
    </>
  ));
  const footer = renderedOnce(t, 'footer', () => (
    <footer>
      <p>{t('footer.privacy')}</p>
      {/* About sits here, not in the header, so the header's links fit one line at 360 px. */}
      <p>
        <a href={link(ctx, '/resources')}>{t('resources.footerLink')}</a> ·{' '}
        <a href={link(ctx, '/about')}>{t('nav.about')}</a> ·{' '}
        <a href={link(ctx, '/sign-in')}>{t('account.footerLink')}</a>
      </p>
    </footer>
  ));
  return (
    // `dir` only where it differs from the default, left to right.
    <html lang={ctx.locale} dir={direction(ctx.locale) === 'rtl' ? 'rtl' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === site ? site : `${title} · ${site}`}</title>
        <meta name="description" content={t('site.description')} />
        <style dangerouslySetInnerHTML={{ __html: SITE_CSS }} />
        {locales.map((locale) => (
          <link
            rel="alternate"
            hreflang={locale}
            href={`${ctx.publicUrl}${localePath(locale, ctx.path)}${ctx.keptQuery}`}
          />
        ))}
        <link rel="alternate" hreflang="x-default" href={`${ctx.publicUrl}${ctx.path}`} />
        {/* The islands' deferred module script, manifest and icons (nothing without a build). */}
        <ClientHead ctx={ctx} />
      </head>
      <body>
        {top}
        <header class="site">
          {siteLinks}
          <LanguageSwitch ctx={ctx} />
        </header>
        <main id="main">{children}</main>
        {footer}
        <ClientTemplate ctx={ctx} />
      </body>
    </html>
  );
}

/** The crisis lines, first on every page: a person in crisis should not have to look for them. */
export function CrisisBar({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <aside class="crisis" aria-label={t('crisis.label')}>
      <span>{t('crisis.question')}</span>
      <a href="tel:988">{t('crisis.988')}</a>
      <a href="tel:+18006624357">{t('crisis.samhsa')}</a>
    </aside>
  );
}

/** Links to this same page in each language, keeping the viewer's time zone. */
function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  return (
    <nav class="langs" aria-label={ctx.t('nav.language')}>
      <ul>
        {locales.map((locale) => (
          <li>
            <a
              href={`${localePath(locale, ctx.path)}${ctx.keptQuery}`}
              hreflang={locale}
              lang={locale}
              aria-current={locale === ctx.locale ? 'true' : undefined}
            >
              {languageNames[locale]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
