/**
 * The demand table in Chromium: an editor opens `/admin/demand` after ten women's searches found
 * no room near a place, reads the cell in the table, changes the period from the plain form, and
 * the page passes axe (WCAG 2.2 AA) in English and Spanish without fetching from another origin.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { operatorActor } from '../../src/accounts/operator.js';
import { startSession } from '../../src/accounts/sessions.js';
import { fixedClock } from '../../src/platform/clock.js';
import { cookieSettings } from '../../src/stewardship/http/guard.js';
import { grantRole } from '../../src/stewardship/roles.js';
import { createServiceBody } from '../../src/stewardship/service-bodies.js';
import { createTestApp } from '../support/app.js';
import { hasChromium, launchChromium } from './browser.js';
import { freePort } from '../support/free-port.js';
import { axeViolations } from './axe.js';

describe.skipIf(!hasChromium)('the demand table in Chromium', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  const elsewhere: string[] = [];
  const clock = fixedClock('2026-12-07T19:00:00Z');

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    app = await createTestApp({ demo: true, publicUrl: base }, { clock });
    const deps = { repos: app.repos, clock };
    const area = await createServiceBody(deps, operatorActor, { name: 'North Area', kind: 'area' });
    const editor = await grantRole(deps, operatorActor, 'editor@example.org', {
      role: 'editor',
      serviceBodyId: area.id,
    });
    const { token } = await startSession(deps, editor.personId, 'email', undefined);
    for (let i = 0; i < 10; i++) {
      const res = await app.server.inject({
        method: 'GET',
        url: '/api/v1/search?near=44.8123,-72.3456&radius=5&types=women',
      });
      expect(res.statusCode).toBe(200);
    }
    await app.server.listen({ port, host: 'localhost' });
    browser = await launchChromium();
    context = await browser.newContext();
    await context.addCookies([
      { name: cookieSettings(base).session, value: token, url: base, httpOnly: true },
    ]);
    context.on('request', (request) => {
      if (!request.url().startsWith(base)) elsewhere.push(request.url());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the cell from ten unmet searches, and nothing for another week', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/en/admin/demand?need=women&from=2026-12-07&to=2026-12-13`);
    const row = page.locator('table[data-demand] tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('th').textContent()).toBe('44.85, -72.35');
    expect(await row.locator('td').first().textContent()).toBe('10');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('From').fill('2026-11-23');
    await page.getByLabel('To').fill('2026-12-06');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/from=2026-11-23/);
    expect(await page.locator('[data-demand-empty]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${base}/es/admin/demand?need=women&from=2026-12-07&to=2026-12-13`);
    expect(await page.locator('table[data-demand] tbody tr').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(elsewhere).toEqual([]);
  }, 90_000);
});
