import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PorchlightError } from '../../platform/errors.js';
import { createHttpServer, type HttpServer } from '../../platform/http/server.js';
import { answerApiErrors } from './error-handlers.js';
import { registerPageScope, type CsrfProtection } from './page-scope.js';

const csrf: CsrfProtection = {
  token: () => 'the-token',
  check: (request) => {
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (sent !== 'the-token') throw new PorchlightError('PL_CSRF_REJECTED');
  },
};

const logged: string[] = [];
let server: HttpServer;

beforeAll(async () => {
  const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
  server = await createHttpServer(logger, 'test');
  answerApiErrors(server);
  registerPageScope(
    server,
    {
      publicUrl: 'http://localhost:8080',
      keepZone: true,
      formLimit: 1024,
      cache: 'public, max-age=60',
      notFound: true,
      csrf,
    },
    (scope, kit) => {
      const act = kit.limit('act', { max: 4, timeWindowMs: 60_000 });
      scope.get('/where', (request, reply) => {
        const ctx = kit.ctxOf(request);
        const page = (
          <main data-locale={ctx.locale} data-path={ctx.path} data-kept={ctx.keptQuery}>
            {ctx.t('error.notFound.title')}
          </main>
        );
        return kit.send(reply, ctx, page);
      });
      scope.post('/echo', (request, reply) => {
        const ctx = kit.ctxOf(request);
        const form = kit.form(request);
        const page = <pre>{JSON.stringify({ ...form, own: Object.keys(form) })}</pre>;
        return kit.send(reply, ctx, page, { cache: 'no-store' });
      });
      scope.post('/act', { onRequest: act, preHandler: kit.csrf }, (request, reply) =>
        kit.redirect(reply, kit.ctxOf(request), '/where'),
      );
      scope.get('/forbidden', () => {
        throw new PorchlightError('PL_FORBIDDEN');
      });
      scope.get('/private', () => {
        throw new PorchlightError('PL_SIGN_IN_REQUIRED');
      });
      scope.get('/no-source', () => {
        throw new PorchlightError('PL_SOURCE_NOT_FOUND', { name: 'hilltowns' });
      });
      scope.get('/broken', () => {
        throw new TypeError('a bug');
      });
    },
  );
  server.post('/api/v1/thing', () => ({ ok: true }));
  await server.ready();
});

afterAll(() => server.close());

const form = (fields: string) => ({
  'content-type': 'application/x-www-form-urlencoded',
  'sec-fetch-site': 'same-origin',
  payload: fields,
});

async function post(url: string, fields: string, remoteAddress = '192.0.2.1') {
  const { payload, ...headers } = form(fields);
  return server.inject({ method: 'POST', url, headers, payload, remoteAddress });
}

describe('an error page', () => {
  it('says a code with general words in the reader’s language, its template filled', async () => {
    const es = await server.inject('/es/no-source');
    expect(es.statusCode).toBe(404);
    expect(es.body).toContain('data-error-code="PL_SOURCE_NOT_FOUND"');
    expect(es.body).toContain('Ninguna fuente se llama «hilltowns».');
    const en = await server.inject('/en/no-source');
    expect(en.body).toContain('No source is called &quot;hilltowns&quot;.');
  });

  it('says no more than its words for a code with words of its own, or a bug', async () => {
    expect((await server.inject('/es/forbidden')).body).not.toContain('data-error-message');
    expect((await server.inject('/es/broken')).body).not.toContain('data-error-message');
  });
});

