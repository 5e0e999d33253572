/**
 * The center's calendar in Chromium: an administrator gives the center's address and puts a
 * weekly All Recovery group on the calendar with the plain forms; a visitor in another browser
 * context, signed in to nothing, finds it on the center's public calendar and as a meeting in
 * the finder. Every page passes axe in English and Spanish, and nothing is fetched from another
 * origin.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { startSession } from '../../src/accounts/sessions.js';
import { createCenter, putStaffByEmail } from '../../src/centers/centers.js';
import { localDateIn } from '../../src/meetings/time-zone.js';
import { createKeyring } from '../../src/platform/crypto/keyring.js';
import { createTestApp } from '../support/app.js';
import { freePort } from '../support/free-port.js';
import { movableClock } from '../support/manual-clock.js';
import { axeViolations } from './axe.js';
import { hasChromium, launchChromium } from './browser.js';

describe.skipIf(!hasChromium)('the center calendar in Chromium', () => {
  let app: App;
  const clock = movableClock();
  let browser: Browser;
  let base: string;
  let staff: Page;
  let visitor: BrowserContext;
  const elsewhere: string[] = [];
  const slow = 90_000;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    const keyring = createKeyring(Buffer.alloc(32, 13));
    app = await createTestApp({ publicUrl: base }, { clock, keyring });
    const deps = { repos: app.repos, clock };
    const { center } = await createCenter(deps, {
      slug: 'franklin',
      name: 'Franklin Recovery Center',
      adminEmail: 'admin@example.org',
      timeZone: 'America/New_York',
    });
    await putStaffByEmail(deps, center, { email: 'coach@example.org', role: 'coach' });
    const admin = await app.repos.accounts.personByEmail('admin@example.org');
    const session = (await startSession(deps, admin!.id, 'email', undefined)).token;
    await app.server.listen({ port, host: 'localhost' });
    browser = await launchChromium();
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'pl_session', value: session, url: base, httpOnly: true, sameSite: 'Lax' },
    ]);
    visitor = await browser.newContext({ viewport: { width: 360, height: 740 } });
    for (const c of [context, visitor])
      c.on('request', (request) => {
        if (!request.url().startsWith(base)) elsewhere.push(request.url());
      });
    staff = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    'lets an administrator give the address and add a weekly group',
    async () => {
      await staff.goto(`${base}/en/center/franklin`);
      await staff.getByRole('link', { name: 'Calendar' }).click();
      await staff.waitForURL(`${base}/en/center/franklin/calendar`);
      expect(await axeViolations(staff)).toEqual([]);
      await staff.getByLabel('Street address').fill('100 Main Street');
      await staff.getByLabel('Town or city').fill('Greenfield');
      await staff.getByLabel('State').fill('MA');
      await staff.getByLabel('ZIP code').fill('01301');
      await staff.getByRole('button', { name: 'Save the address' }).click();
      await staff.waitForURL(`${base}/en/center/franklin/calendar?saved=1`);
      expect(await staff.getByRole('status').textContent()).toBe('Saved.');

      await staff.getByRole('link', { name: 'Add an event' }).click();
      await staff.waitForURL(`${base}/en/center/franklin/calendar/new`);
      expect(await axeViolations(staff)).toEqual([]);
      const today = localDateIn(clock.now().getTime(), 'America/New_York');
      await staff.getByLabel('What it is').fill('All Recovery Meeting');
      await staff.getByLabel('Peer group').check();
      await staff.getByLabel('Every week').check();
      await staff.getByLabel('Date (the first, for a series)').fill(today);
      await staff.getByLabel('Starts at').fill('18:00');
      await staff.getByLabel('How long (minutes)').fill('60');
      await staff.getByRole('button', { name: 'Save the event' }).click();
      await staff.waitForURL(`${base}/en/center/franklin/calendar?saved=1`);
      const series = staff.locator('section[aria-labelledby="series"]');
      expect(await series.textContent()).toContain('Listed in the meeting finder');
      expect(await axeViolations(staff)).toEqual([]);

      await staff.getByRole('link', { name: 'Change All Recovery Meeting' }).click();
      expect(await axeViolations(staff)).toEqual([]);
      await staff.goto(`${base}/es/center/franklin/calendar`);
      expect(await axeViolations(staff)).toEqual([]);
      await staff.goto(`${base}/es/center/franklin/calendar/new`);
      expect(await axeViolations(staff)).toEqual([]);
    },
    slow,
  );

  it(
    'shows the group to a visitor on the public calendar and in the finder',
    async () => {
      const page = await visitor.newPage();
      await page.goto(`${base}/en/centers/franklin/events`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Calendar of Franklin Recovery Center',
      );
      expect(await page.textContent('main')).toContain('All Recovery Meeting');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Español' }).click();
      await page.waitForURL(`${base}/es/centers/franklin/events`);
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${base}/en/?near=01301&radius=5&program=all-recovery`);
      await page.getByRole('link', { name: 'All Recovery Meeting' }).first().click();
      await page.waitForURL(/\/en\/meetings\//);
      expect(await page.textContent('main')).toContain('100 Main Street');
      expect(await axeViolations(page)).toEqual([]);
      expect(elsewhere).toEqual([]);
    },
    slow,
  );
});
