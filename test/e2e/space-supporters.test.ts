/**
 * Supporters and the help button in Chromium, against the real server, a real SMTP server and
 * the simulated text provider: the person invites two supporters from the space, each agrees in
 * their own browser and proves their address or number with a code, the person chooses who is
 * told on "I need help now" and after a hard check-in and writes the words, and the providers
 * receive exactly those words. Every screen passes axe at phone width in both languages, and
 * nothing the person's browser asks for leaves the site.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createKeyring } from '../../src/platform/crypto/keyring.js';
import { loadClientAssets } from '../../src/web/assets.js';
import { createTestApp } from '../support/app.js';
import { startSupporterChannels, type SupporterChannels } from '../support/supporter-channels.js';
import { axeViolations } from './axe.js';
import { hasChromium, launchChromium } from './browser.js';

const SCREENSHOTS = 'test-results/screenshots';
const EMAIL = 'maria.sponsor@example.org';
const PHONE = '+14135550177';

describe.skipIf(!hasChromium)('supporters and the help button in Chromium', () => {
  let channels: SupporterChannels;
  let app: App;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    expect(loadClientAssets(), 'the client build (npm run build) is missing').toBeDefined();
    channels = await startSupporterChannels();
    app = await createTestApp(
      {
        dataDir: mkdtempSync(join(tmpdir(), 'porchlight-space-supporters-')),
        sms: channels.sms,
      },
      { keyring: createKeyring(Buffer.alloc(32, 5)), mailer: channels.mailer },
    );
    base = await app.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await channels?.close();
  });

  function phone(): Promise<BrowserContext> {
    return browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  }

  /** The person makes an invitation and reads its link off the screen. */
  async function invite(page: Page, name: string): Promise<string> {
    await page.getByLabel('Their name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Make an invitation link' }).click();
    const link = page.getByLabel(`Invitation link for ${name}`);
    await link.waitFor();
    return link.inputValue();
  }

  /** A supporter opens the link in their own browser, agrees and types the code sent to them. */
  async function accept(link: string, channel: string, contact: string, code: () => string) {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(link);
    await page.getByLabel(channel, { exact: true }).check();
    await page.getByLabel('Your email address or mobile number').fill(contact);
    await page.getByLabel('I agree to receive their messages until I stop.').check();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByLabel('The six-digit code').fill(code());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'You are a supporter', level: 1 }).waitFor();
    await context.close();
  }

  it('invites, is agreed to by email and by text, and help sends exactly the chosen words', async () => {
    const context = await phone();
    const seen: string[] = [];
    context.on('request', (request) => seen.push(request.url()));
    const page = await context.newPage();
    await page.goto(`${base}/en/space/supporters`);
    await page.getByText('No supporter yet.').waitFor();
    const mariaLink = await invite(page, 'Maria');
    const joLink = await invite(page, 'Jo');
    expect(mariaLink).toMatch(new RegExp(`^${base}/en/space/support/[A-Za-z0-9_-]{43}$`));
    await page.screenshot({
      path: `${SCREENSHOTS}/space-supporters-invited-en.png`,
      fullPage: true,
    });

    await accept(
      mariaLink,
      'Email',
      EMAIL,
      () => /code is (\d{6})/.exec(channels.smtp.received.at(-1)!.raw)![1]!,
    );
    expect(channels.smtp.received.at(-1)!.to).toEqual([EMAIL]);
    await accept(
      joLink,
      'Text message',
      '(413) 555-0177',
      () => /code is (\d{6})/.exec(channels.provider.messages.at(-1)!.body)![1]!,
    );

    // Back in the person's space: both answered, and the links are gone from the screen.
    await page.reload();
    const maria = page.locator('li.space-card', { hasText: 'Maria' });
    const jo = page.locator('li.space-card', { hasText: 'Jo' });
    await maria.getByText('Reached by email.').waitFor();
    await jo.getByText('Reached by text message.').waitFor();
    expect(await page.getByLabel(/^Invitation link for/).count()).toBe(0);

    // Jo is told on help; Maria after a hard check-in only.
    await maria.getByLabel('When I press “I need help now”').uncheck();
    await maria.getByLabel('After a check-in that crosses my line').check();
    const help = 'Sam would like you to call, please: it is a bad night.';
    const hard = 'Sam had a hard check-in today. A text would help.';
    await page.getByLabel('Your message when you press “I need help now”').fill(help);
    await page.getByLabel('Your message after a check-in that crosses your line').fill(hard);
    expect(await page.locator('[data-preview="help-message"]').textContent()).toMatch(
      new RegExp(`^${help.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&')}\\s+Sent through Porchlight`),
    );
    await page.getByRole('button', { name: 'Save messages' }).click();
    await page.getByText('Saved on this device.').waitFor();

    // "I need help now", from another screen: the dialog says who gets what, then sends it.
    const mails = channels.smtp.received.length;
    await page.goto(`${base}/en/space`);
    await page.getByRole('button', { name: 'I need help now' }).click();
    const dialog = page.getByRole('dialog', { name: 'I need help now' });
    await dialog.getByText('This message goes to Jo:').waitFor();
    expect(await dialog.locator('blockquote').textContent()).toBe(help);
    await dialog.getByRole('button', { name: 'Send it now' }).click();
    await dialog.getByText('Sent to Jo.').waitFor();
    const text = channels.provider.messages.at(-1)!;
    expect(text.to).toBe(PHONE);
    expect(text.body.split('\n\n')[0]).toBe(help);
    expect(channels.smtp.received.length).toBe(mails);
    await page.screenshot({ path: `${SCREENSHOTS}/space-help-sent-en.png` });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // A check-in over the line the person set tells Maria, with the other words.
    const texts = channels.provider.messages.length;
    await page.goto(`${base}/en/space/check-in`);
    await page.getByLabel('Very low', { exact: true }).check();
    await page.getByLabel(/^Craving/).fill('9');
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByText('Sent to Maria.').waitFor();
    const mail = channels.smtp.received.at(-1)!;
    expect(mail.to).toEqual([EMAIL]);
    expect(mail.raw).toContain(hard);
    expect(channels.provider.messages.length).toBe(texts);

    // Everything the person's browser asked for came from the site itself.
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.filter((url) => !url.startsWith(base))).toEqual([]);
    await context.close();
  });

  for (const locale of ['en', 'es'] as const) {
    it(`axe finds nothing on the supporters' screen and the help dialog in ${locale}`, async () => {
      const context = await phone();
      const page = await context.newPage();
      await page.goto(`${base}/${locale}/space/supporters`);
      await page.locator('#supporter-name').fill('Ana');
      await page.locator('#supporter-name').press('Enter');
      await page.locator('li.space-card input[readonly]').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await axeViolations(page), `${locale} supporters`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      await page.screenshot({
        path: `${SCREENSHOTS}/space-supporters-${locale}.png`,
        fullPage: true,
      });
      await page.locator('.space-help-button').click();
      await page.locator('dialog.space-help[open]').waitFor();
      expect(await axeViolations(page), `${locale} help dialog`).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/space-help-${locale}.png` });
      await context.close();
    });
  }
});
