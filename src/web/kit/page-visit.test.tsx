import { pino } from 'pino';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PorchlightError } from '../../platform/errors.js';
import { createHttpServer, type HttpServer } from '../../platform/http/server.js';
import { answerApiErrors } from './error-handlers.js';
import { registerPageScope, type FormPageProps } from './page-scope.js';

let server: HttpServer;
let tokensMade = 0;
const params = Type.Object({ name: Type.String({ maxLength: 20 }) });

function Greeting({ ctx, csrf, name }: FormPageProps & { name: string }) {
  return (
    <form data-locale={ctx.locale} data-csrf={csrf}>
      {name}
    </form>
  );
}

beforeAll(async () => {
  server = await createHttpServer(pino({ level: 'silent' }), 'test');
  answerApiErrors(server);
  const csrf = {
    token: () => `token-${++tokensMade}`,
    check: () => undefined,
  };
  registerPageScope(
    server,
    { publicUrl: 'http://localhost:8080', formLimit: 1024, csrf },
    (scope, kit) => {
      // A door that opens only for "friend", and refuses the rest as the catalogue says.
      const enter = kit.entrance((visit, name: string) => {
        if (name === 'stranger') throw new PorchlightError('PL_SIGN_IN_REQUIRED');
        if (name !== 'friend') throw new PorchlightError('PL_NOT_FOUND');
        return Promise.resolve({ friend: name.toUpperCase(), path: visit.ctx.path });
      });
      scope.get('/hello/:name', { schema: { params } }, async (request, reply) => {
        const { friend, sendForm } = await enter(request, reply, request.params.name);
        return sendForm(Greeting, { name: friend });
      });
      scope.post('/hello/:name', { schema: { params } }, async (request, reply) => {
        const { form, redirect } = await enter(request, reply, request.params.name);
        return redirect(`/hello/${String(form.to)}`);
      });
      scope.get('/plain', (request, reply) => {
        const { ctx, send, query } = kit.enter(request, reply);
        return send(
          <p data-path={ctx.path} data-said={String(query.said)}>
            plain
          </p>,
          { status: 202 },
        );
      });
    },
  );
  await server.ready();
});

afterAll(() => server.close());

describe('a page visit', () => {
  it('sends a page in the language of its path, with the status asked', async () => {
    const plain = await server.inject({ url: '/es/plain?said=saved' });
    expect(plain.statusCode).toBe(202);
    expect(plain.body).toContain('data-said="saved"');
    expect(plain.headers['content-language']).toBe('es');
    expect(plain.headers['cache-control']).toBe('no-store');
    expect(plain.body).toContain('data-path="/plain"');
  });

  it('enters through its door: what it opens, a form page with the CSRF token', async () => {
    const made = tokensMade;
    const page = await server.inject({ url: '/en/hello/friend' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-locale="en"');
    expect(page.body).toContain(`data-csrf="token-${made + 1}"`);
    expect(page.body).toContain('FRIEND');
  });

  it('reads the form and redirects in the language, making no CSRF token', async () => {
    const made = tokensMade;
    const answer = await server.inject({
      method: 'POST',
      url: '/es/hello/friend',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'to=there',
    });
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe('/es/hello/there');
    expect(tokensMade).toBe(made);
  });

  it('answers a door that refuses with the error mapping: sign in first, or the code’s page', async () => {
    const stranger = await server.inject({ url: '/es/hello/stranger' });
    expect(stranger.statusCode).toBe(303);
    expect(stranger.headers.location).toBe('/es/sign-in');
    const nobody = await server.inject({ url: '/hello/nobody' });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.body).toContain('data-error-code="PL_NOT_FOUND"');
  });
});
