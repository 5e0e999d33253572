/**
 * The public resource finder in Chromium at 360 px with script off: a person searches near a
 * ZIP code from the plain form, ticks Medicaid and buprenorphine, reads the results with their
 * one-tap phones, and the page passes axe (WCAG 2.2 AA) in English and Spanish, fetching from
 * no other origin, within the meeting finder's rural budget for the first response.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp } from '../support/app.js';
import { freePort } from '../support/free-port.js';
import { axeViolations } from './axe.js';
import { hasChromium, launchChromium } from './browser.js';

/** The meeting finder's first-load budget on a rural link (scripts/check-budget.ts). */
const BUDGET_BYTES = 30 * 1024;

describe.skipIf(!hasChromium)('the resource finder in Chromium', () => {
  let app: App;
  let browser: Browser;
  /** Script off: the form and the results must work without it. */
  let context: BrowserContext;
  /** Script on, for axe and layout measurements (both run in the page). */
  let checking: BrowserContext;
  let base: string;
  const elsewhere: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    app = await createTestApp(
      { demo: true, publicUrl: base },
      { clock: fixedClock('2026-11-26T18:00:00Z') },
    );
    await app.server.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      javaScriptEnabled: false,
    });
    checking = await browser.newContext({ viewport: { width: 360, height: 740 } });
    for (const c of [context, checking]) {
      c.on('request', (request) => {
        if (!request.url().startsWith(base)) elsewhere.push(request.url());
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('finds a buprenorphine prescriber that takes Medicaid within 30 miles from the plain form', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/en/resources`);
    await page.getByLabel('Near (ZIP code or town)').fill('01301');
    await page.getByLabel('Within').selectOption('30');
    await page.getByLabel('Medicaid').check();
    await page.getByLabel('Buprenorphine').check();
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/en\/resources\?near=01301/);
    const names = await page.locator('#results h3').allTextContents();
    expect(names).toContain('Office-based buprenorphine');
    const call = page.locator('#results a[href^="tel:"]').first();
    expect(await call.getAttribute('href')).toMatch(/^tel:\+?\d{10,}$/);
    const searched = page.url();
    await page.close();

    const checked = await checking.newPage();
    await checked.goto(searched);
    // Nothing is wider than a phone's screen.
    const overflow = await checked.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(checked)).toEqual([]);
    await checked.close();
  });

  it('passes axe in Spanish, refusals included', async () => {
    const page = await checking.newPage();
    await page.goto(`${base}/es/resources?near=01301&open_now=true`);
    expect(await page.locator('h1').textContent()).toBe(
      'Encuentre servicios de tratamiento y apoyo',
    );
    expect(await axeViolations(page)).toEqual([]);
    const refused = await page.goto(`${base}/es/resources?near=Nowhereville%2C%20ZZ`);
    expect(refused?.status()).toBe(400);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
    expect(elsewhere).toEqual([]);
  });

  it('sends its first page of results within the rural budget', async () => {
    const res = await fetch(`${base}/resources?near=01301`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    const html = Buffer.from(await res.arrayBuffer());
    // The body as a gzip-capable browser receives it (decoded by fetch, measured re-encoded).
    const sent = gzipSync(html, { level: 6 }).byteLength;
    expect(sent).toBeLessThan(BUDGET_BYTES);
    expect(html.toString()).toContain('<h3>');
  });
});
