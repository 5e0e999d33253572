/**
 * Accounts and roles through the real server and database: email-link sign-in read from the
 * outbox, sessions that die on sign-out, CSRF, rate limits, passkeys with genuine signatures, and
 * every mutating page route walked with every role.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import type { Clock } from '../src/platform/clock.js';
import { createAdministrator } from '../src/accounts/administrators.js';
import { operatorActor } from '../src/accounts/operator.js';
import { grantRole } from '../src/stewardship/roles.js';
import { createServiceBody } from '../src/stewardship/service-bodies.js';
import { softAuthenticate, softRegister } from '../src/accounts/webauthn/soft-authenticator.js';
import { createTestApp } from './support/app.js';

const PUBLIC_URL = 'https://meetings.example.org';

/** A clock tests move forward. */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms) };
}

/** A browser as far as cookies go: remembers what the server sets and sends it back. */
class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: App,
    readonly ip = '127.0.0.1',
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>, headers = {}) {
    const response = await this.app.server.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookies.size > 0 ? { cookie: this.cookieHeader } : {}),
        ...(form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(form !== undefined ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  async json(url: string, body: unknown, csrf: string) {
    const response = await this.app.server.inject({
      method: 'POST',
      url,
      remoteAddress: this.ip,
      headers: {
        cookie: this.cookieHeader,
        'x-csrf-token': csrf,
        'content-type': 'application/json',
      },
      payload: JSON.stringify(body),
    });
    for (const c of response.cookies as { name: string; value: string }[])
      if (c.value !== '') this.cookies.set(c.name, c.value);
    return response;
  }

  /** Loads a page and returns the CSRF token of its forms. */
  async csrfFrom(url: string): Promise<string> {
    const page = await this.request('GET', url);
    expect(page.statusCode, url).toBe(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    expect(token, `a CSRF field on ${url}`).toBeDefined();
    return token!;
  }

  get session(): string | undefined {
    return this.cookies.get('__Host-pl_session');
  }
}

let app: App;
let dataDir: string;
const clock = movableClock();
const outbox = () => join(dataDir, 'outbox');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'porchlight-accounts-'));
  app = await createTestApp(
    { dataDir, publicUrl: PUBLIC_URL },
    { clock, signInLimits: { perIp: 1000, perEmail: 1000, timeWindowMs: 60_000 } },
  );
});
afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The mail that arrives after `before` messages were in the outbox. */
async function nextMail(before: number): Promise<string> {
  return vi.waitFor(
    () => {
      const files = readdirSync(outbox())
        .filter((f) => f.endsWith('.eml'))
        .sort();
      if (files.length <= before) throw new Error('no mail yet');
      return readFileSync(join(outbox(), files.at(-1)!), 'utf8');
    },
    { timeout: 5000, interval: 20 },
  );
}

const mailCount = () => {
  try {
    return readdirSync(outbox()).filter((f) => f.endsWith('.eml')).length;
  } catch {
    return 0;
  }
};

/** Signs a visitor in through the email link, the way a person does. */
async function signInByEmail(visitor: Visitor, email: string, locale = 'en'): Promise<void> {
  const csrf = await visitor.csrfFrom(`/${locale}/sign-in`);
  const before = mailCount();
  const sent = await visitor.request('POST', `/${locale}/sign-in`, { email, _csrf: csrf });
  expect(sent.statusCode).toBe(303);
  const mail = await nextMail(before);
  const url = new URL(/https:\/\/\S+\/sign-in\/verify\?token=\S+/.exec(mail)![0]);
  const verifyCsrf = await visitor.csrfFrom(`${url.pathname}${url.search}`);
  const done = await visitor.request('POST', url.pathname, {
    token: url.searchParams.get('token')!,
    _csrf: verifyCsrf,
  });
  expect(done.statusCode).toBe(303);
  expect(done.headers.location).toBe(`/${locale}/account`);
}

