import { localePath, type Locale } from './i18n/locales.js';
import { translator, type Translate } from './i18n/translator.js';
import type { ClientSettings } from './assets-tags.js';

/** What every page and component needs to speak the reader's language and link correctly. */
export interface PageContext {
  locale: Locale;
  t: Translate;
  /** The page's path without its locale prefix, e.g. `/meetings/x`; the language switch keeps it. */
  path: string;
  /** Query kept across the language switch (`?tz=...`), or ''. */
  keptQuery: string;
  /** The address people reach the server at, for absolute links (share, alternates). */
  publicUrl: string;
  /** Whether the language came from Accept-Language (the response then varies by it). */
  negotiated: boolean;
  /** The client build and map settings the islands need; absent, pages carry no script. */
  client?: ClientSettings;
}

/** Builds the context of a page request. */
export function pageContext(options: Omit<PageContext, 't'>): PageContext {
  return { ...options, t: translator(options.locale) };
}

/** An internal link in the page's language: `link(ctx, '/help')` -> `/es/help`. */
export function link(ctx: PageContext, path: string): string {
  return localePath(ctx.locale, path);
}
