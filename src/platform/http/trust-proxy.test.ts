import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createHttpServer } from './server.js';

/** Who a request comes from, as rate limits count it: the proxy's word only when it is trusted. */
async function ipSeen(trustProxy: string | undefined, remoteAddress: string): Promise<string> {
  const server = await createHttpServer(
    pino({ level: 'silent' }),
    'test',
    trustProxy === undefined ? {} : { trustProxy },
  );
  server.get('/who', (request) => ({ ip: request.ip }));
  try {
    const answer = await server.inject({
      url: '/who',
      remoteAddress,
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    return answer.json<{ ip: string }>().ip;
  } finally {
    await server.close();
  }
}

describe('TRUST_PROXY', () => {
  it('believes X-Forwarded-For from a trusted proxy only', async () => {
    expect(await ipSeen(undefined, '127.0.0.1')).toBe('127.0.0.1');
    expect(await ipSeen('loopback', '127.0.0.1')).toBe('198.51.100.7');
    // A client that sends the header itself, from outside, is not believed.
    expect(await ipSeen('loopback', '203.0.113.4')).toBe('203.0.113.4');
    expect(await ipSeen('10.0.0.0/8', '10.1.2.3')).toBe('198.51.100.7');
  });
});
