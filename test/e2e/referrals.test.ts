/**
 * The closed loop in Chromium, two browser contexts: a coach finds a buprenorphine prescriber
 * that accepts Medicaid within 30 miles, records the member's consent and sends the referral;
 * the receiving organization opens the signed link (no account), accepts and completes it; the
 * coach sees the loop closed; revoking the consent makes the link answer 410. axe finds nothing
 * on any page, in English or Spanish, and no request leaves the site.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { startSession } from '../../src/accounts/sessions.js';
import { DEMO_CENTER } from '../../src/centers/demo/seed-center.js';
import { createCenterDesk } from '../../src/centers/desk.js';
import { createKeyring } from '../../src/platform/crypto/keyring.js';
import { fixedClock } from '../../src/platform/clock.js';
import { cookieSettings } from '../../src/stewardship/http/guard.js';
import { createTestApp } from '../support/app.js';
import { freePort } from '../support/free-port.js';
import { axeViolations } from './axe.js';
import { hasChromium, launchChromium } from './browser.js';

describe.skipIf(!hasChromium)('a referral’s closed loop in Chromium', () => {
  let app: App;
  let browser: Browser;
  let coach: BrowserContext;
  let receiver: BrowserContext;
  let coachPage: Page;
  let base: string;
  let memberId: string;
  let referralLink: string;
  const elsewhere: string[] = [];
  const slow = 90_000;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    const clock = fixedClock('2026-11-26T18:00:00Z');
    const keyring = createKeyring(Buffer.alloc(32, 7));
    app = await createTestApp({ demo: true, publicUrl: base }, { clock, keyring });
    const person = await app.repos.accounts.personByEmail(DEMO_CENTER.coachEmail);
    const { token } = await startSession(
      { repos: app.repos, clock },
      person!.id,
      'email',
      undefined,
    );
    const desk = createCenterDesk({ repos: app.repos, clock, keyring: () => keyring });
    const access = await desk.open({ personId: person!.id }, DEMO_CENTER.slug);
    memberId = (
      await desk.registerMember(access, {
        chosenName: 'Jordan Rivers',
        contact: { phone: '+1 413 555 0199' },
      })
    ).id;
    await app.server.listen({ port, host: 'localhost' });
    browser = await launchChromium();
    coach = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await coach.addCookies([
      { name: cookieSettings(base).session, value: token, url: base, httpOnly: true },
    ]);
    receiver = await browser.newContext({ viewport: { width: 360, height: 740 } });
    for (const context of [coach, receiver]) {
      context.on('request', (request) => {
        if (!request.url().startsWith(base)) elsewhere.push(request.url());
      });
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    'a coach finds a buprenorphine prescriber that takes Medicaid within 30 miles',
    async () => {
      coachPage = await coach.newPage();
      await coachPage.goto(`${base}/en/center/${DEMO_CENTER.slug}/members/${memberId}`);
      await coachPage.getByRole('link', { name: 'Refer to a service' }).click();
      await coachPage.waitForURL(/\/refer$/);
      await coachPage.getByLabel('Near (ZIP code or town)').fill('01301');
      await coachPage.getByLabel('Within').selectOption('30');
      await coachPage.getByLabel('Medicaid', { exact: true }).check();
      await coachPage.getByLabel('Buprenorphine', { exact: true }).check();
      await coachPage.getByRole('button', { name: 'Search' }).click();
      await coachPage.waitForURL(/\/refer\?near=01301/);
      expect(await coachPage.locator('#results h3').allTextContents()).toContain(
        'Office-based buprenorphine',
      );
      expect(await axeViolations(coachPage)).toEqual([]);
    },
    slow,
  );

  it(
    'records the consent, every 42 CFR 2.31 element, and sends the referral',
    async () => {
      await coachPage
        .getByRole('link', { name: 'Refer Jordan Rivers to Office-based buprenorphine' })
        .click();
      await coachPage.waitForURL(/\/refer\/[0-9a-f-]{36}/);
      expect(await axeViolations(coachPage)).toEqual([]);
      for (const label of [
        'Name of the person whose information is shared',
        'Who may share it',
        'How much and what kind of information',
        'Who receives it',
        'For what purpose',
        'The right to revoke, and how',
      ]) {
        expect(await coachPage.getByLabel(label).inputValue(), label).not.toBe('');
      }
      // Unsigned, the form is not sent: the browser asks for the signature first.
      await coachPage.getByLabel('I sign this consent electronically, today').check();
      await coachPage.getByRole('button', { name: 'Sign and send the referral' }).click();
      const signature = coachPage.getByLabel('Signature: the person types their full name');
      expect(await signature.evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(
        true,
      );
      expect(coachPage.url()).toMatch(/\/refer\/[0-9a-f-]{36}/);
      await coachPage
        .getByLabel('Signature: the person types their full name')
        .fill('Jordan Rivers');
      await coachPage.getByLabel('I sign this consent electronically, today').check();
      await coachPage.getByRole('button', { name: 'Sign and send the referral' }).click();
      await coachPage.waitForURL(/\/referrals\/[0-9a-f-]{36}\?said=sent/);
      expect(await coachPage.locator('[data-status]').getAttribute('data-status')).toBe(
        'requested',
      );
      referralLink = (await coachPage.locator('[data-referral-link]').getAttribute('href'))!;
      expect(referralLink).toMatch(new RegExp(`^${base}/en/referral/`));
      expect(await axeViolations(coachPage)).toEqual([]);
    },
    slow,
  );

  it(
    'the receiving organization opens the link in another context, accepts and completes',
    async () => {
      const page = await receiver.newPage();
      await page.goto(referralLink);
      expect(await page.locator('h1').textContent()).toContain('A referral from');
      expect(await page.locator('a[href="tel:+14135550199"]').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('A note for the center (optional)').fill('First visit Monday 9am.');
      await page.getByRole('button', { name: 'Accept' }).click();
      await page.waitForURL(/answered=1/);
      expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('accepted');
      await page.getByRole('button', { name: 'Completed' }).click();
      await page.waitForURL(/answered=1/);
      expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('completed');
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(referralLink.replace('/en/', '/es/'));
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    },
    slow,
  );

  it(
    'the coach sees the loop closed, revokes the consent, and the link answers 410',
    async () => {
      await coachPage.reload();
      expect(await coachPage.locator('[data-status]').getAttribute('data-status')).toBe(
        'completed',
      );
      expect(await coachPage.getByText('The loop is closed').count()).toBe(1);
      const events = await coachPage.locator('[data-event]').allTextContents();
      expect(events.join('\n')).toMatch(/Accepted, by the receiving organization/);
      expect(events.join('\n')).toContain('First visit Monday 9am.');
      await coachPage.getByRole('button', { name: 'Revoke the consent' }).click();
      await coachPage.waitForURL(/said=revoked/);
      expect(await coachPage.locator('[data-consent]').getAttribute('data-consent')).toBe(
        'revoked',
      );
      expect(await coachPage.locator('[data-referral-link]').count()).toBe(0);
      expect(await axeViolations(coachPage)).toEqual([]);
      await coachPage.goto(coachPage.url().replace('/en/', '/es/'));
      expect(await axeViolations(coachPage)).toEqual([]);

      const page = await receiver.newPage();
      const gone = await page.goto(referralLink);
      expect(gone?.status()).toBe(410);
      expect(await page.content()).not.toContain('Jordan');
      expect(await axeViolations(page)).toEqual([]);
      const altered = await page.goto(`${referralLink.slice(0, -2)}xx`);
      expect(altered?.status()).toBe(404);
      await page.close();
      expect(elsewhere).toEqual([]);
    },
    slow,
  );
});
