/**
 * `npm run check:budget`: builds the client, starts the real app on a temporary SQLite database
 * with the demo data, and loads pages in Chromium, recording every request.
 *
 * Fails (exit 1) when the finder's first load (`/?near=01301`, cold cache) transfers more than
 * 30 KB of HTML, CSS and JS (encoded bodies, as sent; the map chunk excluded: it loads only when
 * a person opens the map) in any offered language, when the resource finder's first load
 * (`/resources?near=01301`) does, when the personal space's first load (`/en/space` until its island
 * has drawn the screen, with the space's own chunks, on an empty device) does, or when any
 * page, or the service worker it installs, requests another origin. Prints one JSON document
 * with the breakdown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import type { BrowserContext, Request } from 'playwright-core';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { locales } from '../src/web/i18n/locales.js';
import { CHROMIUM, hasChromium, launchChromium } from '../test/e2e/browser.js';
import { ensureClientBuild } from './build-client.js';

const BUDGET_BYTES = 30 * 1024;
const FINDER = '/?near=01301';
const SPACE = '/en/space';
const RESOURCES = '/resources?near=01301';
const counted = new Set(['document', 'stylesheet', 'script']);
/** Loaded only when a person opens the map. */
const isMapChunk = (path: string) => /^\/assets\/map-[\w-]+\.(?:js|css)$/.test(path);

interface Row {
  path: string;
  type: string;
  status: number;
  /** Body bytes as sent (compressed when the server compressed it). */
  encoded: number;
  headers: number;
  /** The body's size after gzip -9, whatever encoding was negotiated. */
  gzip: number;
  encoding: string;
}

async function rowOf(request: Request, base: string): Promise<Row | undefined> {
  const response = await request.response();
  if (response === null) return undefined;
  const sizes = await request.sizes();
  const body = await response.body().catch(() => Buffer.alloc(0));
  const url = new URL(request.url());
  return {
    path: url.origin === base ? `${url.pathname}${url.search}` : url.href,
    type: request.resourceType(),
    status: response.status(),
    encoded: sizes.responseBodySize,
    headers: sizes.responseHeadersSize,
    gzip: gzipSync(body, { level: 9 }).length,
    encoding: (await response.headerValue('content-encoding')) ?? 'identity',
  };
}

/** A page's first load: what it transferred until the network was idle, and what it showed. */
async function firstLoad(context: BrowserContext, base: string, path: string, shown: string) {
  const page = await context.newPage();
  const requests: Request[] = [];
  page.on('requestfinished', (request) => requests.push(request));
  await page.goto(`${base}${path}`, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  await page
    .locator(shown)
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  const rows = (await Promise.all(requests.map((r) => rowOf(r, base)))).filter(
    (row): row is Row => row !== undefined,
  );
  const resultsShown = await page.locator(shown).count();
  await page.close();
  const inBudget = rows.filter((row) => counted.has(row.type) && !isMapChunk(row.path));
  const sum = (list: Row[], key: 'encoded' | 'gzip' | 'headers') =>
    list.reduce((n, row) => n + row[key], 0);
  const byType = Object.fromEntries(
    [...counted].map((type) => [
      type,
      sum(
        inBudget.filter((row) => row.type === type),
        'encoded',
      ),
    ]),
  );
  return {
    url: path,
    resultsShown,
    encodedBytes: sum(inBudget, 'encoded'),
    gzipBytes: sum(inBudget, 'gzip'),
    headerBytes: sum(inBudget, 'headers'),
    byType,
    requests: rows,
    excluded: rows.filter((row) => !inBudget.includes(row)).map((row) => row.path),
  };
}

/** Every page a visitor may open, with the service worker allowed to install and precache. */
async function otherOrigins(context: BrowserContext, base: string, slug: string) {
  const seen: string[] = [];
  context.on('request', (request) => seen.push(request.url()));
  const page = await context.newPage();
  const paths = [
    FINDER,
    `/en/meetings/${slug}`,
    '/en/help',
    '/es/about',
    '/es/?near=Colrain, MA',
    SPACE,
    '/es/space/check-in',
    RESOURCES,
    '/es/resources?near=01301&need=health',
  ];
  for (const path of paths) {
    await page.goto(`${base}${path}`, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
  }
  const controlled = await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 15_000,
    })
    .then(() => true)
    .catch(() => false);
  await page.close();
  return {
    pages: paths,
    requests: seen.length,
    serviceWorkerControlled: controlled,
    elsewhere: seen.filter((url) => new URL(url).origin !== base),
  };
}

