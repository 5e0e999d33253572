/**
 * A volunteer keeps the list in Chromium: signs in with the link from the mail outbox, fixes a
 * meeting (with a preview), approves a correction someone sent without an account, undoes a
 * change and restores a deleted meeting; an administrator removes a source after a confirmation
 * and restores it. Every page along the way passes axe (WCAG 2.2 AA), and nothing is fetched from
 * another origin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTestApp } from '../support/app.js';
import { movableClock } from '../support/manual-clock.js';
import { buildScene, type Scene } from '../stewardship-editing-support.js';
import { hasChromium, launchChromium } from './browser.js';
import { freePort } from '../support/free-port.js';
import { axeViolations } from './axe.js';
import { outboxMessages } from '../support/outbox.js';

describe.skipIf(!hasChromium)('keeping the list in Chromium', () => {
  let app: App;
  const clock = movableClock();
  let browser: Browser;
  let volunteer: BrowserContext;
  let stranger: BrowserContext;
  let base: string;
  let dataDir: string;
  let scene: Scene;
  const elsewhere: string[] = [];
  const cspViolations: string[] = [];

  const outbox = () => outboxMessages(dataDir);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porchlight-editing-e2e-'));
    const port = await freePort();
    base = `http://localhost:${port}`;
    app = await createTestApp({ dataDir, publicUrl: base }, { clock });
    scene = await buildScene(app);
    await app.server.listen({ port, host: 'localhost' });
    browser = await launchChromium();
    for (const which of ['volunteer', 'stranger'] as const) {
      const context = await browser.newContext();
      context.on('request', (request) => {
        if (!request.url().startsWith(base)) elsewhere.push(request.url());
      });
      context.on('console', (message) => {
        if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
      });
      if (which === 'volunteer') volunteer = context;
      else stranger = context;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  // One volunteer's session across the steps below, which run in order.
  let page: Page;
  // Generous: axe and Chromium share two cores with the rest of the suite.
  const slow = 90_000;

  /** Signs a page in as the person with this email, through the link the outbox receives. */
  const signIn = async (on: Page, email: string) => {
    await on.goto(`${base}/en/sign-in`);
    const before = outbox().length;
    await on.getByLabel('Email address').fill(email);
    await on.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await on.waitForURL(`${base}/en/sign-in/sent`);
    await expect.poll(() => outbox().length, { timeout: 5000 }).toBeGreaterThan(before);
    const link = /http:\/\/localhost:\d+\/en\/sign-in\/verify\?token=[A-Za-z0-9_-]+/.exec(
      outbox().at(-1)!,
    )![0];
    await on.goto(link);
    await Promise.all([
      on.waitForURL(`${base}/en/account`),
      on.getByRole('button', { name: 'Sign in' }).click(),
    ]);
  };

  it(
    'signs in with the link the mail outbox receives',
    async () => {
      page = await volunteer.newPage();
      await signIn(page, scene.people.editorInScope!);
    },
    slow,
  );

  it(
    'gives the volunteers’ forms the public pages’ look: fields, buttons, sections, problems',
    async () => {
      const look = (selector: string) =>
        page.$eval(selector, (element) => {
          const style = getComputedStyle(element);
          return {
            border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`,
            radius: style.borderTopLeftRadius,
            padding: style.paddingLeft,
            background: style.backgroundColor,
            color: style.color,
            weight: style.fontWeight,
          };
        });
      await page.goto(`${base}/en/?near=01301`);
      const finderField = await look('input[name="near"]');
      const finderButton = await look('#finder button[type="submit"]');
      await page.goto(`${base}/en/meetings/greenfield-big-book/edit`);
      expect(await look('#f-name')).toEqual(finderField);
      expect(await look('#f-program')).toEqual(finderField);
      expect(await look('button[name="intent"]')).toEqual(finderButton);
      expect(await look('fieldset')).toMatchObject({ radius: '6px' });
      // A refused field is marked in red beside its problem.
      await page.getByLabel('Dial-in phone number').fill('12');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.locator('#f-conference-phone[aria-invalid="true"]').waitFor();
      expect(await look('#f-conference-phone')).toMatchObject({
        border: '2px solid rgb(196, 0, 29)',
      });
      expect(
        await page.$eval('ul.problem', (list) => {
          const style = getComputedStyle(list);
          return `${style.borderLeftWidth} ${style.borderLeftStyle} ${style.borderLeftColor}`;
        }),
      ).toBe('4px solid rgb(196, 0, 29)');
      expect(await axeViolations(page)).toEqual([]);
    },
    slow,
  );

  it(
    'fixes a meeting, with a preview first',
    async () => {
      await page.goto(`${base}/en/meetings/greenfield-big-book`);
      await page.getByRole('link', { name: 'Edit this meeting (volunteers)' }).click();
      await page.waitForURL(`${base}/en/meetings/greenfield-big-book/edit`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Dial-in phone number').fill('+1 413 555 0100');
      await page.getByLabel('Notes about the meeting').fill('Use the side door after 7.');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('heading', { name: 'Preview', level: 2 }).waitFor();
      expect(await page.locator('.preview').textContent()).toContain('Use the side door after 7.');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(`${base}/en/meetings/greenfield-big-book/edit?saved=1`);
      expect(await page.getByRole('status').textContent()).toBe('Saved.');
      // The public page was visited before the edit, and browsers may keep it five minutes.
      await page.goto(`${base}/en/meetings/greenfield-big-book`);
      await page.reload();
      expect(await page.locator('main').textContent()).toContain('Use the side door after 7.');
    },
    slow,
  );

  it(
    'approves a correction someone sent without an account',
    async () => {
      const outsider = await stranger.newPage();
      await outsider.goto(`${base}/en/meetings/hilltowns-online`);
      await outsider.getByRole('link', { name: 'Suggest a correction' }).click();
      await outsider.waitForURL(`${base}/en/meetings/hilltowns-online/suggest`);
      expect(await axeViolations(outsider)).toEqual([]);
      await outsider
        .getByLabel('Notes about the meeting')
        .fill('Cameras on for the first ten minutes.');
      await outsider
        .getByLabel('Your email, to hear whether it was applied (optional)')
        .fill('friend@example.org');
      // A person takes more than a few seconds; the form refuses anything faster.
      clock.advance(3200);
      await outsider.getByRole('button', { name: 'Send the suggestion' }).click();
      await outsider.waitForURL(`${base}/en/suggest/thanks?slug=hilltowns-online`);

      // The volunteer approves it from the queue.
      await page.goto(`${base}/en/review`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Correction to Hilltowns Online' }).click();
      expect(await page.locator('table.changes').textContent()).toContain(
        'Cameras on for the first ten minutes.',
      );
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Approve as sent' }).click();
      await page.waitForURL(`${base}/en/review`);
      expect(await page.getByText('No suggestions are waiting.').count()).toBe(1);
      await page.goto(`${base}/en/meetings/hilltowns-online`);
      expect(await page.locator('main').textContent()).toContain(
        'Cameras on for the first ten minutes.',
      );
      expect(outbox().at(-1)).toContain('To: friend@example.org');
    },
    slow,
  );

  it(
    'undoes a change',
    async () => {
      await page.goto(`${base}/en/meetings/greenfield-big-book/history`);
      expect(await axeViolations(page)).toEqual([]);
      await page
        .locator('li[data-action="edit"]')
        .getByRole('button', { name: 'Undo this change' })
        .click();
      await page.waitForURL(`${base}/en/meetings/greenfield-big-book/history`);
      expect(await page.locator('li[data-action="revert"]').count()).toBe(1);
      await page.goto(`${base}/en/meetings/greenfield-big-book`);
      await page.reload();
      expect(await page.locator('main').textContent()).not.toContain('Use the side door after 7.');
    },
    slow,
  );

  it(
    'deletes a meeting and restores it',
    async () => {
      await page.goto(`${base}/en/meetings/greenfield-big-book/edit`);
      await page.getByRole('button', { name: 'Delete the meeting' }).click();
      await page.waitForURL(`${base}/en/meetings/greenfield-big-book/history`);
      expect(await page.getByText('This meeting has been removed.', { exact: false }).count()).toBe(
        1,
      );
      const gone = await page.request.get(`${base}/en/meetings/greenfield-big-book`);
      expect(gone.status()).toBe(404);
      await page.getByRole('button', { name: 'Restore the meeting' }).click();
      await page.waitForURL(`${base}/en/meetings/greenfield-big-book/history`);
      const back = await page.request.get(`${base}/en/meetings/greenfield-big-book`);
      expect(back.status()).toBe(200);
    },
    slow,
  );

  it(
    'lets an administrator remove a source after a confirmation, and restore it',
    async () => {
      const context = await browser.newContext();
      context.on('request', (request) => {
        if (!request.url().startsWith(base)) elsewhere.push(request.url());
      });
      const admin = await context.newPage();
      await signIn(admin, scene.people.administrator!);
      await admin.getByRole('link', { name: 'Sources' }).click();
      await admin.waitForURL(`${base}/en/admin/sources`);
      expect(await axeViolations(admin)).toEqual([]);
      await admin.getByRole('link', { name: 'franklin' }).click();
      await admin.waitForURL(`${base}/en/admin/sources/franklin`);
      expect(await admin.locator('main').textContent()).toContain('Last report');
      expect(await axeViolations(admin)).toEqual([]);
      await admin.getByRole('link', { name: 'Remove this source and its meetings…' }).click();
      await admin.waitForURL(`${base}/en/admin/sources/franklin/remove`);
      expect(await axeViolations(admin)).toEqual([]);
      await admin.getByRole('button', { name: 'Remove franklin and its meetings' }).click();
      await admin.waitForURL(`${base}/en/admin/sources?removed=franklin`);
      expect(await admin.getByRole('status').textContent()).toContain(
        'franklin was removed with its 2 meetings.',
      );
      expect(await axeViolations(admin)).toEqual([]);
      const gone = await admin.request.get(`${base}/en/meetings/hilltowns-online`);
      expect(gone.status()).toBe(404);
      await admin.getByRole('button', { name: 'Restore franklin' }).click();
      await admin.waitForURL(`${base}/en/admin/sources/franklin`);
      const back = await admin.request.get(`${base}/en/meetings/hilltowns-online`);
      expect(back.status()).toBe(200);
      await context.close();
    },
    slow,
  );

  it('fetched nothing from another origin and broke no content policy', () => {
    expect(elsewhere).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
