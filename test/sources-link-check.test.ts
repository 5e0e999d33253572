import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { importFeed } from '../src/sources/import-feed.js';
import { checkLinks } from '../src/sources/link-check.js';
import { linkCheckJobKind, scheduleLinkCheck } from '../src/sources/refresh-jobs.js';
import { mgOnlineRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';
import { manualClock } from './support/manual-clock.js';
import { manualTimers } from './support/manual-timers.js';

/**
 * The link check against a local server that answers as broken links do: 404, HEAD refused,
 * a redirect into a private network, a server error, no answer at all. The clock is the test's;
 * the waits between requests to one host are recorded, never slept.
 */
describe('checking online meetings’ links and dial-ins', { timeout: 60_000 }, () => {
  let app: App;
  let server: Server;
  let origin: string;
  const sockets = new Set<Socket>();
  const clock = manualClock('2026-11-02T10:00:00.000Z');
  /** Each request as the server saw it, with the test clock's time. */
  let requests: { method: string; path: string; at: number }[];
  let sleeps: number[];
  /** The requests' time limits, which run out only when a test says so. */
  const timers = manualTimers();

  beforeEach(async () => {
    clock.set('2026-11-02T10:00:00.000Z');
    requests = [];
    sleeps = [];
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? '', path, at: clock.now().getTime() });
      // Never answers: its time limit runs out now, whatever the machine's speed.
      if (path === '/slow') return void timers.fire();
      if (path === '/no-head' && req.method === 'HEAD') return res.writeHead(405).end();
      if (path === '/gone') return res.writeHead(404).end('no such meeting');
      if (path === '/down') return res.writeHead(503).end();
      if (path === '/moved') return res.writeHead(301, { location: '/ok' }).end();
      if (path === '/sneaky')
        return res.writeHead(302, { location: 'http://10.0.0.7/admin' }).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>join</html>');
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = await createTestApp({}, { clock });
    const online = (slug: string, path: string, extra: Record<string, unknown> = {}) =>
      mgOnlineRow({ slug, name: `Online ${slug}`, conference_url: `${origin}${path}`, ...extra });
    await importFeed(app.importDeps, {
      source: 'online',
      location: 'test',
      rows: [
        online('fine', '/ok', { conference_phone: '+14135551212,,123#' }),
        online('fine-too', '/ok', { day: 3 }),
        online('gone', '/gone'),
        online('no-head', '/no-head'),
        online('slow', '/slow'),
        online('down', '/down'),
        online('moved', '/moved'),
        online('sneaky', '/sneaky'),
        mgOnlineRow({
          slug: 'private',
          name: 'Private',
          conference_url: 'http://192.168.1.20/zoom',
          conference_phone: '+1 012 555 1212',
        }),
      ],
    });
  });
  afterEach(async () => {
    await app.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const options = {
    allowLoopback: true,
    timeoutMs: 300,
    timers,
    hostIntervalMs: 2000,
    sleep: (ms: number) => {
      sleeps.push(ms);
      clock.advance(ms);
      return Promise.resolve();
    },
  };
  const detail = async (slug: string) =>
    (await app.server.inject({ url: `/api/v1/meetings/${slug}` })).json<{
      linkCheck?: {
        url?: { result: string; httpStatus?: number; detail?: string; checkedAt: string };
        phone?: { result: string };
      };
    }>();

  it('records what each link and dial-in looks like, politely, and hides nothing', async () => {
    const summary = await checkLinks({ repos: app.repos, clock }, options);
    expect(summary).toEqual({
      links: 8,
      phones: 2,
      results: { ok: 4, unreachable: 2, not_found: 1, invalid: 3 },
      deferred: 0,
    });
    const results = Object.fromEntries(
      await Promise.all(
        ['fine', 'fine-too', 'gone', 'no-head', 'slow', 'down', 'moved', 'sneaky', 'private'].map(
          async (slug) => [slug, (await detail(slug)).linkCheck?.url?.result],
        ),
      ),
    );
    expect(results).toEqual({
      fine: 'ok',
      'fine-too': 'ok',
      gone: 'not_found',
      'no-head': 'ok',
      slow: 'unreachable',
      down: 'unreachable',
      moved: 'ok',
      sneaky: 'invalid',
      private: 'invalid',
    });
    expect((await detail('gone')).linkCheck?.url).toMatchObject({ httpStatus: 404 });
    expect((await detail('fine')).linkCheck?.phone?.result).toBe('ok');
    expect((await detail('private')).linkCheck?.phone?.result).toBe('invalid');

    // One link shared by two meetings is asked once; HEAD first, GET only when HEAD is refused.
    expect(requests.filter((r) => r.path === '/ok' && r.method === 'HEAD')).toHaveLength(2);
    expect(requests.filter((r) => r.path === '/no-head').map((r) => r.method)).toEqual([
      'HEAD',
      'GET',
    ]);
    // A host that did not answer in time is not asked twice; nothing reached a private address.
    expect(requests.filter((r) => r.path === '/slow')).toHaveLength(1);
    // Never two requests to the host within the interval.
    for (let i = 1; i < requests.length; i++)
      expect(requests[i]!.at - requests[i - 1]!.at).toBeGreaterThanOrEqual(2000);
    expect(sleeps.length).toBe(requests.length - 1);

    // Nothing is hidden or removed because of a broken link.
    const listed = await app.server.inject({ url: '/api/v1/meetings?limit=50' });
    expect(listed.json<{ meetings: unknown[] }>().meetings).toHaveLength(9);
  });

  it('checks at most the cap per run, oldest first, and leaves recent checks alone', async () => {
    const first = await checkLinks({ repos: app.repos, clock }, { ...options, maxLinks: 3 });
    expect(first).toMatchObject({ links: 3, deferred: 5 });
    const second = await checkLinks({ repos: app.repos, clock }, { ...options, maxLinks: 10 });
    expect(second).toMatchObject({ links: 5, phones: 0, deferred: 0 });
    expect(await checkLinks({ repos: app.repos, clock }, options)).toMatchObject({ links: 0 });
    clock.advance(8 * 86_400_000);
    expect(await checkLinks({ repos: app.repos, clock }, options)).toMatchObject({
      links: 8,
      phones: 2,
    });
  });

  it('runs as a background job that only knocks on public hosts', async () => {
    await scheduleLinkCheck(app.importDeps, 86_400);
    expect(await app.jobs.runDue()).toEqual([]);
    clock.advance(86_400_000);
    const [run] = await app.jobs.runDue();
    expect(run?.job.kind).toBe(linkCheckJobKind);
    expect(run?.result.ok).toBe(true);
    // Without the tests' allowance, the loopback server is not a public host: nothing is asked.
    expect(requests).toEqual([]);
    expect((await detail('fine')).linkCheck?.url).toMatchObject({
      result: 'invalid',
      detail: 'not a public address',
    });
    await scheduleLinkCheck(app.importDeps, 0);
    expect(await app.repos.jobs.find(linkCheckJobKind, 'all')).toBeUndefined();
  });
});