async function main(): Promise<number> {
  if (!hasChromium) {
    console.error(`check:budget needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
    return 1;
  }
  const build = ensureClientBuild({ quiet: true });
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-budget-'));
  const config = loadConfig(
    {},
    {
      dataDir: dir,
      databaseUrl: `sqlite:${join(dir, 'porchlight.db')}`,
      demo: true,
      logLevel: 'silent',
    },
  );
  const app = await createApp(config, { logger: pino({ level: 'silent' }) });
  const browser = await launchChromium();
  try {
    const base = await app.server.listen({ port: 0, host: '127.0.0.1' });
    const slug = (await app.repos.meetings.all())[0]?.slug ?? 'none';
    // The first load as a new visitor sees it: nothing cached, no worker yet.
    const cold = await browser.newContext({ serviceWorkers: 'block' });
    const load = await firstLoad(cold, base, FINDER, '[data-slug]');
    await cold.close();
    // The resource finder as a new visitor sees it: the same rural budget as the meeting finder.
    const coldResources = await browser.newContext({ serviceWorkers: 'block' });
    const resources = await firstLoad(coldResources, base, RESOURCES, 'li.result[data-id]');
    await coldResources.close();
    // Longer languages weigh more: every offered one keeps the same budget, each from cold.
    const byLanguage: Record<string, number> = {};
    for (const locale of locales) {
      const path = `/${locale}${FINDER}`;
      const context = await browser.newContext({ serviceWorkers: 'block' });
      byLanguage[path] = (await firstLoad(context, base, path, '[data-slug]')).encodedBytes;
      await context.close();
    }
    // The space on a device that never opened it: the shell, its island, no data of its own.
    const fresh = await browser.newContext({ serviceWorkers: 'block' });
    const space = await firstLoad(fresh, base, SPACE, '#space-app h2');
    await fresh.close();
    const visit = await browser.newContext();
    const origins = await otherOrigins(visit, base, slug);
    await visit.close();

    const failures: string[] = [];
    if (load.resultsShown === 0) failures.push(`${FINDER} showed no result`);
    if (load.encodedBytes > BUDGET_BYTES)
      failures.push(`first load is ${load.encodedBytes} bytes, over ${BUDGET_BYTES}`);
    if (resources.resultsShown === 0) failures.push(`${RESOURCES} showed no result`);
    if (resources.encodedBytes > BUDGET_BYTES)
      failures.push(
        `the resource finder's first load is ${resources.encodedBytes} bytes, over ${BUDGET_BYTES}`,
      );
    for (const [path, bytes] of Object.entries(byLanguage))
      if (bytes > BUDGET_BYTES)
        failures.push(`${path} first load is ${bytes} bytes, over ${BUDGET_BYTES}`);
    if (space.resultsShown === 0) failures.push(`${SPACE} drew no screen`);
    if (space.encodedBytes > BUDGET_BYTES)
      failures.push(`the space's first load is ${space.encodedBytes} bytes, over ${BUDGET_BYTES}`);
    if (origins.elsewhere.length > 0)
      failures.push(`requests to other origins: ${origins.elsewhere.join(', ')}`);
    const report = {
      budget: { bytes: BUDGET_BYTES, counts: 'HTML + CSS + JS bodies as sent, map chunk excluded' },
      pass: failures.length === 0,
      failures,
      build: { rebuilt: build.built, ms: build.ms },
      firstLoad: load,
      resourcesFirstLoad: resources,
      firstLoadByLanguage: byLanguage,
      spaceFirstLoad: space,
      otherOrigins: origins,
    };
    console.log(JSON.stringify(report, null, 2));
    return report.pass ? 0 : 1;
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
