/**
 * The finder in Chromium against the real server, database and search index, on the demo region:
 * search by ZIP code, filters, opening a meeting, the language switch, the path without script,
 * axe (WCAG 2.2 AA) in both languages, a keyboard-only walkthrough, and narrow or zoomed screens.
 * Screenshots at 360x740 are kept as test artefacts; `UPDATE_README_SCREENSHOTS=1` also refreshes
 * the README's (docs/images/).
 */
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp } from '../support/app.js';
import { hasChromium, launchChromium } from './browser.js';

const SCREENSHOTS = 'test-results/screenshots';
const README_IMAGES = 'docs/images';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PHONE = { width: 360, height: 740 };
/** A search too narrow for the rural county: the answer falls back, and says so. */
const RURAL = '?near=Colrain,%20MA&radius=3&types=women';

describe.skipIf(!hasChromium)('the finder in Chromium', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  const requested: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    // Tuesday 2026-11-03, 6:30 PM in Greenfield: evening meetings are about to start.
    app = await createTestApp({ demo: true }, { clock: fixedClock('2026-11-03T23:30:00Z') });
    base = await app.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A browser profile that records every request; the server-rendered finder is under test. */
  async function context(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: PHONE, serviceWorkers: 'block', ...options });
    ctx.on('request', (request) => requested.push(request.url()));
    ctx.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return ctx;
  }

  async function open(ctx: BrowserContext, path: string, status = 200): Promise<Page> {
    const page = await ctx.newPage();
    const response = await page.goto(`${base}${path}`);
    expect(response?.status(), path).toBe(status);
    return page;
  }

  const resultNames = (page: Page) => page.locator('#results .result h3').allTextContents();

  it('searches by ZIP code, filters, and opens a meeting', async () => {
    const ctx = await context();
    const page = await open(ctx, '/en/');
    await page.getByLabel('ZIP code or town').fill('01301');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/en\/\?.*near=01301/);
    await expect
      .poll(() => page.locator('#results-h').textContent())
      .toMatch(/^\d+ meetings near Greenfield, MA$/);
    expect((await resultNames(page)).length).toBeGreaterThan(5);
    expect(await page.locator('#results time').first().textContent()).toMatch(/[AP]M EST$/);
    await page.screenshot({ path: `${SCREENSHOTS}/finder-en.png` });

    // Filters: women's meetings on Tuesdays, in the evening.
    await page.locator('summary').click();
    await page.getByLabel('Day', { exact: true }).selectOption('2');
    await page.getByLabel('Time of day').selectOption('evening');
    await page.getByRole('checkbox', { name: /^Women/ }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/day=2.*time=evening.*types=women/);
    const filtered = await resultNames(page);
    const api = (
      await app.server.inject({
        method: 'GET',
        url: '/api/v1/search?near=01301&day=2&from=17:00&to=21:00&types=women',
      })
    ).json<{ results: { name: string }[] }>();
    expect(filtered).toEqual(api.results.map((r) => r.name));
    expect(filtered.length).toBeGreaterThan(0);
    expect(await page.locator('#f-day').inputValue()).toBe('2');

    // Open the first meeting; its page keeps the language.
    const first = page.locator('#results .result h3 a').first();
    const name = await first.textContent();
    await first.click();
    await page.waitForURL(/\/en\/meetings\/[\w-]+$/);
    expect(await page.locator('h1').textContent()).toBe(name);
    await ctx.close();
  });

  it('switches language and keeps the search', async () => {
    const ctx = await context();
    const page = await open(ctx, '/en/?near=01301&day=2&attendance=in_person');
    const english = await resultNames(page);
    await page.getByRole('link', { name: 'Español' }).click();
    await page.waitForURL('**/es/?near=01301&day=2&attendance=in_person');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('#results-h').textContent()).toMatch(/reuniones cerca de Greenfield/);
    expect(await resultNames(page)).toEqual(english);
    expect(await page.locator('#f-near').inputValue()).toBe('01301');
    expect(await page.locator('#f-day').inputValue()).toBe('2');
    expect(await page.locator('#results time').first().textContent()).toMatch(
      /^(Hoy|Mañana|Martes)/,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/finder-es.png` });
    await ctx.close();
  });

  it('works with JavaScript off: search, filters, the rural fallback, more meetings', async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await open(ctx, '/en/');
    // Never an empty page: online and phone meetings anyone can join, and a prompt.
    expect(await page.locator('#results-h').textContent()).toBe(
      'Online and phone meetings, soonest first',
    );
    await page.getByLabel('ZIP code or town').fill('Colrain, MA');
    await page.getByLabel('ZIP code or town').press('Enter');
    await page.waitForURL(/near=Colrain%2C\+MA/);
    await page.locator('summary').click();
    await page.getByLabel('Distance').selectOption('5');
    await page.getByRole('checkbox', { name: /^Women/ }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/radius=5.*types=women/);
    const fallback = await page.locator('#fallback').textContent();
    expect(fallback).toMatch(/^No women’s meeting in person within 5 miles\./);
    expect(fallback).toMatch(/The nearest is [\d.]+ miles away, in \w+/);
    expect(await page.locator('#beyond .result').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}/finder-fallback-nojs.png`, fullPage: true });

    const more = await open(ctx, '/en/?near=01301&limit=5');
    const firstPage = await resultNames(more);
    await more.getByRole('link', { name: 'More meetings' }).click();
    await more.waitForURL(/cursor=/);
    const secondPage = await resultNames(more);
    expect(secondPage.length).toBe(5);
    expect(secondPage.filter((n) => firstPage.includes(n)).length).toBeLessThan(5);
    await ctx.close();
  });

  it('shows the first result on the first screen of a phone, filters set or not', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const ctx = await context({ javaScriptEnabled });
      for (const path of [
        '/en/?near=Colrain%2C+MA&radius=5&types=women',
        '/es/?near=01301&day=2&attendance=in_person&radius=10',
        '/en/?near=01301',
      ]) {
        const page = await open(ctx, path);
        const box = await page.locator('.result').first().boundingBox();
        expect(box, path).not.toBeNull();
        expect(box!.y, `${path} (script ${javaScriptEnabled ? 'on' : 'off'})`).toBeLessThan(
          PHONE.height - 40,
        );
        // The filters are one tap away, and their summary says which are set.
        const summary = page.locator('details.filters > summary');
        if (path.includes('types=women')) {
          expect(await summary.textContent(), path).toMatch(/Women|Mujeres/);
        }
        await summary.click();
        expect(await page.locator('#f-radius').isVisible()).toBe(true);
        await page.close();
      }
      await ctx.close();
    }
  });

  it('says kindly when it does not know a place', async () => {
    const ctx = await context();
    const page = await open(ctx, '/es/?near=Qzqzqz', 400);
    expect(await page.locator('#finder-problem').textContent()).toContain(
      'No conocemos ningún lugar llamado «Qzqzqz».',
    );
    expect(await page.locator('#f-near').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#results .result').count()).toBeGreaterThan(0);
    await ctx.close();
  });

  for (const locale of ['en', 'es'] as const) {
    for (const [what, path, status] of [
      ['the default view', '/', 200],
      ['results near a ZIP code', '/?near=01301', 200],
      ['a rural fallback', `/${RURAL}`, 200],
      ['an unknown place', '/?near=Qzqzqz', 400],
    ] as const) {
      it(`axe finds no WCAG 2.2 AA violation on ${what} (${locale})`, async () => {
        const ctx = await context();
        const page = await open(ctx, `/${locale}${path}`, status);
        // With the filters open, their controls are checked too.
        await page.locator('summary').click();
        const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        const violations = results.violations.map((v) => ({
          id: v.id,
          nodes: v.nodes.map((n) => n.target.join(' ')),
        }));
        expect(violations).toEqual([]);
        await ctx.close();
      });
    }
  }

  it('can be used with the keyboard alone, with focus always visible', async () => {
    const ctx = await context();
    const page = await open(ctx, '/en/?near=01301');
    const reached: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (el === null || el === document.body) return undefined;
        const style = getComputedStyle(el);
        return {
          key: el.id !== '' ? `#${el.id}` : el.tagName === 'SUMMARY' ? 'summary' : el.tagName,
          inResult: el.closest('#results .result') !== null,
          submit: el.getAttribute('type') === 'submit',
          visible: el.matches(':focus-visible') && style.outlineStyle !== 'none',
        };
      });
      if (focused === undefined) continue;
      expect(focused.visible, `focus ring on ${focused.key}`).toBe(true);
      reached.push(focused.submit ? 'submit' : focused.inResult ? 'result' : focused.key);
      if (focused.inResult) break;
    }
    // The place box, its button, the filters, then the first meeting.
    const order = ['#f-near', 'submit', 'summary', 'result'].map((key) => reached.indexOf(key));
    expect(
      order.every((at) => at >= 0),
      reached.join(' '),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    // The filters open from the keyboard, a choice is made and applied without a pointer.
    await page.locator('summary').focus();
    await page.keyboard.press('Enter');
    await page.locator('#f-attendance').focus();
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (label === 'Apply filters') break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/attendance=in_person/);
    await ctx.close();
  });

  for (const [what, options] of [
    ['320 px wide', { viewport: { width: 320, height: 640 } }],
    // 200% zoom of a 1280x800 window: half as many CSS pixels, each drawn twice as large.
    ['200% zoom', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }],
  ] as const) {
    it(`needs no horizontal scrolling at ${what}`, async () => {
      const ctx = await context(options);
      for (const path of ['/en/?near=01301', `/es/${RURAL}`]) {
        const page = await open(ctx, path);
        await page.locator('summary').click();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, path).toBeLessThanOrEqual(0);
        const box = await page.locator('#f-near').boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(options.viewport.width);
        await page.close();
      }
      await ctx.close();
    });
  }

  it.runIf(process.env.UPDATE_README_SCREENSHOTS === '1')(
    'refreshes the README screenshots',
    async () => {
      mkdirSync(README_IMAGES, { recursive: true });
      const ctx = await context();
      const page = await open(ctx, '/en/?near=01301');
      await page.screenshot({ path: `${README_IMAGES}/finder.png` });
      const slug = await page.locator('#results .result').first().getAttribute('data-slug');
      await page.goto(`${base}/en/meetings/${slug}`);
      await page.screenshot({ path: `${README_IMAGES}/meeting.png` });
      await ctx.close();
    },
  );

  it('made no request to any other origin and broke no CSP rule', () => {
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => new URL(url).origin !== base)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
