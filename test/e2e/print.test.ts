/**
 * The print download in a real browser: a link to `/print?...` on a page of the site makes
 * Chromium save a PDF (the server says "attachment"), in the language of the page's path.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { flat, hasPdfToText, pdfPages } from '../../src/print/pdf-text.test-support.js';
import { createTestApp } from '../support/app.js';
import { hasChromium, launchChromium } from './browser.js';

// A first print loads the gazetteer and the font: slow on a busy machine, so the limit is generous.
describe.skipIf(!hasChromium)('print download in Chromium', { timeout: 120_000 }, () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  const requested: string[] = [];

  beforeAll(async () => {
    app = await createTestApp({ demo: true });
    await app.geocoder.preload?.();
    base = await app.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      acceptDownloads: true,
    });
    context.on('request', (request) => requested.push(request.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Searches in the finder and follows its "print this list" link, as a person would. */
  async function download(finderPath: string) {
    const page: Page = await context.newPage();
    const response = await page.goto(`${base}${finderPath}`);
    expect(response?.status()).toBe(200);
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.take-away a[href*="/print"]'),
    ]);
    const path = await saved.path();
    const bytes = readFileSync(path);
    await page.close();
    return { name: saved.suggestedFilename(), bytes };
  }

  it('downloads the schedule of a search as a PDF', async () => {
    const { name, bytes } = await download('/en/?near=01301');
    expect(name).toMatch(/^meetings-greenfield-ma-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (hasPdfToText) {
      const text = flat(pdfPages(bytes).join(' '));
      expect(text).toContain('Meetings near Greenfield, MA within 25 miles');
      expect(text).toContain('Call or text 988');
    }
  });

  it('downloads it in Spanish from a Spanish page', async () => {
    const { bytes } = await download('/es/?near=01301&day=2');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (hasPdfToText) expect(flat(pdfPages(bytes).join(' '))).toContain('Martes');
  });

  it('shows a readable error page, not a broken download, for a bad search', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${base}/en/print?near=Nowhereville%20XQ`);
    expect(response?.status()).toBe(400);
    expect(await page.locator('[data-error-code]').getAttribute('data-error-code')).toBe(
      'PL_UNKNOWN_PLACE',
    );
    await page.close();
  });

  it('never asks another origin for anything', () => {
    const origin = new URL(base).origin;
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });
});
