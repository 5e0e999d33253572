import { describe, expect, it } from 'vitest';
import { locales } from '../../i18n/locales.js';
import {
  OFFLINE_MARK,
  PAGE_LANGUAGES,
  offlinePagePath,
  isFinderPage,
  isKeptPage,
  lastFinderPage,
  markOfflineCopy,
} from './pages.js';

describe('offline pages', () => {
  it('keeps pages, not the API, feeds, PDFs or calendar files', () => {
    for (const path of ['/', '/es/', '/en/meetings/a-b', '/meetings/x', '/help', '/es/about'])
      expect(isKeptPage(path), path).toBe(true);
    for (const path of [
      '/api/v1/search',
      '/meeting-guide.json',
      '/en/meetings/x.ics',
      '/print',
      '/es/print',
      '/assets/main-1.js',
      '/schemas/meeting-guide.json',
    ])
      expect(isKeptPage(path), path).toBe(false);
  });

  it('knows the finder', () => {
    for (const path of ['/', '/en', '/en/', '/es/']) expect(isFinderPage(path), path).toBe(true);
    for (const path of ['/help', '/en/help', '/meetings/x']) expect(isFinderPage(path)).toBe(false);
  });

  it('marks the root element of a kept copy once', () => {
    const html = '<!doctype html><html lang="en"><head></head><body><p>html</p></body></html>';
    const marked = markOfflineCopy(html);
    expect(marked).toContain(`<html ${OFFLINE_MARK} lang="en">`);
    expect(marked.split(OFFLINE_MARK)).toHaveLength(2);
    expect(markOfflineCopy('<!doctype html><html>')).toBe(`<!doctype html><html ${OFFLINE_MARK}>`);
  });

  it('falls back on the latest finder search', () => {
    const base = 'https://m.example.org';
    expect(
      lastFinderPage([
        `${base}/en/?near=01301`,
        `${base}/en/meetings/a`,
        `${base}/en/?near=01340`,
        `${base}/en/help`,
      ]),
    ).toBe(`${base}/en/?near=01340`);
    expect(lastFinderPage([`${base}/en/help`])).toBeUndefined();
  });

  it('answers a page it has no copy of with the offline page in the page’s language', () => {
    expect(PAGE_LANGUAGES).toEqual(locales);
    expect(offlinePagePath('/es/meetings/grupo-nueva-vida', ['en-US'])).toBe('/es/offline');
    expect(offlinePagePath('/en/print', ['es-MX'])).toBe('/en/offline');
    // Unprefixed paths (and unknown prefixes) go by the browser's languages.
    expect(offlinePagePath('/meetings/x', ['de-CH', 'es-MX', 'en'])).toBe('/es/offline');
    expect(offlinePagePath('/meetings/x', ['pt-BR', 'en'])).toBe('/pt/offline');
    expect(offlinePagePath('/it/x', ['de'])).toBe('/en/offline');
    expect(offlinePagePath('/', [])).toBe('/en/offline');
  });
});
