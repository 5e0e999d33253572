/**
 * A supervisor and an administrator at the center desk in Chromium: the supervisor puts a
 * volunteer shift on the calendar and signs up for it, and prints a member's whole record; the
 * administrator revokes an API token limited to the center; the supervisor withdraws the
 * center's resource directory from the public finder and publishes it again. Every page they
 * see passes axe.
 * (The coach's walk, with the emailed sign-in link, is center-desk.test.ts.)
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { startSession } from '../../src/accounts/sessions.js';
import { createTokenFor } from '../../src/centers/center-tokens.js';
import { createCenter, putStaffByEmail } from '../../src/centers/centers.js';
import { createCenterDesk } from '../../src/centers/desk.js';
import { createKeyring } from '../../src/platform/crypto/keyring.js';
import { seedDemoResources } from '../../src/resources/demo/demo-resources.js';
import { createTestApp } from '../support/app.js';
import { freePort } from '../support/free-port.js';
import { movableClock } from '../support/manual-clock.js';
import { axeViolations } from './axe.js';
import { hasChromium, launchChromium } from './browser.js';

describe.skipIf(!hasChromium)('the center desk’s supervisor and administrator in Chromium', () => {
  let app: App;
  const clock = movableClock();
  let browser: Browser;
  let base: string;
  let memberId: string;
  const sessions: Record<string, string> = {};
  const slow = 90_000;

  /** A page of a browser signed in as `who` (the sign-in itself is the coach's walk). */
  const signedIn = async (who: string): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'pl_session', value: sessions[who]!, url: base, httpOnly: true, sameSite: 'Lax' },
    ]);
    return { context, page: await context.newPage() };
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    const keyring = createKeyring(Buffer.alloc(32, 11));
    app = await createTestApp({ publicUrl: base }, { clock, keyring });
    const deps = { repos: app.repos, clock };
    const { center } = await createCenter(deps, {
      slug: 'franklin',
      name: 'Franklin Recovery Center',
      adminEmail: 'admin@example.org',
      timeZone: 'America/New_York',
    });
    await putStaffByEmail(deps, center, { email: 'lead@example.org', role: 'supervisor' });
    await putStaffByEmail(deps, center, { email: 'coach@example.org', role: 'coach' });
    for (const who of ['admin', 'lead']) {
      const person = await app.repos.accounts.personByEmail(`${who}@example.org`);
      sessions[who] = (await startSession(deps, person!.id, 'email', undefined)).token;
    }
    await createTokenFor(deps, { email: 'coach@example.org', centerSlug: 'franklin' });
    await seedDemoResources(app.repos.resources, clock, center.id);
    const admin = await app.repos.accounts.personByEmail('admin@example.org');
    const desk = createCenterDesk({ repos: app.repos, clock, keyring: () => keyring });
    const access = await desk.open({ personId: admin!.id }, 'franklin');
    memberId = (await desk.registerMember(access, { chosenName: 'Jordan Rivers' })).id;
    await app.server.listen({ port, host: 'localhost' });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    'lets a supervisor add a shift, sign up for it, and print a member’s record',
    async () => {
      const { context, page } = await signedIn('lead');
      await page.goto(`${base}/en/center/franklin`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Volunteer shifts' }).click();
      await page.waitForURL(`${base}/en/center/franklin/shifts`);
      expect(await axeViolations(page)).toEqual([]);
      const tomorrow = new Date(clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('What the shift is').fill('Front desk');
      await page.getByLabel('Day').fill(tomorrow);
      await page.getByLabel('Starts').fill('09:00');
      await page.getByLabel('Ends').fill('12:00');
      await page.getByLabel('People needed').fill('2');
      await page.getByRole('button', { name: 'Add the shift' }).click();
      await page.waitForURL(`${base}/en/center/franklin/shifts`);
      await page.getByRole('button', { name: /^Sign up for Front desk/ }).click();
      await page.waitForURL(`${base}/en/center/franklin/shifts`);
      expect(await page.getByText('You are signed up.').count()).toBe(1);
      expect(await page.getByText('1 of 2 signed up').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${base}/en/center/franklin/members/${memberId}`);
      expect(await axeViolations(page)).toEqual([]);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'The whole record, to print (PDF)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`member-${memberId}.pdf`);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await context.close();
    },
    slow,
  );

  it(
    'lets an administrator revoke an API token of the center',
    async () => {
      const { context, page } = await signedIn('admin');
      await page.goto(`${base}/en/center/franklin`);
      await page.getByRole('link', { name: 'API tokens' }).click();
      await page.waitForURL(`${base}/en/center/franklin/tokens`);
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.locator('tr[data-token]').count()).toBe(1);
      await page.getByRole('button', { name: /^Revoke the token of coach@example.org/ }).click();
      await page.waitForURL(`${base}/en/center/franklin/tokens`);
      expect(await page.locator('tr[data-token]').count()).toBe(0);
      expect(await page.getByText('No token is limited to this center.').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    },
    slow,
  );

  it(
    "lets a supervisor withdraw the center's directory from the public finder and publish it again",
    async () => {
      const finds = async () =>
        (
          await app.server.inject({ method: 'GET', url: '/api/v1/resources/search?near=01301' })
        ).json<{ total: number }>().total;
      expect(await finds()).toBeGreaterThan(0);
      const { context, page } = await signedIn('lead');
      await page.goto(`${base}/en/center/franklin`);
      await page.getByRole('link', { name: 'Resource directories' }).click();
      await page.waitForURL(`${base}/en/center/franklin/resources`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Stop publishing demo-resources' }).click();
      await page.waitForURL(`${base}/en/center/franklin/resources?said=unpublished`);
      expect(await page.getByRole('status').textContent()).toContain('Withdrawn');
      expect(await axeViolations(page)).toEqual([]);
      expect(await finds()).toBe(0);
      await page.goto(`${base}/es/center/franklin/resources`);
      await page.getByRole('button', { name: 'Publicar demo-resources' }).click();
      await page.waitForURL(`${base}/es/center/franklin/resources?said=published`);
      expect(await axeViolations(page)).toEqual([]);
      expect(await finds()).toBeGreaterThan(0);
      await context.close();
    },
    slow,
  );
});
