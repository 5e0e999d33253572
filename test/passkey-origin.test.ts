/**
 * A server whose public address cannot carry passkeys (an IP address, or plain http off
 * localhost) says so, with a stable code, on its pages and from its passkey API, instead of a
 * button that can only fail with "The passkey did not work".
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createTestApp } from './support/app.js';
import { Visitor } from './stewardship-editing-support.js';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function optionsAnswer(publicUrl: string) {
  app = await createTestApp({ publicUrl });
  const visitor = new Visitor(app);
  const page = await visitor.page('/en/sign-in');
  const response = await app.server.inject({
    method: 'POST',
    url: '/api/v1/sign-in/passkey/options',
    headers: {
      cookie: [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/json',
      'x-csrf-token': page.csrf,
    },
    payload: '{}',
  });
  return { page: page.body, response };
}

describe('passkeys on an address that cannot carry them', () => {
  it('on an IP address: the page and the API say so and name the address that works', async () => {
    const { page, response } = await optionsAnswer('http://127.0.0.1:8080');
    expect(page).toContain('data-error-code="PL_PASSKEY_ORIGIN"');
    expect(page).toContain('http://localhost:8080');
    expect(page).not.toContain('data-passkey="sign-in"');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      error: {
        code: 'PL_PASSKEY_ORIGIN',
        message: expect.stringContaining('Set PUBLIC_URL to http://localhost:8080'),
      },
    });
  });

  it('on plain http off localhost: the answer asks for https', async () => {
    const { page, response } = await optionsAnswer('http://meetings.example.org');
    expect(page).toContain('data-error-code="PL_PASSKEY_ORIGIN"');
    expect(response.json()).toMatchObject({
      error: {
        code: 'PL_PASSKEY_ORIGIN',
        message: expect.stringContaining('https://meetings.example.org'),
      },
    });
  });

  it('on localhost: the button is offered, bound to the site’s own origin', async () => {
    const { page, response } = await optionsAnswer('http://localhost:8080');
    expect(page).toContain('data-passkey="sign-in"');
    expect(page).toContain('data-origin="http://localhost:8080"');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ rpId: 'localhost' });
  });
});
