import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createTestApp } from './support/app.js';

/** /metrics and /readyz through the real server: who may read, what is counted, what is not. */
let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('/metrics', () => {
  it('counts requests by route pattern, never by what was asked, and reads the store gauges', async () => {
    app = await createTestApp({ demo: true });
    await app.server.inject('/api/v1/search?near=01301&radius=30');
    await app.server.inject('/api/v1/search?near=01370&radius=10');
    await app.server.inject('/meetings/no-such-meeting-anywhere');
    await app.server.inject('/a/path/that/does/not/exist?email=someone@example.org');
    const scrape = await app.server.inject('/metrics');
    expect(scrape.statusCode).toBe(200);
    expect(scrape.headers['content-type']).toContain('text/plain');
    expect(scrape.headers['cache-control']).toBe('no-store');
    const text = scrape.body;
    expect(text).toContain(
      'porchlight_http_requests_total{method="GET",route="/api/v1/search",status="200"} 2',
    );
    expect(text).toMatch(
      /porchlight_http_requests_total\{method="GET",route="\/meetings\/:slug",status="404"\} 1/,
    );
    expect(text).toMatch(/route="unmatched",status="404"\} 1/);
    expect(text).toMatch(
      /porchlight_http_request_duration_seconds_bucket\{le="[0-9.]+",method="GET",route="\/api\/v1\/search"\}/,
    );
    // Nothing a person typed or is: no place asked for, no slug, no address.
    for (const secret of [
      '01301',
      '01370',
      'no-such-meeting',
      'someone@example.org',
      'example.org',
    ])
      expect(text).not.toContain(secret);
    const meetings = /porchlight_search_index_meetings (\d+)/.exec(text)?.[1];
    expect(Number(meetings)).toBeGreaterThan(100);
    expect(text).toContain('porchlight_search_index_lag_revisions 0');
    expect(text).toMatch(/porchlight_deliveries\{state="dead"\} 0/);
    expect(text).toMatch(/porchlight_jobs\{state="due"\} \d+/);
    expect(text).toContain('porchlight_process_resident_memory_bytes');
  });

  it('answers only on the loopback without a proxy, or to the configured bearer token', async () => {
    app = await createTestApp();
    const proxied = await app.server.inject({
      url: '/metrics',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(proxied.statusCode).toBe(404);
    expect(proxied.json()).toMatchObject({ error: { code: 'PL_NOT_FOUND' } });
    const remote = await app.server.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(404);
    await app.close();

    app = await createTestApp({ metricsToken: 'a-long-random-scrape-token' });
    expect((await app.server.inject('/metrics')).statusCode).toBe(404);
    const wrong = await app.server.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer another-token-of-same-size' },
    });
    expect(wrong.statusCode).toBe(404);
    const right = await app.server.inject({
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: 'Bearer a-long-random-scrape-token' },
    });
    expect(right.statusCode).toBe(200);
  });
});

describe('/readyz', () => {
  it('is ready with a built index and a database that answers, and not once the database is gone', async () => {
    app = await createTestApp();
    expect((await app.server.inject('/readyz')).json()).toEqual({ status: 'ready' });
    await app.database.close();
    const gone = await app.server.inject('/readyz');
    expect(gone.statusCode).toBe(503);
    expect(gone.json()).toEqual({
      error: { code: 'PL_NOT_READY', message: 'The database does not answer.' },
    });
    expect((await app.server.inject('/healthz')).statusCode).toBe(200);
  });
});
