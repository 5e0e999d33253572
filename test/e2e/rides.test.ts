/**
 * A ride to a meeting in Chromium, three browser contexts: the coordinator enrols and approves a
 * volunteer driver, whose page link arrives by mail through a real SMTP server; a rider with no
 * account asks for a ride on a meeting page and confirms it with the code texted through the
 * simulated text provider; the driver accepts and only then sees the pickup and contact; both
 * get their reminders the day before and the hour before; the coordinator's trip log counts the
 * ride, and neither the log nor its CSV names the rider. axe finds nothing on any page, in
 * English or Spanish, and no request leaves the site. Time moves only on the test's clock.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { startSession } from '../../src/accounts/sessions.js';
import { DEMO_CENTER } from '../../src/centers/demo/seed-center.js';
import type { Meeting } from '../../src/meetings/model.js';
import { createKeyring } from '../../src/platform/crypto/keyring.js';
import { SmtpMailer } from '../../src/platform/mail/smtp-mailer.js';
import { DEMO_RIDE_PROGRAM } from '../../src/rides/demo/seed-rides.js';
import { scheduleRideUpkeep } from '../../src/rides/ride-upkeep.js';
import { cookieSettings } from '../../src/stewardship/http/guard.js';
import { createTestApp } from '../support/app.js';
import { freePort } from '../support/free-port.js';
import { manualClock } from '../support/manual-clock.js';
import { startSimulatedProvider, type SimulatedProvider } from '../support/sms-provider.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { axeViolations } from './axe.js';
import { hasChromium, launchChromium } from './browser.js';

const RIDER_PHONE = '+14135550177';
const RIDER_NAME = 'Robin';
const RIDER_STREET = '12 Chapman St';
const DRIVER_EMAIL = 'avery@example.org';

/** A mail's text as sent: the quoted-printable soft breaks and escapes undone. */
function mailText(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  return Buffer.from(
    body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

describe.skipIf(!hasChromium)('a ride to a meeting in Chromium', () => {
  const clock = manualClock('2026-12-07T15:00:00.000Z');
  let app: App;
  let smtp: TestSmtpServer;
  let provider: SimulatedProvider;
  let browser: Browser;
  let coordinator: BrowserContext;
  let rider: BrowserContext;
  let driver: BrowserContext;
  let base: string;
  let meeting: Meeting;
  let riderPath: string;
  let driverLink: string;
  let occurrenceStart: number;
  const elsewhere: string[] = [];
  const slow = 180_000;

  const mailsTo = (address: string) =>
    smtp.received.filter((m) => m.to.includes(address)).map((m) => mailText(m.raw));
  const textsTo = (phone: string) =>
    provider.messages.filter((m) => m.to === phone).map((m) => m.body);
  /** Runs what is due until nothing is: the upkeep's reminders are queued, then sent. */
  const runJobs = async () => {
    for (let round = 0; round < 5; round += 1) if ((await app.jobs.runDue()).length === 0) return;
  };
  /** Checks a page in both languages: the page as it is, then its Spanish twin. */
  const axeBoth = async (page: Page) => {
    expect(await axeViolations(page), page.url()).toEqual([]);
    const spanish = await page.context().newPage();
    await spanish.goto(page.url().replace(`${base}/en/`, `${base}/es/`));
    expect(await spanish.locator('html').getAttribute('lang')).toBe('es');
    expect(await axeViolations(spanish), spanish.url()).toEqual([]);
    await spanish.close();
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    smtp = await startSmtpServer();
    provider = await startSimulatedProvider();
    app = await createTestApp(
      {
        demo: true,
        publicUrl: base,
        sms: {
          provider: 'twilio',
          accountSid: provider.accountSid,
          authToken: provider.authToken,
          from: '+14135550100',
          apiUrl: provider.origin,
        },
      },
      {
        clock,
        keyring: createKeyring(Buffer.alloc(32, 5)),
        mailer: new SmtpMailer({
          url: `smtp://localhost:${smtp.port}`,
          from: 'Porchlight <no-reply@meetings.example.org>',
          ca: smtp.ca,
          attempts: 1,
        }),
        // The test sends what is queued itself (runJobs), so nothing races its clock.
        sendDeliveriesAtOnce: false,
      },
    );
    await scheduleRideUpkeep({ clock }, app.repos.jobs);
    meeting = (await app.repos.meetings.all()).find(
      (m) =>
        m.attendance === 'in_person' &&
        m.status === 'active' &&
        m.place.address.city === 'Greenfield' &&
        m.schedule.some((r) => r.kind === 'weekly'),
    )!;
    const admin = await app.repos.accounts.personByEmail(DEMO_CENTER.adminEmail);
    const { token } = await startSession(
      { repos: app.repos, clock },
      admin!.id,
      'email',
      undefined,
    );
    await app.server.listen({ port, host: 'localhost' });
    browser = await launchChromium();
    const phone = { viewport: { width: 360, height: 740 } };
    coordinator = await browser.newContext();
    await coordinator.addCookies([
      { name: cookieSettings(base).session, value: token, url: base, httpOnly: true },
    ]);
    rider = await browser.newContext(phone);
    driver = await browser.newContext(phone);
    for (const context of [coordinator, rider, driver])
      context.on('request', (request) => {
        if (!request.url().startsWith(base)) elsewhere.push(request.url());
      });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await provider?.close();
    await smtp?.close();
  });

  it(
    'the coordinator enrols and approves a driver, whose link comes by mail',
    async () => {
      const page = await coordinator.newPage();
      await page.goto(`${base}/en/rides/programs/${DEMO_RIDE_PROGRAM}`);
      await page.getByLabel('Name', { exact: true }).fill('Avery');
      await page.getByLabel('Email', { exact: true }).check();
      await page.getByLabel('Phone number or email address').fill(DRIVER_EMAIL);
      await page.getByLabel('Home town or ZIP code').fill('01301');
      await page.getByLabel('On call', { exact: true }).fill('Sun-Sat 00:00-24:00');
      await page.getByRole('button', { name: 'Enrol', exact: true }).click();
      await page.waitForURL(/saved=1/);
      const avery = page.locator('[data-driver]', { hasText: 'Avery' });
      expect(await avery.getAttribute('data-status')).toBe('pending');
      await axeBoth(page);
      await avery.getByLabel('Licence checked on').fill('2026-12-01');
      await avery.getByLabel('Insurance checked on').fill('2026-12-01');
      await avery.getByRole('button', { name: 'Approve and send the driver their link' }).click();
      await page.waitForURL(/saved=1/);
      expect(await avery.getAttribute('data-status')).toBe('approved');
      await runJobs();
      const [approval] = mailsTo(DRIVER_EMAIL);
      driverLink = /(http:\/\/\S+\/rides\/driver\/[A-Za-z0-9_-]{43})/.exec(approval!)![1]!;
      expect(driverLink.startsWith(base)).toBe(true);
      await page.close();
    },
    slow,
  );

  it(
    'a rider without an account asks on the meeting page and confirms with the texted code',
    async () => {
      const page = await rider.newPage();
      await page.goto(`${base}/en/meetings/${meeting.slug}`);
      expect(await page.locator('[data-rides]').textContent()).toContain(
        'Rides offered to this meeting.',
      );
      await axeBoth(page);
      await page.getByRole('link', { name: 'I need a ride to this meeting' }).click();
      await page.waitForURL(/\/ride$/);
      await axeBoth(page);
      // An occurrence more than a day ahead, so both reminders are still to come.
      const starts = await page
        .locator('input[name="occurrence"]')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      const iso = starts.find((s) => Date.parse(s) > clock.now().getTime() + 26 * 3_600_000)!;
      occurrenceStart = Date.parse(iso);
      await page.locator(`input[name="occurrence"][value="${iso}"]`).check();
      await page.getByLabel('Where to pick you up: town or ZIP code').fill('01301');
      await page.getByLabel('Street address or a place to meet (optional)').fill(RIDER_STREET);
      await page.getByLabel('Phone number or email address').fill('(413) 555-0177');
      await page.getByLabel('First name (optional)').fill(RIDER_NAME);
      await page.getByRole('button', { name: 'Ask for the ride' }).click();
      await page.waitForURL(/\/en\/rides\/[A-Za-z0-9_-]{43}$/);
      riderPath = new URL(page.url()).pathname;
      expect(await page.locator('[data-ride-status]').getAttribute('data-ride-status')).toBe(
        'unconfirmed',
      );
      await axeBoth(page);
      await runJobs();
      const code = /code is (\d{6})/.exec(textsTo(RIDER_PHONE)[0]!)![1]!;
      await page.getByLabel('The 6-digit code we sent you').fill(code);
      await page.getByRole('button', { name: 'Confirm the ride' }).click();
      await page.waitForURL(new RegExp(`${riderPath}$`));
      expect(await page.locator('[data-ride-status]').getAttribute('data-ride-status')).toBe(
        'open',
      );
      await axeBoth(page);
      await page.close();
    },
    slow,
  );

  it(
    'the driver is offered it by mail, accepts in another context, and only then sees the rider',
    async () => {
      await runJobs();
      const offers = mailsTo(DRIVER_EMAIL).slice(1);
      expect(offers.join('\n')).toContain(driverLink);
      const page = await driver.newPage();
      await page.goto(driverLink);
      const ride = page.locator('[data-ride]');
      expect(await ride.getAttribute('data-offer')).toBe('offered');
      expect(await page.locator('[data-rider]').count()).toBe(0);
      expect(await page.content()).not.toContain(RIDER_STREET);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: /^Accept the ride to / }).click();
      await page.waitForLoadState();
      expect(await ride.getAttribute('data-offer')).toBe('accepted');
      const details = await page.locator('[data-rider]').textContent();
      expect(details).toContain(RIDER_STREET);
      expect(details).toContain(RIDER_NAME);
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(driverLink.replace(`${base}/rides/`, `${base}/es/rides/`));
      expect(await axeViolations(page)).toEqual([]);
      await page.close();

      await runJobs();
      const told = textsTo(RIDER_PHONE);
      expect(told).toHaveLength(2);
      expect(told[1]).toContain(`${base}${riderPath}`);
      const riderPage = await rider.newPage();
      await riderPage.goto(`${base}${riderPath}`);
      expect(await riderPage.locator('[data-ride-status]').getAttribute('data-ride-status')).toBe(
        'accepted',
      );
      await riderPage.close();
    },
    slow,
  );

  it(
    'both are reminded the day before and the hour before, once each',
    async () => {
      const before = { texts: textsTo(RIDER_PHONE).length, mails: mailsTo(DRIVER_EMAIL).length };
      clock.set(new Date(occurrenceStart - 20 * 3_600_000).toISOString());
      await runJobs();
      clock.advance(10 * 60_000);
      await runJobs();
      expect(textsTo(RIDER_PHONE)).toHaveLength(before.texts + 1);
      expect(mailsTo(DRIVER_EMAIL)).toHaveLength(before.mails + 1);
      clock.set(new Date(occurrenceStart - 50 * 60_000).toISOString());
      await runJobs();
      clock.advance(10 * 60_000);
      await runJobs();
      const texts = textsTo(RIDER_PHONE);
      const mails = mailsTo(DRIVER_EMAIL);
      expect(texts).toHaveLength(before.texts + 2);
      expect(mails).toHaveLength(before.mails + 2);
      // Reminders carry the way to the page, never who rides or from where.
      for (const text of [...texts.slice(-2), ...mails.slice(-2)]) {
        expect(text).not.toContain(RIDER_STREET);
        expect(text).not.toContain(RIDER_NAME);
      }
      expect(mails.at(-1)).not.toContain('555-0177');
    },
    slow,
  );

  it(
    'the coordinator’s trip log counts the ride, and neither it nor its CSV names the rider',
    async () => {
      clock.set(new Date(occurrenceStart + 4 * 3_600_000).toISOString());
      await runJobs();
      const day = new Date(occurrenceStart).toISOString().slice(0, 10);
      const page = await coordinator.newPage();
      await page.goto(`${base}/en/rides/programs/${DEMO_RIDE_PROGRAM}?from=${day}&to=${day}`);
      const count = (key: string) =>
        page.locator(`[data-trip-log] [data-count="${key}"]`).textContent();
      expect(await count('requested')).toBe('1');
      expect(await count('completed')).toBe('1');
      expect(Number(await count('miles'))).toBeGreaterThan(0);
      const html = await page.content();
      for (const identity of [RIDER_NAME, RIDER_STREET, '555-0177', '5550177'])
        expect(html).not.toContain(identity);
      await axeBoth(page);
      const csv = await page.request.get(
        `${base}/en/rides/programs/${DEMO_RIDE_PROGRAM}/trips.csv?from=${day}&to=${day}`,
      );
      expect(csv.status()).toBe(200);
      const rows = (await csv.text()).trim().split('\n');
      expect(rows).toHaveLength(2);
      expect(rows[1]).toContain('completed');
      for (const identity of [RIDER_NAME, RIDER_STREET, '555-0177', '5550177'])
        expect(rows.join('\n')).not.toContain(identity);
      await page.close();
      expect(elsewhere).toEqual([]);
    },
    slow,
  );
});
