import { pino } from 'pino';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue, PorchlightError, type ErrorCode } from '../../platform/errors.js';
import { createHttpServer, type HttpServer } from '../../platform/http/server.js';
import { answerApiErrors } from './error-handlers.js';
import { registerPageScope } from './page-scope.js';

let server: HttpServer;
// PL_FEED_NOT_MODIFIED (304) tells an import that nothing changed; it is never a failure's answer.
const codes = (Object.keys(errorCatalogue) as ErrorCode[]).filter(
  (code) => errorCatalogue[code].status >= 400,
);
const params = Type.Object({ code: Type.String() });

beforeAll(async () => {
  server = await createHttpServer(pino({ level: 'silent' }), 'test');
  answerApiErrors(server);
  const fail = (code: string) => {
    throw new PorchlightError(code as ErrorCode);
  };
  server.get('/api/v1/fail/:code', { schema: { params } }, (request) => fail(request.params.code));
  registerPageScope(server, { publicUrl: 'http://localhost:8080' }, (scope) => {
    scope.get('/fail/:code', { schema: { params } }, (request) => fail(request.params.code));
  });
  await server.ready();
});

afterAll(() => server.close());

describe('the error mapping', () => {
  it('answers the API and a page with the same status for every catalogue code', async () => {
    for (const code of codes) {
      const api = await server.inject({ url: `/api/v1/fail/${code}` });
      const page = await server.inject({ url: `/es/fail/${code}` });
      expect(api.statusCode, code).toBe(errorCatalogue[code].status);
      expect(api.json()).toMatchObject({ error: { code } });
      if (code === 'PL_SIGN_IN_REQUIRED') {
        // A page asks the person to sign in; the API says so.
        expect(page.statusCode).toBe(303);
        continue;
      }
      expect(page.statusCode, code).toBe(api.statusCode);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toContain(`data-error-code="${code}"`);
    }
  });

  it('answers a schema refusal with the same status and code on either side', async () => {
    const tooLong = 'x'.repeat(70);
    const longParams = Type.Object({ code: Type.String({ maxLength: 64 }) });
    const strict = await createHttpServer(pino({ level: 'silent' }), 'test');
    answerApiErrors(strict);
    strict.get('/api/v1/echo/:code', { schema: { params: longParams } }, () => ({}));
    registerPageScope(strict, { publicUrl: 'http://localhost:8080' }, (scope) => {
      scope.get('/echo/:code', { schema: { params: longParams } }, (_request, reply) =>
        reply.send('ok'),
      );
    });
    try {
      const api = await strict.inject({ url: `/api/v1/echo/${tooLong}` });
      const page = await strict.inject({ url: `/echo/${tooLong}` });
      expect(api.statusCode).toBe(400);
      expect(page.statusCode).toBe(400);
      expect(api.json()).toMatchObject({ error: { code: 'PL_INVALID_QUERY', field: 'code' } });
      expect(page.body).toContain('data-error-code="PL_INVALID_QUERY"');
    } finally {
      await strict.close();
    }
  });

  it('answers an unknown path outside the page prefixes with the JSON not-found body', async () => {
    const missing = await server.inject({ url: '/api/v1/nothing?x=1' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'PL_NOT_FOUND', message: 'Nothing is at GET /api/v1/nothing.' },
    });
  });
});
