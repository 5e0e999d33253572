/**
 * Which navigations the service worker keeps for offline reading, and how a kept page is marked
 * so its script can say "offline, updated at ...". Pure functions, tested without a worker.
 */

/** The attribute the worker adds to `<html>` of a page it answered from its cache. */
export const OFFLINE_MARK = 'data-offline-copy';

/** Pages worth keeping: every HTML page except the API, feeds, PDFs and calendar files. */
export function isKeptPage(pathname: string): boolean {
  if (/^\/(?:api|schemas|assets|icons)\//.test(pathname)) return false;
  if (/\.(?:json|ics|pdf|js|webmanifest)$/.test(pathname)) return false;
  return !/^\/(?:[a-z]{2}\/)?print(?:\/|$)/.test(pathname);
}

/** The languages of the site's pages (web/i18n/locales), the first the default. */
export const PAGE_LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;

/**
 * The offline page to answer a navigation with when neither the network nor a kept copy can:
 * in the language of the path (`/es/...`), else the browser's first language the site speaks.
 */
export function offlinePagePath(pathname: string, browserLanguages: readonly string[]): string {
  const spoken = (tag: string) =>
    PAGE_LANGUAGES.find((language) => language === tag.toLowerCase().split('-')[0]);
  const prefix = /^\/([a-z]{2})(?:\/|$)/.exec(pathname)?.[1];
  const language =
    (prefix !== undefined ? spoken(prefix) : undefined) ??
    browserLanguages.map(spoken).find((l) => l !== undefined) ??
    PAGE_LANGUAGES[0];
  return `/${language}/offline`;
}

/** The finder: `/` and the language roots `/en/`, `/es`, ... */
export function isFinderPage(pathname: string): boolean {
  return /^\/(?:[a-z]{2}\/?)?$/.test(pathname);
}

/** The page's HTML with {@link OFFLINE_MARK} on its root element. */
export function markOfflineCopy(html: string): string {
  return html.replace(/<html(?=[\s>])/i, `<html ${OFFLINE_MARK}`);
}

/** Of kept URLs in the order they were stored, the last finder search (the one to fall back on). */
export function lastFinderPage(urls: readonly string[]): string | undefined {
  for (let i = urls.length - 1; i >= 0; i--) {
    const url = urls[i];
    if (url !== undefined && isFinderPage(new URL(url).pathname)) return url;
  }
  return undefined;
}
