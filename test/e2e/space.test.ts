/**
 * The personal space in Chromium against the real server and client build: used with no
 * account and offline, every screen accessible in both languages at phone width, and nothing a
 * person writes ever leaving the browser.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadClientAssets } from '../../src/web/assets.js';
import { createTestApp } from '../support/app.js';
import { axeViolations } from './axe.js';
import { hasChromium, launchChromium } from './browser.js';

const SCREENSHOTS = 'test-results/screenshots';
const SCREENS = ['/space', '/space/check-in', '/space/tools', '/space/data'];

describe.skipIf(!hasChromium)('the personal space in Chromium', () => {
  let app: App;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    expect(loadClientAssets(), 'the client build (npm run build) is missing').toBeDefined();
    app = await createTestApp({ demo: true });
    base = await app.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  function phone(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
    return browser.newContext({ viewport: { width: 360, height: 740 }, ...options });
  }

  /** Adds a recovery date through the form, as a person would. */
  async function addDate(page: Page, label: string, since: string): Promise<void> {
    await page.getByLabel('What you are counting').fill(label);
    await page.getByLabel('Since', { exact: true }).fill(since);
    await page.getByRole('button', { name: 'Add date' }).click();
    await page.getByRole('heading', { name: label, level: 3 }).waitFor();
  }

  /** Fills and saves a thought record (ABC) through the tools page. */
  async function thoughtRecord(page: Page, event: string): Promise<void> {
    await page.getByRole('button', { name: 'Start: Thought record (ABC)' }).click();
    await page.getByLabel('A: what happened').fill(event);
    await page.getByLabel('B: what I told myself about it').fill('I always ruin it');
    await page.getByLabel('C: how I felt, and what I did or wanted to do').fill('Ashamed');
    await page.getByRole('button', { name: 'Save worksheet' }).click();
    await page.locator('article.space-card', { hasText: event }).waitFor();
  }

  /** Writes a check-in through the form. */
  async function checkIn(page: Page, answers: { mood: string; craving: number; note: string }) {
    await page.getByLabel(answers.mood, { exact: true }).check();
    await page.getByLabel(/^Craving/).fill(String(answers.craving));
    await page.getByLabel('Hours of sleep last night').fill('5');
    await page.getByLabel('Being alone').check();
    await page.getByLabel('A line for yourself (optional)').fill(answers.note);
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByText('Saved on this device.').waitFor();
  }

  it('keeps dates, a slip, meetings and check-ins on the device, and works offline', async () => {
    const own = await createTestApp({ demo: true });
    const ownBase = await own.server.listen({ port: 0, host: '127.0.0.1' });
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${ownBase}/en/space`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });
    await addDate(page, 'Alcohol', '2026-01-01');
    const card = page.locator('li.space-card', { hasText: 'Alcohol' });
    expect(await card.locator('.space-count strong').textContent()).toMatch(/^\d+ days$/);

    // A slip keeps the earlier stretch and counts again from the day given.
    await card.getByRole('button', { name: 'I had a slip' }).click();
    await card.getByLabel('Since').fill('2026-03-01');
    await card.getByRole('button', { name: 'Count from this day' }).click();
    await card.getByText(/^Earlier: 59 days from Jan 1, 2026 to Mar 1, 2026$/).waitFor();

    await page.getByLabel('Which meeting').fill('Tuesday night group');
    await page.getByRole('button', { name: 'I went', exact: true }).click();
    await page.getByText(/^1 of 3 this week$/).waitFor();
    // Every screen of the space is kept for offline use once one was opened.
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const cache = await caches.open('porchlight-pages-v1');
          return (await cache.keys()).map((r) => new URL(r.url).pathname);
        }),
      )
      .toEqual(expect.arrayContaining(['/en/space', '/en/space/check-in', '/en/space/data']));

    // No server, no network: the space still opens, writes and reads.
    await own.close();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await context.setOffline(true);
    await page.goto(`${ownBase}/en/space/check-in`);
    await checkIn(page, { mood: 'Very low', craving: 8, note: 'Offline line' });
    // A hard day: the crisis line is offered, and the meeting list says it needs a connection.
    await page.getByText(/That sounds like a hard day/).waitFor();
    await page.getByText('You are offline: the meeting list needs a connection.').waitFor();
    await page.locator('svg.space-chart circle').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/space-check-in-offline-en.png`, fullPage: true });
    await page.goto(`${ownBase}/en/space`);
    await page.getByRole('heading', { name: 'Alcohol', level: 3 }).waitFor();
    await page.getByText(/^1 of 3 this week$/).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/space-today-offline-en.png`, fullPage: true });
    await context.close();
  });

  it('suggests meetings starting soon after a hard check-in', async () => {
    const context = await phone({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${base}/en/space/check-in`);
    await checkIn(page, { mood: 'Low', craving: 9, note: 'Not today' });
    await page.getByRole('heading', { name: 'Starting soon' }).waitFor();
    await context.close();
  });

  it('marks "I went" from a meeting page and lists saved meetings with their next start', async () => {
    const context = await phone({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${base}/en/?near=01301`);
    const first = page.locator('li.result').first();
    const name = (await first.locator('h3 a').textContent())!.trim();
    await first.getByRole('button', { name: `Save ${name} to my meetings` }).click();
    await first.locator('h3 a').click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'I went today' }).click();
    await page.getByText('Marked in your space.').waitFor();
    await page.getByRole('link', { name: 'Your space' }).first().click();
    await page.getByText(/^1 of 3 this week$/).waitFor();
    expect(await page.locator('section[aria-labelledby="space-week"] ul').textContent()).toContain(
      name,
    );
    const saved = page.locator('section[aria-labelledby="space-my"] li');
    expect(await saved.locator('a').textContent()).toBe(name);
    await expect.poll(() => saved.textContent()).toMatch(/Next: \w{3}, \w{3} \d+, \d+:\d\d/);
    // One tap marks a saved meeting attended today.
    await saved.getByRole('button', { name: `I went to ${name} today` }).click();
    await page.getByText(/^2 of 3 this week$/).waitFor();
    await context.close();
  });

  it('reminds before saved meetings through a calendar feed that follows them', async () => {
    const context = await phone({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${base}/en/?near=01301`);
    const results = page.locator('li.result');
    const names: string[] = [];
    const pages: string[] = [];
    for (const i of [0, 1]) {
      const result = results.nth(i);
      const name = (await result.locator('h3 a').textContent())!.trim();
      await result.getByRole('button', { name: `Save ${name} to my meetings` }).click();
      names.push(name);
      // The feed links each meeting's page: `/meetings/{slug}`.
      pages.push((await result.locator('h3 a').getAttribute('href'))!.replace(/^\/en/, ''));
    }
    await page.goto(`${base}/en/space`);
    await page.getByLabel('Remind me before each meeting').selectOption('60');
    await page.getByRole('button', { name: 'Make my calendar address' }).click();
    const address = await page.getByLabel('Your calendar’s address').inputValue();
    expect(address).toMatch(
      new RegExp(`^${base}/api/v1/space/calendars/[A-Za-z0-9_-]{43}/meetings\\.ics$`),
    );
    expect(await page.getByRole('link', { name: 'Add to my calendar' }).getAttribute('href')).toBe(
      address.replace(/^http:/, 'webcal:'),
    );
    const feed = async () => (await fetch(address)).text();
    const first = await feed();
    expect(first).toContain('TRIGGER:-PT60M');
    expect(first.split('X-WR-CALNAME')[1]).toContain('My meetings (Porchlight)');
    for (const path of pages) expect(first.replace(/\r\n /g, '')).toContain(path);

    // One meeting removed here: the feed follows when the space next opens.
    await page.goto(`${base}/en/?near=01301`);
    await page
      .locator(`li.result:has(h3 a[href="/en${pages[0]}"])`)
      .first()
      .getByRole('button', { name: `Save ${names[0]} to my meetings`, pressed: true })
      .click();
    await page.goto(`${base}/en/space`);
    await expect
      .poll(async () => (await feed()).replace(/\r\n /g, '').includes(pages[0]!))
      .toBe(false);
    expect((await feed()).replace(/\r\n /g, '')).toContain(pages[1]);
    await page.getByRole('button', { name: 'Stop the reminders' }).click();
    await page.getByRole('button', { name: 'Make my calendar address' }).waitFor();
    expect((await fetch(address)).status).toBe(404);
    await context.close();
  });

  it('keeps a worksheet on the device and prints it alone', async () => {
    const context = await phone({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${base}/en/space/tools`);
    await page.getByRole('button', { name: 'Start: Cost-benefit analysis' }).click();
    await page.getByLabel('What I would gain by changing').fill('Mornings back');
    await page.getByRole('button', { name: 'Save worksheet' }).click();
    await page.locator('article.space-card', { hasText: 'Mornings back' }).waitFor();
    await thoughtRecord(page, 'Missed the bus to the meeting');
    await page.reload();
    const sheet = page.locator('article.space-card', { hasText: 'Missed the bus' });
    // The screen draws once its chunk and the store have answered.
    await sheet.locator('dt').first().waitFor();
    expect(await sheet.locator('dt').allTextContents()).toEqual([
      'A: what happened',
      'B: what I told myself about it',
      'C: how I felt, and what I did or wanted to do',
    ]);
    // In print, the worksheet shows without the site's frame or the forms.
    await page.emulateMedia({ media: 'print' });
    expect(await sheet.locator('dl').isVisible()).toBe(true);
    expect(await page.locator('aside.crisis').isVisible()).toBe(false);
    expect(await page.locator('.space-tools').isVisible()).toBe(false);
    expect(await sheet.getByRole('button').first().isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: `${SCREENSHOTS}/space-tools-saved-en.png`, fullPage: true });
    await context.close();
  });

  it('exports everything as JSON and deletes everything in one step', async () => {
    const context = await phone({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${base}/en/space`);
    await addDate(page, 'Gambling', '2026-06-01');
    await page.goto(`${base}/en/space/tools`);
    await thoughtRecord(page, 'Argument at dinner');
    await page.goto(`${base}/en/space/data`);
    await page.getByText(/^1 dates, 0 meetings, 0 check-ins kept here\.$/).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download everything (JSON)' }).click(),
    ]);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      format: string;
      dates: { label: string; since: string }[];
      worksheets: { tool: string; answers: Record<string, string> }[];
    };
    expect(exported.format).toBe('porchlight-space');
    expect(exported.dates.map((d) => [d.label, d.since])).toEqual([['Gambling', '2026-06-01']]);
    expect(exported.worksheets.map((w) => [w.tool, w.answers.event])).toEqual([
      ['thought', 'Argument at dinner'],
    ]);

    await page.getByLabel('I understand it cannot be undone').check();
    await page.getByRole('button', { name: 'Delete everything now' }).click();
    await page.getByText('Everything was deleted from this browser.').waitFor();
    await page.goto(`${base}/en/space`);
    await page.getByText(/^No date yet\./).waitFor();
    expect(await page.locator('li.space-card').count()).toBe(0);
    await context.close();
  });

  it('syncs to a second browser through the server, which holds only ciphertext', async () => {
    const secret = `Harbour-${Math.random().toString(36).slice(2)}-line`;
    const first = await phone({ serviceWorkers: 'block' });
    const page = await first.newPage();
    // A meeting saved from the finder travels with the space.
    await page.goto(`${base}/en/?near=01301`);
    const result = page.locator('li.result').first();
    const meeting = (await result.locator('h3 a').textContent())!.trim();
    await result.getByRole('button', { name: `Save ${meeting} to my meetings` }).click();
    await page.goto(`${base}/en/space`);
    await addDate(page, secret, '2026-05-01');
    await page.goto(`${base}/en/space/check-in`);
    await checkIn(page, { mood: 'Good', craving: 1, note: secret });
    await page.goto(`${base}/en/space/data`);
    await page.getByText(/If you lose every device and these 12 words/).waitFor();
    await page.getByRole('button', { name: 'Turn on sync' }).click();
    const words = (await page.locator('[data-phrase]').textContent())!.trim();
    expect(words.split(' ')).toHaveLength(12);
    await page.getByLabel('I wrote the 12 words down').check();
    await page.getByRole('button', { name: 'Start syncing' }).click();
    await page.getByText('Synced.').waitFor();
    await page.getByText('Sync is on for this device.').waitFor();

    // Every row of every table: the secret, the words and the note are in none of them.
    const { sql } = await import('kysely');
    const db = app.database.db;
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table'`.execute(db);
    let everything = '';
    for (const { name } of tables.rows)
      everything += JSON.stringify((await sql.raw(`select * from "${name}"`).execute(db)).rows);
    const blobs = await sql<{
      size: number;
      ciphertext: string;
    }>`select size, ciphertext from space_blobs`.execute(db);
    expect(blobs.rows).toHaveLength(1);
    expect(blobs.rows[0]!.size).toBeGreaterThan(100);
    const decoded = Buffer.from(blobs.rows[0]!.ciphertext, 'base64').toString('latin1');
    for (const text of [secret, words, 'Good', 'craving'])
      expect(everything.includes(text) || decoded.includes(text), text).toBe(false);

    // Another browser, the 12 words typed in: the same space.
    const second = await phone({ serviceWorkers: 'block' });
    const other = await second.newPage();
    await other.goto(`${base}/en/space/data`);
    await other.getByLabel('The 12 words, separated by spaces').fill(words.toUpperCase());
    await other.getByRole('button', { name: 'Sync this device' }).click();
    await other.getByText('Synced.').waitFor();
    await other.goto(`${base}/en/space`);
    await other.getByRole('heading', { name: secret, level: 3 }).waitFor();
    await other.goto(`${base}/en/space/check-in`);
    await other.getByText(secret).waitFor();

    // The saved meeting removed there is removed here too, not brought back by the union.
    await other.goto(`${base}/en/space`);
    await other.locator('section[aria-labelledby="space-my"] li', { hasText: meeting }).waitFor();
    await other.goto(`${base}/en/?near=01301`);
    await other
      .locator('li.result', { hasText: meeting })
      .first()
      .getByRole('button', { name: `Save ${meeting} to my meetings`, pressed: true })
      .click();
    await other.goto(`${base}/en/space/data`);
    await other.getByRole('button', { name: 'Sync now' }).click();
    await other.getByText('Synced.').waitFor();
    await page.goto(`${base}/en/space`);
    await page.getByText(/^Saved meetings show here\./).waitFor();

    // A slip made there reaches this device: the later copy of the date wins.
    await other.goto(`${base}/en/space`);
    const there = other.locator('li.space-card', { hasText: secret });
    await there.getByRole('button', { name: 'I had a slip' }).click();
    await there.getByLabel('Since').fill('2026-06-01');
    await there.getByRole('button', { name: 'Count from this day' }).click();
    await there.getByText(/^Earlier: 31 days from May 1, 2026 to Jun 1, 2026$/).waitFor();
    await other.goto(`${base}/en/space/data`);
    await other.getByRole('button', { name: 'Sync now' }).click();
    await other.getByText('Synced.').waitFor();
    // Opening a screen syncs: the date here counts from the new day, its history kept.
    await page.goto(`${base}/en/space`);
    await page
      .locator('li.space-card', { hasText: secret })
      .getByText(/^Earlier: 31 days from May 1, 2026 to Jun 1, 2026$/)
      .waitFor();

    // A date removed there is removed here at the next sync, not brought back.
    await other.goto(`${base}/en/space`);
    await other.getByRole('button', { name: `Remove ${secret}` }).click();
    await other.goto(`${base}/en/space/data`);
    await other.getByRole('button', { name: 'Sync now' }).click();
    await other.getByText('Synced.').waitFor();
    await page.goto(`${base}/en/space`);
    await page.getByText(/^No date yet\./).waitFor();
    await page.reload();
    await page.getByText(/^No date yet\./).waitFor();

    // Deleting everything there deletes the server's copy too.
    await other.goto(`${base}/en/space/data`);
    await other.getByLabel('I understand it cannot be undone').check();
    await other.getByRole('button', { name: 'Delete everything now' }).click();
    await other.getByText('Everything was deleted from this browser.').waitFor();
    const left = await sql<{ n: number }>`select count(*) as n from space_blobs`.execute(db);
    expect(Number(left.rows[0]!.n)).toBe(0);
    await first.close();
    await second.close();
  });

  it('sends nothing a person writes: a unique phrase appears in no request', async () => {
    // The phrase goes into a date, a meeting, a worksheet and a check-in's line.
    const context = await phone();
    const phrase = `Lantern-${Math.random().toString(36).slice(2)}-phrase`;
    const seen: string[] = [];
    context.on('request', (request) => {
      seen.push(
        [request.method(), request.url(), JSON.stringify(request.headers()), request.postData()]
          .filter((part) => part !== null)
          .join('\n'),
      );
    });
    const page = await context.newPage();
    await page.goto(`${base}/en/space`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });
    await addDate(page, phrase, '2026-02-01');
    await page.getByLabel('Which meeting').fill(phrase);
    await page.getByRole('button', { name: 'I went', exact: true }).click();
    await page.getByText(/^1 of 3 this week$/).waitFor();
    await page.goto(`${base}/en/space/tools`);
    await thoughtRecord(page, phrase);
    await page.goto(`${base}/en/space/check-in`);
    // A hard check-in asks the search API for meetings: that request must carry none of it.
    await checkIn(page, { mood: 'Very low', craving: 10, note: phrase });
    await page.getByRole('heading', { name: 'Starting soon' }).waitFor();
    await page.reload();
    await page.getByText(phrase).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.some((r) => r.includes('/api/v1/search'))).toBe(true);
    expect(seen.filter((r) => r.includes(phrase))).toEqual([]);
    expect(seen.filter((r) => !r.split('\n')[1]!.startsWith(base))).toEqual([]);
    await context.close();
  });

  for (const locale of ['en', 'es'] as const) {
    it(`axe finds no WCAG 2.2 AA violation on any screen of /${locale}/space, with data`, async () => {
      const context = await phone({ serviceWorkers: 'block' });
      const page = await context.newPage();
      // Data in every part, so each screen shows its lists, its chart and its forms.
      await page.goto(`${base}/${locale}/space`);
      await page.locator('#date-label').fill('Alcohol');
      await page.locator('#date-since').fill('2026-01-01');
      await page.locator('#date-label').press('Enter');
      await page.locator('li.space-card').waitFor();
      await page.locator('#went-name').fill('Group');
      await page.locator('#went-name').press('Enter');
      await page.locator('#space-week + p, #space-week ~ ul li').first().waitFor();
      await page.goto(`${base}/${locale}/space/check-in`);
      await page.locator('#check-craving').fill('2');
      await page.locator('#check-note').fill('Fine');
      await page.locator('#check-note').press('Control+Enter');
      await page.locator('#check-craving').press('Enter');
      await page.locator('svg.space-chart').waitFor();
      await page.goto(`${base}/${locale}/space/tools`);
      await page.locator('.space-tools button').last().click();
      await page.locator('#tool-thought-event').fill('Event');
      await page.locator('#space-tool ~ form button[type="submit"]').click();
      await page.locator('article.space-card').waitFor();
      for (const path of SCREENS) {
        await page.goto(`${base}/${locale}${path}`);
        await page.locator('#space-app > :not(.muted)').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await axeViolations(page), `${locale}${path}`).toEqual([]);
        // Nothing wider than the phone.
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth),
          `${locale}${path}`,
        ).toBeLessThanOrEqual(360);
        await page.screenshot({
          path: `${SCREENSHOTS}/space-${path.split('/').pop()}-${locale}.png`,
          fullPage: true,
        });
      }
      await context.close();
    });
  }
});
