/**
 * A peer recovery coach works the center desk in Chromium: signs in with the link from the mail
 * outbox, checks a member in at the front desk, records an encounter and a BARC-10, and sees the
 * chart. Every page passes axe (WCAG 2.2 AA) in English and Spanish, works from plain forms, and
 * nothing is fetched from another origin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createCenter, putStaffByEmail } from '../../src/centers/centers.js';
import { createCenterDesk } from '../../src/centers/desk.js';
import { createKeyring } from '../../src/platform/crypto/keyring.js';
import { createTestApp } from '../support/app.js';
import { movableClock } from '../support/manual-clock.js';
import { hasChromium, launchChromium } from './browser.js';
import { freePort } from '../support/free-port.js';
import { axeViolations } from './axe.js';
import { outboxMessages } from '../support/outbox.js';

describe.skipIf(!hasChromium)('the center desk in Chromium', () => {
  let app: App;
  const clock = movableClock();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let dataDir: string;
  let memberId: string;
  const elsewhere: string[] = [];
  const cspViolations: string[] = [];
  const slow = 90_000;

  const outbox = () => outboxMessages(dataDir);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porchlight-center-e2e-'));
    const port = await freePort();
    base = `http://localhost:${port}`;
    const keyring = createKeyring(Buffer.alloc(32, 9));
    app = await createTestApp({ dataDir, publicUrl: base }, { clock, keyring });
    const deps = { repos: app.repos, clock };
    const { center } = await createCenter(deps, {
      slug: 'franklin',
      name: 'Franklin Recovery Center',
      adminEmail: 'admin@example.org',
    });
    await putStaffByEmail(deps, center, { email: 'coach@example.org', role: 'coach' });
    const admin = await app.repos.accounts.personByEmail('admin@example.org');
    const desk = createCenterDesk({ repos: app.repos, clock, keyring: () => keyring });
    const access = await desk.open({ personId: admin!.id }, 'franklin');
    memberId = (await desk.registerMember(access, { chosenName: 'Jordan Rivers' })).id;
    await app.server.listen({ port, host: 'localhost' });
    browser = await launchChromium();
    context = await browser.newContext();
    context.on('request', (request) => {
      if (!request.url().startsWith(base)) elsewhere.push(request.url());
    });
    context.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'signs a coach in with the emailed link and lists their center',
    async () => {
      page = await context.newPage();
      await page.goto(`${base}/en/center/franklin`);
      await page.waitForURL(`${base}/en/sign-in`);
      await page.getByLabel('Email address').fill('coach@example.org');
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await page.waitForURL(`${base}/en/sign-in/sent`);
      await expect.poll(() => outbox().length, { timeout: 5000 }).toBeGreaterThan(0);
      const link = /http:\/\/localhost:\d+\/en\/sign-in\/verify\?token=[A-Za-z0-9_-]+/.exec(
        outbox().at(-1)!,
      )![0];
      await page.goto(link);
      await Promise.all([
        page.waitForURL(`${base}/en/account`),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      await page.getByRole('link', { name: 'Your recovery centers' }).click();
      await page.waitForURL(`${base}/en/center`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Franklin Recovery Center' }).click();
      await page.waitForURL(`${base}/en/center/franklin`);
      expect(await axeViolations(page)).toEqual([]);
    },
    slow,
  );

  it(
    'checks a member in at the front desk: find, then one tap',
    async () => {
      await page.getByLabel('Chosen name').fill('jor');
      await page.getByRole('button', { name: 'Find', exact: true }).click();
      await page.waitForURL(`${base}/en/center/franklin?q=jor`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Check in Jordan Rivers' }).click();
      await page.waitForURL(`${base}/en/center/franklin?checked=1`);
      expect(await page.getByRole('status').textContent()).toBe('Check-in recorded.');
      const today = page.locator('section[aria-labelledby="today"]');
      expect(await today.textContent()).toContain('Jordan Rivers');
      expect(await axeViolations(page)).toEqual([]);
    },
    slow,
  );

  it(
    'records an encounter from the member’s page',
    async () => {
      await page
        .locator('section[aria-labelledby="today"]')
        .getByRole('link', { name: 'Jordan Rivers' })
        .click();
      await page.waitForURL(`${base}/en/center/franklin/members/${memberId}`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Record an encounter' }).click();
      await page.waitForURL(`${base}/en/center/franklin/members/${memberId}/encounters/new`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Care coordination').check();
      // A value the server refuses (the browser's own check set aside, as an old browser
      // would): the form comes back with the reason beside the field and what was typed kept.
      await page.locator('form[action$="/encounters"]').evaluate((f) => {
        (f as HTMLFormElement).noValidate = true;
      });
      await page.getByLabel('Minutes').fill('9999');
      await page.getByRole('button', { name: 'Record the encounter' }).click();
      await page.waitForURL(`${base}/en/center/franklin/members/${memberId}/encounters`);
      const minutes = page.getByLabel('Minutes');
      await expect.poll(() => minutes.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#durationMinutes-problem').textContent()).toBe(
        'durationMinutes must be 0-1440.',
      );
      expect(await page.getByLabel('Care coordination').isChecked()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Minutes').fill('20');
      await page.getByLabel(/^Note/).fill('Called the housing office together.');
      await page.getByRole('button', { name: 'Record the encounter' }).click();
      await page.waitForURL(`${base}/en/center/franklin/members/${memberId}?saved=1`);
      const timeline = await page.locator('ol[reversed]').textContent();
      expect(timeline).toContain('Care coordination · 20 minutes');
      expect(timeline).toContain('Called the housing office together.');
    },
    slow,
  );

  it(
    'records a BARC-10 and shows it on the chart and in its table',
    async () => {
      await page.getByRole('link', { name: 'Record a BARC-10' }).click();
      await page.waitForURL(`${base}/en/center/franklin/members/${memberId}/barc-10`);
      expect(await axeViolations(page)).toEqual([]);
      const statements = page.locator('form fieldset');
      expect(await statements.count()).toBe(10);
      for (let i = 0; i < 10; i++)
        await statements
          .nth(i)
          .getByLabel(i < 5 ? '4 · Somewhat agree' : '5 · Agree')
          .check();
      await page.getByRole('button', { name: 'Record the BARC-10' }).click();
      await page.waitForURL(`${base}/en/center/franklin/members/${memberId}?saved=1`);
      const chart = page.getByRole('img', { name: 'BARC-10 total over time' });
      expect(await chart.count()).toBe(1);
      expect(await page.locator('svg circle').count()).toBe(1);
      const table = page.getByRole('table', { name: 'BARC-10 totals' });
      expect(await table.locator('tbody td').nth(1).textContent()).toBe('45');
      expect(await axeViolations(page)).toEqual([]);
    },
    slow,
  );

  it(
    'passes axe on the same pages in Spanish',
    async () => {
      for (const path of [
        '',
        `/members/${memberId}`,
        `/members/${memberId}/barc-10`,
        `/members/${memberId}/edit`,
        '/members/new',
        '/shifts',
      ]) {
        await page.goto(`${base}/es/center/franklin${path}`);
        expect(await page.getAttribute('html', 'lang')).toBe('es');
        expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
      }
      expect(elsewhere).toEqual([]);
      expect(cspViolations).toEqual([]);
    },
    slow,
  );
});