describe('a scope of pages registered through the kit', () => {
  it('answers at the unprefixed path in the negotiated language, and under /en/ and /es/', async () => {
    const negotiated = await server.inject({
      url: '/where?tz=America/Chicago',
      headers: { 'accept-language': 'es-MX,es;q=0.9' },
    });
    expect(negotiated.statusCode).toBe(200);
    expect(negotiated.headers['content-language']).toBe('es');
    expect(negotiated.headers.vary).toContain('Accept-Language');
    expect(negotiated.headers['cache-control']).toBe('public, max-age=60');
    expect(negotiated.body).toContain('data-path="/where"');
    expect(negotiated.body).toContain('data-kept="?tz=America%2FChicago"');
    for (const locale of ['en', 'es']) {
      const prefixed = await server.inject({
        url: `/${locale}/where`,
        headers: { 'accept-language': locale === 'en' ? 'es' : 'en' },
      });
      expect(prefixed.headers['content-language']).toBe(locale);
      expect(prefixed.headers.vary ?? '').not.toContain('Accept-Language');
      expect(prefixed.body).toContain(`data-locale="${locale}"`);
      expect(prefixed.body).toContain('data-path="/where"');
    }
  });

  it('reads url-encoded forms: a repeated name is a list, no key reaches a prototype', async () => {
    const response = await post('/en/echo', 'day=1&day=3&name=A+b&__proto__=x&constructor=y');
    expect(response.statusCode).toBe(200);
    const echoed = JSON.parse(
      response.body
        .replace(/^.*<pre>/s, '')
        .replace(/<\/pre>.*$/s, '')
        .replace(/&quot;/g, '"'),
    ) as Record<string, unknown>;
    expect(echoed).toMatchObject({ day: ['1', '3'], name: 'A b', constructor: 'y' });
    expect(echoed.own).toContain('__proto__');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses a form over the scope’s limit with a 413 page, and the JSON API any form', async () => {
    const large = await post('/es/echo', `text=${'a'.repeat(2000)}`);
    expect(large.statusCode).toBe(413);
    expect(large.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(large.body).toContain('data-error-code="PL_BODY_TOO_LARGE"');
    expect(large.body).toContain('<html lang="es">');
    const api = await post('/api/v1/thing', 'a=1');
    expect(api.statusCode).toBe(415);
    expect(api.json()).toMatchObject({ error: { code: 'PL_INVALID_BODY' } });
  });

  it('refuses a post without the CSRF token with a page; with it, redirects in the language', async () => {
    const forged = await post('/es/act', 'x=1', '192.0.2.2');
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['cache-control']).toBe('no-store');
    expect(forged.body).toContain('data-error-code="PL_CSRF_REJECTED"');
    expect(forged.body).toContain('Este formulario caducó');
    const sent = await post('/es/act', '_csrf=the-token', '192.0.2.2');
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/es/where');
  });

  it('counts an action once per client address across /, /en/ and /es/', async () => {
    const statuses = [];
    for (const prefix of ['', '/en', '/es', '', '/en'])
      statuses.push((await post(`${prefix}/act`, '_csrf=the-token', '192.0.2.3')).statusCode);
    expect(statuses).toEqual([303, 303, 303, 303, 429]);
    const limited = await post('/es/act', '_csrf=the-token', '192.0.2.3');
    expect(limited.body).toContain('data-error-code="PL_RATE_LIMITED"');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('shows an error as a page in the reader’s language, with its catalogue status', async () => {
    const es = await server.inject({ url: '/es/forbidden' });
    expect(es.statusCode).toBe(403);
    expect(es.headers['content-language']).toBe('es');
    expect(es.body).toContain('<html lang="es">');
    expect(es.body).toContain('No permitido');
    expect(es.body).toContain('data-error-code="PL_FORBIDDEN"');
    const en = await server.inject({ url: '/en/forbidden' });
    expect(en.body).toContain('Not allowed');
  });

  it('sends a person who must sign in to the sign-in page in their language', async () => {
    const response = await server.inject({ url: '/es/private' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/es/sign-in');
  });

  it('answers an unexpected error with a 500 page and logs it', async () => {
    logged.length = 0;
    const response = await server.inject({ url: '/en/broken' });
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('data-error-code="PL_INTERNAL"');
    expect(response.body).not.toContain('a bug');
    expect(logged.join('\n')).toContain('a bug');
  });

  it('answers unknown paths under a language prefix with the not-found page', async () => {
    const es = await server.inject({ url: '/es/nothing/here' });
    expect(es.statusCode).toBe(404);
    expect(es.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(es.body).toContain('data-error-code="PL_NOT_FOUND"');
    expect(es.body).toContain('Página no encontrada');
    // Outside the prefixes, the API's JSON answer stays.
    const bare = await server.inject({ url: '/nothing/here' });
    expect(bare.statusCode).toBe(404);
    expect(bare.json()).toMatchObject({ error: { code: 'PL_NOT_FOUND' } });
  });
});
