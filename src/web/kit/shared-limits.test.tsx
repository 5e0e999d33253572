import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../platform/http/server.js';
import { openLimitStore } from '../../platform/http/shared-limits.js';
import { registerPageScope } from './page-scope.js';

/**
 * Two instances behind one name share their limits through Redis: a client gets the limit once,
 * not once per instance. The local Redis (6379) stands in for the operator's.
 */
const redisUrl = process.env.PORCHLIGHT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const store = openLimitStore(redisUrl, () => undefined);
const servers: HttpServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
  await store.quit();
});

async function instance(action: string): Promise<HttpServer> {
  const server = await createHttpServer(pino({ level: 'silent' }), 'test', { limitStore: store });
  registerPageScope(server, { publicUrl: 'http://localhost:8080' }, (scope, kit) => {
    const look = kit.limit(action, { max: 3, timeWindowMs: 60_000 });
    scope.get('/look', { onRequest: look }, (request, reply) =>
      kit.send(reply, kit.ctxOf(request), <p>looked</p>),
    );
  });
  await server.ready();
  servers.push(server);
  return server;
}

describe('limits shared through Redis', () => {
  it('counts an action once for every instance, and each client apart', async () => {
    const action = `look-${randomBytes(4).toString('hex')}`;
    const [a, b] = [await instance(action), await instance(action)];
    const from = (server: HttpServer, remoteAddress: string, path = '/look') =>
      server.inject({ url: path, remoteAddress }).then((r) => r.statusCode);
    const seen = [];
    for (const server of [a, b, a, b]) seen.push(await from(server, '192.0.2.10'));
    expect(seen).toEqual([200, 200, 200, 429]);
    // Every language prefix is the same action; another client has its own count.
    expect(await from(b, '192.0.2.10', '/es/look')).toBe(429);
    expect(await from(b, '192.0.2.11', '/es/look')).toBe(200);
  });
});