describe('sign-in by email link', () => {
  it('mails a link that signs the person in once, and the session reaches /account', async () => {
    await grantRole(app.importDeps, operatorActor, 'sam@example.org', { role: 'administrator' });
    const visitor = new Visitor(app);
    const csrf = await visitor.csrfFrom('/en/sign-in');
    const before = mailCount();
    const sent = await visitor.request('POST', '/en/sign-in', {
      email: ' Sam@Example.org ',
      _csrf: csrf,
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/en/sign-in/sent');
    expect((await visitor.request('GET', '/en/sign-in/sent')).body).toContain('Check your email');

    const mail = await nextMail(before);
    expect(mail).toContain('To: sam@example.org');
    expect(mail).toContain('Subject: Your Porchlight sign-in link');
    const link =
      /https:\/\/meetings\.example\.org\/en\/sign-in\/verify\?token=([A-Za-z0-9_-]{43})/.exec(mail);
    expect(link).not.toBeNull();
    const token = link![1]!;

    // Opening the link (as a mail scanner would) does not sign in or use it up.
    const page = await visitor.request('GET', `/en/sign-in/verify?token=${token}`);
    expect(page.statusCode).toBe(200);
    expect(visitor.session).toBeUndefined();
    const verifyCsrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const done = await visitor.request('POST', '/en/sign-in/verify', { token, _csrf: verifyCsrf });
    expect(done.statusCode).toBe(303);
    const setCookie = String(done.headers['set-cookie']);
    expect(setCookie).toMatch(
      /__Host-pl_session=[A-Za-z0-9_-]{43}; Max-Age=2592000; Path=\/; HttpOnly; Secure; SameSite=Lax/,
    );
    const account = await visitor.request('GET', '/en/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Signed in as sam@example.org');
    expect(account.body).toContain('Administrator of the whole site');
    expect(account.headers['cache-control']).toBe('no-store');

    // The same link again: used up.
    const again = new Visitor(app);
    const againCsrf = await again.csrfFrom('/en/sign-in');
    const reused = await again.request('POST', '/en/sign-in/verify', { token, _csrf: againCsrf });
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain('data-error-code="PL_SIGN_IN_LINK_INVALID"');
    expect(again.session).toBeUndefined();
    expect((await again.request('GET', `/en/sign-in/verify?token=${token}`)).statusCode).toBe(400);
  });

  it('answers an unknown address exactly like a known one, and mails nothing', async () => {
    const visitor = new Visitor(app);
    const csrf = await visitor.csrfFrom('/en/sign-in');
    const before = mailCount();
    const sent = await visitor.request('POST', '/en/sign-in', {
      email: 'nobody@example.org',
      _csrf: csrf,
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/en/sign-in/sent');
    // A known address's mail, sent after, is the next file: nothing was written for the unknown one.
    await grantRole(app.importDeps, operatorActor, 'known@example.org', { role: 'administrator' });
    await visitor.request('POST', '/en/sign-in', { email: 'known@example.org', _csrf: csrf });
    expect(await nextMail(before)).toContain('To: known@example.org');
    expect(mailCount()).toBe(before + 1);
  });

  it('refuses a link older than 15 minutes', async () => {
    const { link } = await createAdministrator(
      { ...app.importDeps, publicUrl: PUBLIC_URL },
      'late@example.org',
    );
    const url = new URL(link);
    clock.advance(15 * 60_000 + 1000);
    const visitor = new Visitor(app);
    expect((await visitor.request('GET', `${url.pathname}${url.search}`)).statusCode).toBe(400);
    const csrf = await visitor.csrfFrom('/en/sign-in');
    const late = await visitor.request('POST', '/sign-in/verify', {
      token: url.searchParams.get('token')!,
      _csrf: csrf,
    });
    expect(late.statusCode).toBe(400);
    expect(visitor.session).toBeUndefined();
  });

  it('speaks Spanish under /es/, mail included, and shows a bad address back with an error', async () => {
    await grantRole(app.importDeps, operatorActor, 'ana@example.org', { role: 'administrator' });
    const visitor = new Visitor(app);
    const csrf = await visitor.csrfFrom('/es/sign-in');
    const bad = await visitor.request('POST', '/es/sign-in', {
      email: 'no es un correo',
      _csrf: csrf,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect(bad.body).toContain('value="no es un correo"');
    const before = mailCount();
    await visitor.request('POST', '/es/sign-in', { email: 'ana@example.org', _csrf: csrf });
    const mail = await nextMail(before);
    expect(mail).toContain('Subject: =?UTF-8?B?');
    expect(mail).toContain('/es/sign-in/verify?token=');
    expect(mail).toContain('Abra este enlace');
  });
});

describe('oversized sign-in bodies', () => {
  it('are refused as too large (413, PL_BODY_TOO_LARGE), not as malformed, and send no mail', async () => {
    const visitor = new Visitor(app);
    const csrf = await visitor.csrfFrom('/en/sign-in');
    const before = mailCount();
    for (const [path, words] of [
      ['/en/sign-in', 'shorten what you typed'],
      ['/es/sign-in', 'acorte lo que escribió'],
      ['/en/sign-in/verify', 'shorten what you typed'],
    ] as const) {
      const response = await visitor.request('POST', path, {
        email: `${'a'.repeat(40_000)}@example.org`,
        token: 'A'.repeat(43),
        _csrf: csrf,
      });
      expect(response.statusCode, path).toBe(413);
      expect(response.body).toContain('data-error-code="PL_BODY_TOO_LARGE"');
      expect(response.body).toContain(words);
    }
    expect(mailCount()).toBe(before);
  });
});

describe('sessions', () => {
  it('refuses a stolen session cookie replayed after sign-out', async () => {
    await grantRole(app.importDeps, operatorActor, 'replay@example.org', { role: 'administrator' });
    const owner = new Visitor(app);
    await signInByEmail(owner, 'replay@example.org');
    const stolen = owner.session!;
    const thief = new Visitor(app, '203.0.113.9');
    thief.cookies.set('__Host-pl_session', stolen);
    expect((await thief.request('GET', '/en/account')).statusCode).toBe(200);

    const csrf = await owner.csrfFrom('/en/account');
    const out = await owner.request('POST', '/en/sign-out', { _csrf: csrf });
    expect(out.statusCode).toBe(303);
    expect(owner.session).toBeUndefined();

    const replay = await thief.request('GET', '/en/account');
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe('/en/sign-in');
    const api = await thief.json('/api/v1/account/passkeys/options', {}, 'x');
    expect(api.statusCode).toBe(403);
  });

  it('lists the sessions, ends another device, and signs out everywhere', async () => {
    await grantRole(app.importDeps, operatorActor, 'everywhere@example.org', {
      role: 'administrator',
    });
    const phone = new Visitor(app);
    const laptop = new Visitor(app);
    const tablet = new Visitor(app);
    await signInByEmail(phone, 'everywhere@example.org');
    await signInByEmail(laptop, 'everywhere@example.org');
    await signInByEmail(tablet, 'everywhere@example.org');

    const page = await laptop.request('GET', '/en/account');
    const ids = [...page.body.matchAll(/data-session="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(3);
    expect(page.body).toContain('(this device)');

    // The laptop ends the phone's session.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const phoneSession = await sessionIdOf(phone);
    expect(ids).toContain(phoneSession);
    const ended = await laptop.request('POST', `/en/account/sessions/${phoneSession}/end`, {
      _csrf: csrf,
    });
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toBe('/en/account');
    expect((await phone.request('GET', '/en/account')).statusCode).toBe(303);

    // Everywhere: the tablet and the laptop itself.
    const everywhere = await laptop.request('POST', '/en/account/sign-out-everywhere', {
      _csrf: csrf,
    });
    expect(everywhere.statusCode).toBe(303);
    expect((await tablet.request('GET', '/en/account')).statusCode).toBe(303);
    expect((await laptop.request('GET', '/en/account')).statusCode).toBe(303);
  });

  it('ends a session that has been idle for two weeks', async () => {
    await grantRole(app.importDeps, operatorActor, 'idle@example.org', { role: 'administrator' });
    const visitor = new Visitor(app);
    await signInByEmail(visitor, 'idle@example.org');
    clock.advance(13 * 24 * 3600_000);
    expect((await visitor.request('GET', '/en/account')).statusCode).toBe(200);
    clock.advance(14 * 24 * 3600_000 + 60_000);
    expect((await visitor.request('GET', '/en/account')).statusCode).toBe(303);
  });
});

/** The id of a visitor's own session, read from their account page. */
async function sessionIdOf(visitor: Visitor): Promise<string> {
  const page = await visitor.request('GET', '/en/account');
  const match = /data-session="([^"]+)"><strong>[^<]*<\/strong> \(this device\)/.exec(page.body);
  expect(match).not.toBeNull();
  return match![1]!;
}

describe('CSRF', () => {
  it('refuses forged posts: no token, a wrong one, another session’s, or a cross-site origin', async () => {
    await grantRole(app.importDeps, operatorActor, 'csrf@example.org', { role: 'administrator' });
    const victim = new Visitor(app);
    await signInByEmail(victim, 'csrf@example.org');
    const attacker = new Visitor(app, '198.51.100.7');
    await grantRole(app.importDeps, operatorActor, 'attacker@example.org', {
      role: 'editor',
      serviceBodyId: (await rootBody()).id,
    });
    await signInByEmail(attacker, 'attacker@example.org');
    const attackersToken = await attacker.csrfFrom('/en/account');
    const goodToken = await victim.csrfFrom('/en/account');

    for (const form of [{}, { _csrf: 'forged' }, { _csrf: attackersToken }]) {
      const forged = await victim.request('POST', '/en/account/sign-out-everywhere', form);
      expect(forged.statusCode).toBe(403);
      expect(forged.body).toContain('data-error-code="PL_CSRF_REJECTED"');
    }
    const crossSite = await victim.request(
      'POST',
      '/en/account/sign-out-everywhere',
      { _csrf: goodToken },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.statusCode).toBe(403);
    const fetchMetadata = await victim.request(
      'POST',
      '/en/admin/service-bodies',
      { _csrf: goodToken, name: 'Forged', kind: 'area' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(fetchMetadata.statusCode).toBe(403);
    // None of it took effect: the session lives, and the genuine form still works.
    expect((await victim.request('GET', '/en/account')).statusCode).toBe(200);
    const genuine = await victim.request(
      'POST',
      '/en/account/sign-out-everywhere',
      { _csrf: goodToken },
      { origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' },
    );
    expect(genuine.statusCode).toBe(303);
    expect((await victim.request('GET', '/en/account')).statusCode).toBe(303);
  });

  it('guards the sign-in form and the passkey endpoints too', async () => {
    const visitor = new Visitor(app);
    const noCookie = await visitor.request('POST', '/en/sign-in', { email: 'sam@example.org' });
    expect(noCookie.statusCode).toBe(403);
    await visitor.csrfFrom('/en/sign-in');
    const noToken = await visitor.request('POST', '/en/sign-in', { email: 'sam@example.org' });
    expect(noToken.statusCode).toBe(403);
    const api = await visitor.json('/api/v1/sign-in/passkey/options', {}, 'wrong');
    expect(api.statusCode).toBe(403);
    expect(api.json()).toMatchObject({ error: { code: 'PL_CSRF_REJECTED' } });
  });
});

async function rootBody() {
  const existing = (await app.repos.serviceBodies.all()).find((b) => b.name === 'CSRF Region');
  return (
    existing ??
    createServiceBody(app.importDeps, operatorActor, { name: 'CSRF Region', kind: 'region' })
  );
}

describe('rate limits on sign-in', () => {
  it('limits requests per address and per email, whichever language path they use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porchlight-limits-'));
    const limited = await createTestApp(
      { dataDir: dir, publicUrl: PUBLIC_URL },
      { signInLimits: { perIp: 3, perEmail: 2, timeWindowMs: 60_000 } },
    );
    try {
      // The limit is per action: `/sign-in`, `/en/sign-in` and `/es/sign-in` count together.
      const prefixes = ['', '/en', '/es', '/en'];
      const visitor = new Visitor(limited, '192.0.2.1');
      const csrf = await visitor.csrfFrom('/en/sign-in');
      const statuses = [];
      for (const [i, prefix] of prefixes.entries())
        statuses.push(
          (
            await visitor.request('POST', `${prefix}/sign-in`, {
              email: `p${i}@example.org`,
              _csrf: csrf,
            })
          ).statusCode,
        );
      expect(statuses).toEqual([303, 303, 303, 429]);
      const page = await visitor.request('POST', '/es/sign-in', {
        email: 'p9@example.org',
        _csrf: csrf,
      });
      expect(page.statusCode).toBe(429);
      expect(page.body).toContain('data-error-code="PL_RATE_LIMITED"');

      // Redeeming links is an action of its own, counted the same way.
      const redeemed = [];
      for (const prefix of prefixes)
        redeemed.push(
          (
            await visitor.request('POST', `${prefix}/sign-in/verify`, {
              token: 'A'.repeat(43),
              _csrf: csrf,
            })
          ).statusCode,
        );
      expect(redeemed).toEqual([400, 400, 400, 429]);

      // One address tried from many places: the third try is refused, another address is not.
      const perEmail = [];
      for (let i = 0; i < 3; i++) {
        const from = new Visitor(limited, `192.0.2.${10 + i}`);
        const token = await from.csrfFrom('/en/sign-in');
        perEmail.push(
          (await from.request('POST', '/en/sign-in', { email: 'Target@example.org', _csrf: token }))
            .statusCode,
        );
      }
      expect(perEmail).toEqual([303, 303, 429]);
      const other = new Visitor(limited, '192.0.2.50');
      const token = await other.csrfFrom('/en/sign-in');
      expect(
        (await other.request('POST', '/en/sign-in', { email: 'else@example.org', _csrf: token }))
          .statusCode,
      ).toBe(303);
    } finally {
      await limited.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('passkeys over HTTP', () => {
  it('registers a passkey for a signed-in person, then signs in with it alone', async () => {
    await grantRole(app.importDeps, operatorActor, 'keys@example.org', { role: 'administrator' });
    const visitor = new Visitor(app);
    await signInByEmail(visitor, 'keys@example.org');
    const csrf = await visitor.csrfFrom('/en/account');
    const options = (await visitor.json('/api/v1/account/passkeys/options', {}, csrf)).json();
    expect(options).toMatchObject({
      rp: { id: 'meetings.example.org' },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    expect(options.pubKeyCredParams.map((p: { alg: number }) => p.alg)).toEqual([-7, -8, -257]);
    const ceremony = { origin: PUBLIC_URL, rpId: 'meetings.example.org' };
    const { credential, response } = softRegister({
      ...ceremony,
      challenge: options.challenge,
      userHandle: Buffer.from(options.user.id, 'base64url'),
    });
    const registered = await visitor.json('/api/v1/account/passkeys?locale=en', response, csrf);
    expect(registered.statusCode).toBe(200);
    expect(registered.json()).toEqual({ next: '/en/account' });
    // The same registration again: its challenge is spent.
    expect((await visitor.json('/api/v1/account/passkeys', response, csrf)).json()).toMatchObject({
      error: { code: 'PL_PASSKEY_REJECTED' },
    });
    expect((await visitor.request('GET', '/en/account')).body).toContain('Passkey 1: added');

    // A new device, no cookie but the pre-session one: the passkey signs in.
    const device = new Visitor(app, '203.0.113.20');
    const signInCsrf = await device.csrfFrom('/es/sign-in');
    const request = (await device.json('/api/v1/sign-in/passkey/options', {}, signInCsrf)).json();
    expect(request).toMatchObject({ rpId: 'meetings.example.org', allowCredentials: [] });
    const assertion = softAuthenticate(credential, { ...ceremony, challenge: request.challenge });
    const signedIn = await device.json('/api/v1/sign-in/passkey?locale=es', assertion, signInCsrf);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toEqual({ next: '/es/account' });
    const account = await device.request('GET', '/es/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Entró con una llave de acceso');

    // Replaying the captured assertion fails: its challenge is spent.
    const thief = new Visitor(app, '198.51.100.99');
    const thiefCsrf = await thief.csrfFrom('/en/sign-in');
    await thief.json('/api/v1/sign-in/passkey/options', {}, thiefCsrf);
    const replay = await thief.json('/api/v1/sign-in/passkey', assertion, thiefCsrf);
    expect(replay.statusCode).toBe(400);
    expect(thief.session).toBeUndefined();

    // An assertion for a fresh challenge but a stale counter (a cloned key) fails too.
    const fresh = (await thief.json('/api/v1/sign-in/passkey/options', {}, thiefCsrf)).json();
    const cloned = softAuthenticate(credential, {
      ...ceremony,
      challenge: fresh.challenge,
      keepCount: true,
    });
    expect((await thief.json('/api/v1/sign-in/passkey', cloned, thiefCsrf)).json()).toMatchObject({
      error: { code: 'PL_PASSKEY_REJECTED', message: expect.stringContaining('counter') },
    });

    // Removing the passkey: it no longer signs in.
    const page = await visitor.request('GET', '/en/account');
    const passkeyId = /data-passkey-id="([^"]+)"/.exec(page.body)![1]!;
    const pageCsrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    expect(
      (
        await visitor.request('POST', `/en/account/passkeys/${passkeyId}/remove`, {
          _csrf: pageCsrf,
        })
      ).statusCode,
    ).toBe(303);
    const after = (await thief.json('/api/v1/sign-in/passkey/options', {}, thiefCsrf)).json();
    const gone = softAuthenticate(credential, { ...ceremony, challenge: after.challenge });
    expect((await thief.json('/api/v1/sign-in/passkey', gone, thiefCsrf)).statusCode).toBe(400);
  });

  it('serves the passkey script from its own origin, cached for good', async () => {
    const page = await new Visitor(app).request('GET', '/en/sign-in');
    const src = /<script type="module" src="(\/assets\/passkey-[0-9a-f]{12}\.js)">/.exec(
      page.body,
    )![1]!;
    const script = await app.server.inject({ method: 'GET', url: src });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(script.headers['cache-control']).toContain('immutable');
    expect(script.body).toContain('navigator.credentials.create');
    expect(String(page.headers['content-security-policy'])).toMatch(/script-src [^;']*\/assets\//);
  });
});

describe('service bodies and roles through the pages', () => {
  /** Region R > Area A > District D, and Area B; one person per role. */
  let ids: Record<'R' | 'A' | 'D' | 'B', string>;
  const people: Record<string, Visitor> = {};

  beforeAll(async () => {
    const deps = app.importDeps;
    const R = await createServiceBody(deps, operatorActor, {
      name: 'Northeast Region',
      kind: 'region',
    });
    const A = await createServiceBody(deps, operatorActor, {
      name: 'Western Area',
      kind: 'area',
      parentId: R.id,
    });
    const D = await createServiceBody(deps, operatorActor, {
      name: 'District 4',
      kind: 'district',
      parentId: A.id,
    });
    const B = await createServiceBody(deps, operatorActor, {
      name: 'Eastern Area',
      kind: 'area',
      parentId: R.id,
    });
    ids = { R: R.id, A: A.id, D: D.id, B: B.id };
    const roles = {
      administrator: { role: 'administrator' },
      editorOfA: { role: 'editor', serviceBodyId: A.id },
      contact: { role: 'group_contact', groupKey: 'franklin:id:42', serviceBodyId: D.id },
    } as const;
    for (const [who, grant] of Object.entries(roles)) {
      await grantRole(deps, operatorActor, `${who}@roles.example.org`, grant);
      people[who] = new Visitor(app);
      await signInByEmail(people[who], `${who}@roles.example.org`);
    }
    people.anonymous = new Visitor(app);
  });

  /** Posts a form the way the page would (with the visitor's own CSRF token). */
  async function post(who: string, path: string, form: Record<string, string>) {
    const visitor = people[who]!;
    const csrf =
      visitor.session === undefined
        ? await visitor.csrfFrom('/en/sign-in')
        : await visitor.csrfFrom('/en/account');
    return visitor.request('POST', `/en${path}`, { ...form, _csrf: csrf });
  }

  const outcome = (status: number, location?: string) =>
    status === 303 && location === '/en/sign-in'
      ? 'sign-in'
      : status === 303
        ? 'done'
        : status === 403
          ? 'refused'
          : status === 409
            ? 'not empty'
            : `status ${status}`;

  it('walks every mutating route with every role', async () => {
    type Step = {
      route: string;
      form: (ctx: { ids: typeof ids; grant?: string }) => [string, Record<string, string>];
      expect: Record<string, string>;
    };
    const steps: Step[] = [
      {
        route: 'create a root',
        form: () => ['/admin/service-bodies', { name: 'New Zone', kind: 'zone', parentId: '' }],
        expect: {
          anonymous: 'sign-in',
          administrator: 'done',
          editorOfA: 'refused',
          contact: 'refused',
        },
      },
      {
        route: 'create under A',
        form: ({ ids }) => [
          '/admin/service-bodies',
          { name: 'District 9', kind: 'district', parentId: ids.A },
        ],
        expect: {
          anonymous: 'sign-in',
          administrator: 'done',
          editorOfA: 'done',
          contact: 'refused',
        },
      },
      {
        route: 'create under B (outside A)',
        form: ({ ids }) => [
          '/admin/service-bodies',
          { name: 'Intruder', kind: 'district', parentId: ids.B },
        ],
        expect: {
          anonymous: 'sign-in',
          administrator: 'done',
          editorOfA: 'refused',
          contact: 'refused',
        },
      },
      {
        route: 'rename D',
        form: ({ ids }) => [
          `/admin/service-bodies/${ids.D}`,
          { name: 'District Four', kind: 'district', parentId: ids.A },
        ],
        expect: {
          anonymous: 'sign-in',
          administrator: 'done',
          editorOfA: 'done',
          contact: 'refused',
        },
      },
      {
        route: 'move D out of A into B',
        form: ({ ids }) => [
          `/admin/service-bodies/${ids.D}`,
          { name: 'District Four', kind: 'district', parentId: ids.B },
        ],
        expect: {
          anonymous: 'sign-in',
          administrator: 'done',
          editorOfA: 'refused',
          contact: 'refused',
        },
      },
      {
        route: 'rename B',
        form: ({ ids }) => [
          `/admin/service-bodies/${ids.B}`,
          { name: 'Eastern Mass Area', kind: 'area', parentId: ids.R },
        ],
        expect: {
          anonymous: 'sign-in',
          administrator: 'done',
          editorOfA: 'refused',
          contact: 'refused',
        },
      },
      {
        route: 'grant editor of D',
        form: ({ ids }) => [
          `/admin/service-bodies/${ids.D}/grants`,
          { email: 'new-editor@example.org', role: 'editor' },
        ],
        expect: {
          anonymous: 'sign-in',
          administrator: 'done',
          editorOfA: 'done',
          contact: 'refused',
        },
      },
      {
        route: 'grant editor of B',
        form: ({ ids }) => [
          `/admin/service-bodies/${ids.B}/grants`,
          { email: 'new-editor@example.org', role: 'editor' },
        ],
        expect: {
          anonymous: 'sign-in',
          administrator: 'done',
          editorOfA: 'refused',
          contact: 'refused',
        },
      },
      {
        route: 'grant administrator through a body form',
        form: ({ ids }) => [
          `/admin/service-bodies/${ids.A}/grants`,
          { email: 'climber@example.org', role: 'administrator' },
        ],
        expect: {
          anonymous: 'sign-in',
          administrator: 'done',
          editorOfA: 'refused',
          contact: 'refused',
        },
      },
      {
        route: 'revoke a grant on B',
        form: ({ ids, grant }) => [`/admin/service-bodies/${ids.B}/grants/${grant}/revoke`, {}],
        expect: {
          anonymous: 'sign-in',
          administrator: 'done',
          editorOfA: 'refused',
          contact: 'refused',
        },
      },
      {
        route: 'delete A (the editor’s own body)',
        form: ({ ids }) => [`/admin/service-bodies/${ids.A}/delete`, {}],
        // Allowed, but A has members: the administrator meets the next rule, not a refusal.
        expect: {
          anonymous: 'sign-in',
          administrator: 'not empty',
          editorOfA: 'refused',
          contact: 'refused',
        },
      },
      {
        route: 'delete a body under A',
        form: ({ ids }) => [`/admin/service-bodies/${ids.D}/delete`, {}],
        expect: {
          anonymous: 'sign-in',
          administrator: 'done',
          editorOfA: 'done',
          contact: 'refused',
        },
      },
    ];
    // Order matters: administrators run last on each step, so the others meet the state they expect.
    const order = ['anonymous', 'contact', 'editorOfA', 'administrator'];
    const seen: string[] = [];
    for (const step of steps) {
      for (const who of order) {
        // Fresh fixtures for destructive steps, so each role meets the same state.
        const fixture = await freshFixture();
        const grant = await grantRole(app.importDeps, operatorActor, 'victim@example.org', {
          role: 'editor',
          serviceBodyId: fixture.B,
        });
        const [path, form] = step.form({ ids: fixture, grant: grant.id });
        const response = await post(who, path, form);
        const got = outcome(response.statusCode, response.headers.location);
        seen.push(`${step.route} / ${who}: ${got}`);
        expect(got, `${step.route} as ${who}`).toBe(step.expect[who]);
        if (got === 'refused') expect(response.body).toContain('data-error-code="PL_FORBIDDEN"');
      }
    }
    expect(seen).toHaveLength(steps.length * order.length);
  });

  /** A fresh district D under A and area B under R, so each role meets the same state. */
  async function freshFixture(): Promise<typeof ids> {
    const deps = app.importDeps;
    const A = ids.A;
    const R = ids.R;
    const D = await createServiceBody(deps, operatorActor, {
      name: 'District 4',
      kind: 'district',
      parentId: A,
    });
    const B = await createServiceBody(deps, operatorActor, {
      name: 'Eastern Area',
      kind: 'area',
      parentId: R,
    });
    return { R, A, D: D.id, B: B.id };
  }

  it('shows the tree, and escapes whatever a name holds', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const created = await post('administrator', '/admin/service-bodies', {
      name: payload,
      kind: 'intergroup',
      parentId: ids.A,
    });
    expect(created.statusCode).toBe(303);
    const list = await people.administrator!.request('GET', '/en/admin/service-bodies');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('<script>alert');
    expect(list.body).not.toContain('<img src=x');
    expect(list.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(list.body).toContain('Western Area');
    const body = await people.administrator!.request('GET', created.headers.location as string);
    expect(body.statusCode).toBe(200);
    expect(body.body).not.toContain('<script>alert');
  });

  it('refuses a cycle, a body with members, and bad input with stable codes', async () => {
    const cycle = await post('administrator', `/admin/service-bodies/${ids.R}`, {
      name: 'Northeast Region',
      kind: 'region',
      parentId: ids.A,
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.body).toContain('data-error-code="PL_SERVICE_BODY_CYCLE"');
    const notEmpty = await post('administrator', `/admin/service-bodies/${ids.R}/delete`, {});
    expect(notEmpty.statusCode).toBe(409);
    expect(notEmpty.body).toContain('data-error-code="PL_SERVICE_BODY_NOT_EMPTY"');
    const badKind = await post('administrator', '/admin/service-bodies', {
      name: 'X',
      kind: 'galaxy',
    });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.body).toContain('data-error-code="PL_INVALID_SERVICE_BODY"');
    const missing = await people.administrator!.request('GET', '/en/admin/service-bodies/nope');
    expect(missing.statusCode).toBe(404);
  });

  it('keeps an audit log that only administrators read, with ids and no emails', async () => {
    const log = await people.administrator!.request('GET', '/en/admin/audit');
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain('data-audit="service_body.create"');
    expect(log.body).toContain('data-audit="role.grant"');
    expect(log.body).not.toMatch(/@(roles\.)?example\.org/);
    const entries = await app.repos.audit.recent(1000);
    expect(JSON.stringify(entries)).not.toContain('@');
    expect((await people.editorOfA!.request('GET', '/en/admin/audit')).statusCode).toBe(403);
    expect((await people.anonymous!.request('GET', '/en/admin/audit')).statusCode).toBe(303);
  });
});

describe('logs', () => {
  it('never hold an email address', async () => {
    const lines: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'porchlight-logs-'));
    const pino = (await import('pino')).default;
    const logged = await createTestApp(
      { dataDir: dir, publicUrl: PUBLIC_URL },
      { logger: pino({ level: 'trace' }, { write: (line: string) => lines.push(line) }) },
    );
    try {
      await grantRole(logged.importDeps, operatorActor, 'private@example.org', {
        role: 'administrator',
      });
      const visitor = new Visitor(logged);
      const csrf = await visitor.csrfFrom('/en/sign-in');
      await visitor.request('POST', '/en/sign-in', { email: 'private@example.org', _csrf: csrf });
      await vi.waitFor(() => expect(readdirSync(join(dir, 'outbox'))).toHaveLength(1));
      // The file lands before its log line: wait for the line rather than race it.
      await vi.waitFor(() =>
        expect(lines.some((l) => l.includes('mail written to the outbox'))).toBe(true),
      );
      expect(lines.join('\n')).not.toContain('private@example.org');
      expect(lines.join('\n')).not.toContain(visitor.cookies.get('__Host-pl_presession'));
    } finally {
      await logged.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
