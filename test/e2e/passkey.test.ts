/**
 * A volunteer adds a passkey and signs in with it in Chromium, with a CDP virtual authenticator
 * standing in for the phone's or laptop's own (CTAP2, internal, resident keys, user verified).
 * WebAuthn needs a secure context: http://localhost is one, 127.0.0.1 is not for every check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { operatorActor } from '../../src/accounts/operator.js';
import { grantRole } from '../../src/stewardship/roles.js';
import { issueSignInLink } from '../../src/accounts/sign-in-links.js';
import { createTestApp } from '../support/app.js';
import { hasChromium, launchChromium } from './browser.js';
import { freePort } from '../support/free-port.js';
import { AXE_TAGS } from './axe.js';

describe.skipIf(!hasChromium)('passkeys in Chromium', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId: string;
  let base: string;
  let dataDir: string;
  const elsewhere: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porchlight-passkey-'));
    const port = await freePort();
    base = `http://localhost:${port}`;
    app = await createTestApp({ dataDir, publicUrl: base });
    await app.server.listen({ port, host: 'localhost' });
    browser = await launchChromium();
    context = await browser.newContext();
    context.on('request', (request) => {
      if (!request.url().startsWith(base)) elsewhere.push(request.url());
    });
    context.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page = await context.newPage();
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in by email link, adds a passkey, signs out, and signs back in with the passkey', async () => {
    const grant = await grantRole(app.importDeps, operatorActor, 'volunteer@example.org', {
      role: 'administrator',
    });
    const link = await issueSignInLink(app.importDeps, grant.personId, `${base}/en/sign-in/verify`);

    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/en/account`);
    expect(await page.locator('h1').textContent()).toBe('Your account');
    expect(await page.getByText('No passkey yet.').count()).toBe(1);
    const axeAccount = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    expect(axeAccount.violations.map((v) => v.id)).toEqual([]);

    // Add a passkey: the script runs the ceremony, the server verifies and stores it.
    const add = page.getByRole('button', { name: 'Add a passkey' });
    await add.waitFor({ state: 'visible' });
    await Promise.all([page.waitForURL(`${base}/en/account`), add.click()]);
    await page.getByText(/Passkey 1: added/).waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
    const stored = await app.repos.accounts.passkeysOf(grant.personId);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.credentialId).toBe(
      Buffer.from(credentials[0]!.credentialId, 'base64').toString('base64url'),
    );

    // Sign out; the cookie is gone and /account sends us to sign in.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${base}/en/sign-in`);
    expect((await context.cookies()).some((c) => c.name === 'pl_session')).toBe(false);
    const axeSignIn = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    expect(axeSignIn.violations.map((v) => v.id)).toEqual([]);

    // Back in with the passkey alone: no email, no typing.
    const usePasskey = page.getByRole('button', { name: 'Sign in with a passkey' });
    await usePasskey.waitFor({ state: 'visible' });
    await Promise.all([page.waitForURL(`${base}/en/account`), usePasskey.click()]);
    expect(await page.getByText('Signed in with a passkey').count()).toBeGreaterThan(0);
    const session = (await context.cookies()).find((c) => c.name === 'pl_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const used = await app.repos.accounts.passkeysOf(grant.personId);
    expect(used[0]?.lastUsedAt).toBeDefined();
    // The virtual authenticator counts its signatures; the server keeps the counter.
    expect(used[0]!.signCount).toBe(credentials[0]!.signCount + 1);

    expect(elsewhere).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
