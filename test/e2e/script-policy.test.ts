/**
 * The pages' script policy in Chromium: page scripts run only from the asset path, so a
 * same-origin answer that happens to be JavaScript (BMLT's JSONP, `callback=anything`) cannot be
 * loaded as a page script, while the islands and the service worker still load.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadClientAssets } from '../../src/web/assets.js';
import { createTestApp } from '../support/app.js';
import { hasChromium, launchChromium } from './browser.js';

describe.skipIf(!hasChromium)('script policy in Chromium', () => {
  let app: App;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    expect(loadClientAssets(), 'the client build (npm run build) is missing').toBeDefined();
    app = await createTestApp({ demo: true });
    base = await app.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('loads the islands and the service worker under the policy', async () => {
    const context = await browser.newContext();
    const blocked: string[] = [];
    context.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) blocked.push(m.text());
    });
    const page = await context.newPage();
    expect((await page.goto(`${base}/en/?near=01301`))?.status()).toBe(200);
    // The module script ran: each result has its star.
    await page.locator('li.result button[aria-pressed]').first().waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 15_000,
    });
    expect(blocked).toEqual([]);
    await context.close();
  });

  it('refuses a same-origin JSONP answer as a page script', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const blocked: string[] = [];
    context.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) blocked.push(m.text());
    });
    await context.addInitScript(() => {
      (window as unknown as { probe: () => void }).probe = () => {
        document.documentElement.dataset.jsonpRan = 'yes';
      };
    });
    // A same-origin page with the server's own policy and a script tag as markup injected into
    // a page would carry it.
    const policy = (await app.server.inject({ url: '/en/' })).headers[
      'content-security-policy'
    ] as string;
    const jsonp = '/client_interface/jsonp/?switcher=GetServerInfo&callback=probe';
    await context.route(`${base}/en/injected`, (route) =>
      route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy },
        body: `<!doctype html><title>t</title><script src="${jsonp}"></script><p>page</p>`,
      }),
    );
    // The answer itself is unchanged for NA front ends that load it from their own origin.
    const answer = await app.server.inject({ url: jsonp });
    expect(answer.body.startsWith('/**/probe(')).toBe(true);

    const page = await context.newPage();
    await page.goto(`${base}/en/injected`);
    await page.waitForLoadState('load');
    expect(await page.evaluate(() => document.documentElement.dataset.jsonpRan)).toBeUndefined();
    expect(blocked.some((text) => text.includes('client_interface/jsonp'))).toBe(true);
    await context.close();
  });
});
