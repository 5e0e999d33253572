import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Meeting } from '../../src/meetings/model.js';
import { createTestApp } from '../support/app.js';
import { hasChromium, launchChromium } from './browser.js';
import { AXE_TAGS } from './axe.js';

const SCREENSHOTS = 'test-results/screenshots';

describe.skipIf(!hasChromium)('public pages in Chromium', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let hybrid: Meeting;
  let phoneOnly: Meeting;
  /** Every request any page made, to prove none left our origin. */
  const requested: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    app = await createTestApp({ demo: true });
    base = await app.server.listen({ port: 0, host: '127.0.0.1' });
    const meetings = await app.repos.meetings.all();
    hybrid = meetings.find(
      (m) => m.online.url !== undefined && !m.place.approximate && m.status === 'active',
    )!;
    phoneOnly = meetings.find((m) => m.online.phone !== undefined && m.online.url === undefined)!;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    context.on('request', (request) => requested.push(request.url()));
    context.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    const response = await page.goto(`${base}${path}`);
    expect(response?.status(), path).toBe(200);
    return page;
  }

  it('renders a meeting page with its join and one-tap dial links', async () => {
    const page = await open(`/en/meetings/${hybrid.slug}`);
    expect(await page.locator('h1').textContent()).toBe(hybrid.name);
    const join = page.locator('a.button', { hasText: /^Join/ });
    expect(await join.getAttribute('href')).toBe(hybrid.online.url);
    expect(await page.locator('a[href="tel:988"]').count()).toBe(1);
    expect(await page.locator('a[href="tel:+18006624357"]').count()).toBe(1);
    // The inline style sheet ran under the CSP (the crisis bar has its colour).
    expect(
      await page.evaluate('getComputedStyle(document.querySelector(".crisis")).backgroundColor'),
    ).toBe('rgb(138, 28, 0)');
    await page.screenshot({ path: `${SCREENSHOTS}/meeting-en.png`, fullPage: true });
    await page.close();
  });

  it('dials a phone meeting with its codes in one tap', async () => {
    const page = await open(`/en/meetings/${phoneOnly.slug}`);
    const dial = page.locator('a.button[href^="tel:"]');
    expect(await dial.getAttribute('href')).toMatch(/^tel:\+?\d{7,}(,+[\d*]+(%23)?)*$/);
    expect(await dial.textContent()).toMatch(/^Call /);
    await page.close();
  });

  it('switches language and keeps it on every link', async () => {
    const page = await open(`/en/meetings/${hybrid.slug}?tz=America/Chicago`);
    await page.getByRole('link', { name: 'Español' }).click();
    await page.waitForURL(`**/es/meetings/${hybrid.slug}?tz=America%2FChicago`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('h2#when').textContent()).toBe('Cuándo');
    expect(await page.locator('text=Su hora:').count()).toBe(3);
    const internal = await page.$$eval('a[href^="/"]', (links) =>
      links.map((a) => a.getAttribute('href') ?? ''),
    );
    // Only the switcher leaves Spanish, to this same page in each other language.
    expect(
      internal.filter((h) => !h.startsWith('/es/') && !/^\/(?:en|fr|pt)\/meetings\//.test(h)),
    ).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/meeting-es.png`, fullPage: true });
    await page.getByRole('link', { name: 'Ayuda', exact: true }).click();
    await page.waitForURL('**/es/help');
    expect(await page.locator('h1').textContent()).toBe('Ayuda');
    await page.close();
  });

  it('sends a problem report with JavaScript off', async () => {
    const noScript = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 740 },
    });
    noScript.on('request', (request) => requested.push(request.url()));
    const page = await noScript.newPage();
    await page.goto(`${base}/en/meetings/${hybrid.slug}`);
    await page.getByLabel('The day or time is wrong').check();
    await page.getByLabel(/^Details/).fill('It starts at 7:30 now.');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.waitForURL(`**/en/meetings/${hybrid.slug}/reported`);
    expect(await page.locator('h1').textContent()).toBe('Thank you');
    const reports = await app.repos.problemReports.forMeeting(hybrid.id);
    expect(reports.map((r) => r.message)).toContain('It starts at 7:30 now.');
    await noScript.close();
  });

  it('keeps the form to add a meeting short on a phone, the optional part folded', async () => {
    const page = await open('/en/suggest');
    // It was 6,800 px long when it asked for a time zone, tags and coordinates.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(4000);
    expect(await page.getByLabel('Meeting types (Alcoholics Anonymous)').count()).toBe(0);
    await page.locator('details.more summary').click();
    expect(await page.getByRole('checkbox', { name: 'Women' }).isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/suggest-en.png`, fullPage: true });
    await page.close();
  });

  for (const locale of ['en', 'es'] as const) {
    for (const path of ['/meetings/:slug', '/help', '/about', '/suggest', '/offline']) {
      it(`axe finds no WCAG 2.2 AA violation on /${locale}${path}`, async () => {
        const page = await open(`/${locale}${path.replace(':slug', hybrid.slug)}`);
        const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        const violations = results.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.map((n) => n.target.join(' ')),
        }));
        expect(violations).toEqual([]);
        await page.close();
      });
    }
  }

  it('made no request to any other origin and broke no CSP rule', () => {
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => new URL(url).origin !== base)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
