/**
 * The islands in Chromium against the real server and the real client build: favourites kept on
 * the device, offline reading through the service worker, the lazy map and its tile origin,
 * "use my location", and axe with the islands active.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadClientAssets } from '../../src/web/assets.js';
import { createTestApp } from '../support/app.js';
import { hasChromium, launchChromium } from './browser.js';
import { AXE_TAGS } from './axe.js';

const SCREENSHOTS = 'test-results/screenshots';
const SEARCH = '/en/?near=01301';
/** Greenfield, Massachusetts: the demo region's town. */
const GREENFIELD = { latitude: 42.587654, longitude: -72.599876 };

describe.skipIf(!hasChromium)('islands in Chromium', () => {
  let app: App;
  let base: string;
  let tiles: Server;
  let tileOrigin: string;
  const tileRequests: string[] = [];
  let browser: Browser;

  beforeAll(async () => {
    // The test's global setup builds the client; without it these tests have nothing to test.
    expect(loadClientAssets(), 'the client build (npm run build) is missing').toBeDefined();
    const png = readFileSync(
      new URL('../../src/web/client/public/icons/icon-192.png', import.meta.url),
    );
    tiles = createServer((request, response) => {
      tileRequests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
    await new Promise<void>((done) => tiles.listen(0, '127.0.0.1', done));
    tileOrigin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
    app = await createTestApp({ demo: true, mapTiles: `${tileOrigin}/{z}/{x}/{y}.png` });
    base = await app.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await new Promise((done) => tiles?.close(done));
  });

  /** A fresh browser profile (its own storage and service worker) that records its requests. */
  async function freshContext(
    options: Parameters<Browser['newContext']>[0] = {},
  ): Promise<{ context: BrowserContext; requests: string[]; cspErrors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, ...options });
    const requests: string[] = [];
    const cspErrors: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    context.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    return { context, requests, cspErrors };
  }

  async function open(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    const response = await page.goto(`${base}${path}`);
    expect(response?.status(), path).toBe(200);
    // The module script ran: the first result has its star.
    return page;
  }

  it('keeps a favourite on the device across a reload and lists it in "My meetings"', async () => {
    const { context, requests } = await freshContext({ serviceWorkers: 'block' });
    const page = await open(context, SEARCH);
    const first = page.locator('li.result').first();
    const name = (await first.locator('h3 a').textContent())!.trim();
    const slug = (await first.getAttribute('data-slug'))!;
    const star = first.getByRole('button', { name: `Save ${name} to my meetings` });
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByRole('heading', { name: 'My meetings' }).count()).toBe(0);
    const before = requests.length;
    await star.click();
    expect(await star.getAttribute('aria-pressed')).toBe('true');
    const my = page.locator('section[data-ui="my"]');
    await expect.poll(() => my.locator(`li[data-favourite="${slug}"] a`).textContent()).toBe(name);

    await page.reload();
    const again = page.locator(`li.result[data-slug="${slug}"]`).first();
    await expect
      .poll(() => again.getByRole('button', { name: /^Save / }).getAttribute('aria-pressed'))
      .toBe('true');
    const listed = page.locator(`section[data-ui="my"] li[data-favourite="${slug}"] a`);
    await expect.poll(() => listed.textContent()).toBe(name);
    expect(await listed.getAttribute('href')).toBe(`/en/meetings/${slug}`);
    await page.screenshot({ path: `${SCREENSHOTS}/finder-my-meetings-en.png`, fullPage: true });

    // The meeting page shows it saved too, and its schedule becomes the list's second line.
    await listed.click();
    await page.waitForURL(`**/en/meetings/${slug}`);
    const pageStar = page.locator('.fav-slot button');
    await expect.poll(() => pageStar.getAttribute('aria-pressed')).toBe('true');

    // Saving sent nothing anywhere: the only requests after the click were page loads of ours.
    const after = requests.slice(before).map((url) => new URL(url));
    expect(after.every((url) => url.origin === base)).toBe(true);
    expect(after.filter((url) => url.pathname.startsWith('/api/'))).toEqual([]);

    // Removing it from the meeting page empties the list.
    await pageStar.click();
    await page.goBack();
    await page.reload();
    await expect.poll(() => page.locator('section[data-ui="my"]').count()).toBe(0);
    await context.close();
  });

  it('opens the last search, a visited and a saved meeting page offline, with the offline note', async () => {
    // A server of its own: it is shut down half-way, as a lost connection would be.
    const own = await createTestApp({ demo: true });
    const ownBase = await own.server.listen({ port: 0, host: '127.0.0.1' });
    const { context } = await freshContext();
    const page = await context.newPage();
    await page.goto(`${ownBase}${SEARCH}`);
    // The worker installs after load and takes over this page (and keeps it).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });
    // Saved, never opened: its page is kept for offline reading all the same.
    const saved = page.locator('li.result').nth(1);
    const savedName = (await saved.locator('h3 a').textContent())!.trim();
    const savedHref = (await saved.locator('h3 a').getAttribute('href'))!;
    await saved.locator('button[aria-pressed]').click();
    const first = page.locator('li.result h3 a').first();
    const name = (await first.textContent())!.trim();
    const href = (await first.getAttribute('href'))!;
    await first.click();
    await page.waitForURL(`**${href}`);
    expect(await page.locator('h1').textContent()).toBe(name);
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const cache = await caches.open('porchlight-pages-v1');
          return (await cache.keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
        }),
      )
      .toEqual(expect.arrayContaining([SEARCH, '/en/help', '/es/help', href, savedHref]));

    const unvisited = (await own.repos.meetings.all())
      .map((m) => m.slug)
      .find((slug) => !href.endsWith(`/${slug}`) && !savedHref.endsWith(`/${slug}`))!;

    // Gone: the server, the browser's HTTP cache, the network. Only the worker's copies remain.
    await own.close();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await context.setOffline(true);

    await page.goto(`${ownBase}${SEARCH}`);
    expect(await page.locator('li.result').count()).toBeGreaterThan(0);
    expect(await page.getAttribute('html', 'data-offline-copy')).toBe('');
    const mine = page.locator('section[data-ui="my"] li a');
    await expect.poll(() => mine.textContent()).toBe(savedName);
    const note = page.locator('#main > p.notice[data-ui="offline"]');
    await expect.poll(() => note.textContent()).toMatch(/^Offline — updated at .*\d/);
    await page.screenshot({ path: `${SCREENSHOTS}/finder-offline-en.png`, fullPage: true });

    await page.goto(`${ownBase}${href}`);
    expect(await page.locator('h1').textContent()).toBe(name);
    await expect.poll(() => note.textContent()).toMatch(/^Offline — updated at/);
    await page.screenshot({ path: `${SCREENSHOTS}/meeting-offline-en.png`, fullPage: true });

    // The crisis lines were kept on install, though this person never opened them.
    await page.goto(`${ownBase}${savedHref}`);
    expect(await page.locator('h1').textContent()).toBe(savedName);
    await expect
      .poll(() => page.locator('.fav-slot button').getAttribute('aria-pressed'))
      .toBe('true');

    await page.goto(`${ownBase}/es/help`);
    expect(await page.locator('h1').textContent()).toBe('Ayuda');
    await expect.poll(() => note.textContent()).toMatch(/^Sin conexión — actualizado: /);

    // The app's start page, never visited as such, opens on the last search kept.
    await page.goto(`${ownBase}/`);
    expect(await page.locator('li.result').count()).toBeGreaterThan(0);
    expect(await page.getAttribute('html', 'data-offline-copy')).toBe('');

    // A page never opened here: the offline page in its language, with the saved meetings.
    await page.goto(`${ownBase}/en/meetings/${unvisited}`);
    expect(await page.locator('h1').textContent()).toBe('You are offline');
    await expect.poll(() => mine.textContent()).toBe(savedName);
    await page.screenshot({ path: `${SCREENSHOTS}/offline-page-en.png`, fullPage: true });
    await page.goto(`${ownBase}/es/meetings/${unvisited}`);
    expect(await page.locator('h1').textContent()).toBe('Está sin conexión');
    // A page the worker never keeps (a printed schedule) gets it too.
    await page.goto(`${ownBase}/en/print?near=01301`);
    expect(await page.locator('h1').textContent()).toBe('You are offline');
    await context.close();
  });

  it('loads the map only when asked, and then only from the configured tile origin', async () => {
    const { context, requests, cspErrors } = await freshContext({ serviceWorkers: 'block' });
    const page = await open(context, SEARCH);
    await page.getByRole('button', { name: 'Show map' }).waitFor();
    // Its name changes to "Hide map" once open.
    const button = page.locator('button[data-ui="map"]');
    await page.waitForLoadState('networkidle');
    expect(requests.filter((url) => /\/assets\/map-/.test(url))).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(base))).toEqual([]);
    expect(tileRequests).toEqual([]);

    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await page.locator('#map .leaflet-tile-loaded').first().waitFor();
    const rooms = await page.locator('li.result[data-lat]').count();
    expect(await page.locator('#map path.leaflet-interactive').count()).toBe(rooms);
    expect(requests.some((url) => /\/assets\/map-[\w-]+\.js$/.test(url))).toBe(true);
    expect(requests.some((url) => /\/assets\/map-[\w-]+\.css$/.test(url))).toBe(true);
    const elsewhere = requests.filter((url) => !url.startsWith(base));
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(elsewhere.filter((url) => !url.startsWith(`${tileOrigin}/`))).toEqual([]);
    expect(tileRequests.every((path) => /^\/\d+\/\d+\/\d+\.png$/.test(path))).toBe(true);
    expect(cspErrors).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/finder-map-en.png` });

    await button.click();
    expect(await page.locator('#map').isHidden()).toBe(true);
    expect(await button.textContent()).toBe('Show map');
    await context.close();
  });

  it('offers no map, and reaches no other origin, when no tile URL is configured', async () => {
    const plain = await createTestApp({ demo: true });
    const plainBase = await plain.server.listen({ port: 0, host: '127.0.0.1' });
    const { context, requests } = await freshContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${plainBase}${SEARCH}`);
    await page.locator('li.result button[aria-pressed]').first().waitFor();
    expect(await page.getByRole('button', { name: 'Show map' }).count()).toBe(0);
    expect(requests.filter((url) => !url.startsWith(plainBase))).toEqual([]);
    await context.close();
    await plain.close();
  });

  it('"use my location" searches near the rounded position', async () => {
    const { context } = await freshContext({
      serviceWorkers: 'block',
      geolocation: GREENFIELD,
      permissions: ['geolocation'],
    });
    const page = await open(context, '/en/');
    await page.getByRole('button', { name: 'Use my location' }).click();
    await page.waitForURL(/near=42\.59%2C-72\.60/);
    expect(await page.inputValue('input[name="near"]')).toBe('42.59,-72.60');
    expect(await page.locator('li.result').count()).toBeGreaterThan(0);
    expect(await page.locator('li.result[data-lat]').count()).toBeGreaterThan(0);
    await context.close();
  });

  it("sends the viewer's time zone and no empty fields, and shows times in it", async () => {
    const { context } = await freshContext({
      serviceWorkers: 'block',
      timezoneId: 'America/Los_Angeles',
    });
    const page = await open(context, '/en/');
    await page.getByLabel('ZIP code or town').fill('01301');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/near=01301/);
    expect(new URL(page.url()).search).toBe('?near=01301&tz=America%2FLos_Angeles');
    // Each start in the meeting's zone, and in the viewer's.
    expect(await page.locator('#results .result').first().textContent()).toMatch(/PST/);
    // The filters keep it: applying one sends the zone again, and still nothing empty.
    await page.locator('details.filters > summary').click();
    await page.getByLabel('Day', { exact: true }).selectOption('2');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/day=2/);
    expect(new URL(page.url()).search).toBe('?near=01301&day=2&tz=America%2FLos_Angeles');
    await context.close();
  });

  it('says so when the location is refused, and leaves the place box to type in', async () => {
    const { context } = await freshContext({ serviceWorkers: 'block' });
    const page = await open(context, '/en/');
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect
      .poll(() => page.locator('[data-ui="locate-status"]').textContent())
      .toMatch(/turned off|could not be found/);
    expect(new URL(page.url()).search).toBe('');
    await context.close();
  });

  for (const locale of ['en', 'es'] as const) {
    it(`axe finds no WCAG 2.2 AA violation on the /${locale}/ finder with its islands`, async () => {
      const { context } = await freshContext({ serviceWorkers: 'block' });
      const page = await open(context, `/${locale}/?near=01301`);
      // Every island in place: a saved meeting (so the list shows) and the map open.
      await page.locator('li.result button[aria-pressed]').first().click();
      await page.locator('section[data-ui="my"] li').first().waitFor();
      await page.locator('button[data-ui="map"]').click();
      await page.locator('#map .leaflet-tile-loaded').first().waitFor();
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      const violations = results.violations.map((v) => ({
        id: v.id,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      }));
      expect(violations).toEqual([]);
      await page.screenshot({
        path: `${SCREENSHOTS}/finder-islands-${locale}.png`,
        fullPage: true,
      });
      await context.close();
    });
  }
});
