import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { isPorchlightError } from '../src/platform/errors.js';
import {
  approveHeld,
  refreshNow,
  registerSource,
  rejectHeld,
} from '../src/sources/refresh-source.js';
import { mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';
import {
  answerConditionally,
  startFeedServer,
  type FeedBehaviour,
  type FeedServer,
} from './support/feed-server.js';
import { manualClock } from './support/manual-clock.js';
import { manualTimers } from './support/manual-timers.js';

/**
 * Sources that refresh themselves, end to end: a local server plays an upstream feed that
 * answers, changes, says "not modified", and misbehaves on purpose; the real job runner, with a
 * clock the test moves, refreshes it into a real database. Nothing waits on the wall clock: a read's
 * time limit and a lease's heartbeat are timers the test fires, so a slow machine changes nothing.
 */
const hour = 3_600_000;

/** A feed of `count` rooms in Greenfield, each on its own corner and hour. */
function rows(count: number, rename: Record<number, string> = {}) {
  return Array.from({ length: count }, (_, i) =>
    mgRow({
      slug: `room-${i}`,
      name: rename[i] ?? `Room ${i}`,
      day: i % 7,
      time: `${String(8 + (i % 12)).padStart(2, '0')}:00`,
      latitude: 42.58 + i * 0.01,
    }),
  );
}

describe('refreshing sources in the background', { timeout: 60_000 }, () => {
  let app: App;
  let server: FeedServer;
  const clock = manualClock('2026-11-02T10:00:00.000Z');
  const timers = manualTimers(clock);
  /** What the upstream serves now, by ETag; `undefined` ETag: no validators. */
  let upstream: { etag?: string; body: unknown[] } | FeedBehaviour;

  beforeEach(async () => {
    clock.set('2026-11-02T10:00:00.000Z');
    server = await startFeedServer();
    server.respond((url, headers) => {
      if (url.pathname !== '/feed.json') return undefined;
      if ('kind' in upstream) {
        // A stalled server: the read's time limit runs out now, however fast the machine is.
        if (upstream.kind === 'hang') void timers.fire();
        return upstream;
      }
      return answerConditionally(upstream, headers);
    });
    app = await createTestApp({}, { clock, timers });
  });
  afterEach(async () => {
    await app.close();
    await server.close();
  });

  const register = (name = 'county', everySeconds = 3600) =>
    registerSource(app.importDeps, {
      name,
      location: `${server.origin}/feed.json`,
      format: 'meeting-guide',
      everySeconds,
    });
  const status = async (name = 'county') =>
    (await app.server.inject({ url: `/api/v1/sources/${name}` })).json<{
      meetingCount: number;
      lastImportAt?: string;
      lastReport?: { outcome: string; error?: { code: string }; removed: number };
      refresh?: {
        every?: string;
        nextRunAt?: string;
        lastOutcome?: string;
        consecutiveFailures: number;
        lastError?: { code: string };
        running: boolean;
      };
      held?: { existing: number; wouldRemove: number; incoming: number; snapshotKept: boolean };
    }>();
  const waitUntilNext = async (name = 'county') =>
    Date.parse((await status(name)).refresh!.nextRunAt!) - clock.now().getTime();

  it('refreshes on schedule, asks conditionally, and a 304 changes nothing', async () => {
    upstream = { etag: '"v1"', body: rows(4) };
    await register();
    expect(await app.jobs.runDue()).toHaveLength(1);
    let source = await status();
    expect(source).toMatchObject({
      meetingCount: 4,
      lastReport: { outcome: 'applied' },
      refresh: { every: '1h', lastOutcome: 'applied', consecutiveFailures: 0, running: false },
    });
    expect(await waitUntilNext()).toBe(hour);
    // Not due yet: nothing is asked.
    expect(await app.jobs.runDue()).toEqual([]);
    expect(server.requests).toHaveLength(1);

    clock.advance(hour);
    const revision = await app.repos.revision.current();
    const [run] = await app.jobs.runDue();
    expect(run?.result.outcome).toBe('not_modified');
    expect(server.requests).toHaveLength(2);
    expect(await app.repos.revision.current()).toBe(revision);
    source = await status();
    expect(source.lastReport?.outcome).toBe('not_modified');
    expect(source.lastImportAt).toBe(clock.now().toISOString());

    upstream = { etag: '"v2"', body: rows(4, { 2: 'Room Two, moved upstairs' }) };
    clock.advance(hour);
    const [changed] = await app.jobs.runDue();
    expect(changed?.result.outcome).toBe('applied');
    expect((await status()).lastReport).toMatchObject({ outcome: 'applied', removed: 0 });
    const found = await app.server.inject({ url: '/api/v1/search?q=upstairs&limit=5' });
    expect(found.json<{ results: unknown[] }>().results).toHaveLength(1);
  });

  it('keeps the meetings when the source fails, records why and backs off, then recovers', async () => {
    upstream = { body: rows(4) };
    await register('county', 4 * 3600);
    await app.jobs.runDue();
    const failures: [FeedBehaviour, string][] = [
      [{ kind: 'text', body: 'upstream exploded', status: 500 }, 'PL_FEED_HTTP_STATUS'],
      [{ kind: 'truncate', body: JSON.stringify(rows(4)), keep: 100 }, 'PL_FEED_TRUNCATED'],
      [{ kind: 'hang' }, 'PL_FEED_TIMEOUT'],
      [
        { kind: 'text', body: '<html>maintenance</html>', contentType: 'text/html' },
        'PL_FEED_NOT_JSON',
      ],
    ];
    let previousWait = 0;
    for (const [i, [behaviour, code]] of failures.entries()) {
      clock.advance(previousWait === 0 ? 4 * hour : previousWait);
      upstream = behaviour;
      const [run] = await app.jobs.runDue();
      expect(run?.result).toMatchObject({ ok: false, error: { code } });
      const source = await status();
      expect(source.meetingCount).toBe(4);
      expect(source.lastReport).toMatchObject({ outcome: 'failed', error: { code } });
      expect(source.refresh).toMatchObject({ consecutiveFailures: i + 1, lastError: { code } });
      const wait = await waitUntilNext();
      // Doubling from a minute, with jitter: each wait starts where the previous range ended.
      expect(wait).toBeGreaterThanOrEqual(30_000 * 2 ** i);
      expect(wait).toBeLessThanOrEqual(60_000 * 2 ** i);
      expect(wait).toBeGreaterThanOrEqual(previousWait);
      previousWait = wait;
    }
    const search = await app.server.inject({ url: '/api/v1/search?q=room&limit=10' });
    expect(search.json<{ results: unknown[] }>().results).toHaveLength(4);

    upstream = { body: rows(5) };
    clock.advance(previousWait);
    const [recovered] = await app.jobs.runDue();
    expect(recovered?.result.outcome).toBe('applied');
    expect(await status()).toMatchObject({ meetingCount: 5, refresh: { consecutiveFailures: 0 } });
    expect(await waitUntilNext()).toBe(4 * hour);
  });

  it('holds a snapshot that would remove more than half of the meetings, until a person decides', async () => {
    upstream = { body: rows(12) };
    await register();
    await app.jobs.runDue();
    upstream = { body: rows(12).slice(0, 3) };
    clock.advance(hour);
    const [held] = await app.jobs.runDue();
    expect(held?.result).toMatchObject({ ok: true, outcome: 'held' });
    let source = await status();
    expect(source).toMatchObject({
      meetingCount: 12,
      lastReport: { outcome: 'held', removed: 9, error: { code: 'PL_SNAPSHOT_HELD' } },
      held: { existing: 12, wouldRemove: 9, incoming: 3, snapshotKept: true },
      refresh: { consecutiveFailures: 0 },
    });
    const search = await app.server.inject({ url: '/api/v1/search?q=room&limit=20' });
    expect(search.json<{ results: unknown[] }>().results).toHaveLength(12);

    await rejectHeld(app.importDeps, 'county');
    source = await status();
    expect(source.held).toBeUndefined();
    expect(source.meetingCount).toBe(12);
    await expect(rejectHeld(app.importDeps, 'county')).rejects.toMatchObject({
      code: 'PL_NOTHING_HELD',
    });

    // The upstream still serves the short list: held again, and this time approved.
    clock.advance(hour);
    await app.jobs.runDue();
    expect((await status()).held).toMatchObject({ wouldRemove: 9 });
    upstream = { kind: 'text', body: 'gone', status: 503 };
    const report = await approveHeld(app.importDeps, 'county');
    expect(report).toMatchObject({ outcome: 'applied', removed: 9 });
    source = await status();
    expect(source.meetingCount).toBe(3);
    expect(source.held).toBeUndefined();
    const after = await app.server.inject({ url: '/api/v1/search?q=room&limit=20' });
    expect(after.json<{ results: unknown[] }>().results).toHaveLength(3);
  });

  it('applies a large removal from a small source, and a good snapshot drops an old hold', async () => {
    upstream = { body: rows(8) };
    await register();
    await app.jobs.runDue();
    upstream = { body: rows(8).slice(0, 1) };
    clock.advance(hour);
    await app.jobs.runDue();
    expect(await status()).toMatchObject({ meetingCount: 1, lastReport: { outcome: 'applied' } });

    upstream = { body: rows(20) };
    clock.advance(hour);
    await app.jobs.runDue();
    upstream = { body: rows(2) };
    clock.advance(hour);
    await app.jobs.runDue();
    expect((await status()).held).toBeDefined();
    upstream = { body: rows(19) };
    clock.advance(hour);
    await app.jobs.runDue();
    expect(await status()).toMatchObject({ meetingCount: 19, lastReport: { outcome: 'applied' } });
    expect((await status()).held).toBeUndefined();
  });

  it('refreshes on request, and refuses sources it cannot read again', async () => {
    upstream = { body: rows(2) };
    await register('county');
    const report = await refreshNow(app.importDeps, app.jobs, 'county');
    expect(report).toMatchObject({ outcome: 'applied', added: 2 });
    await expect(refreshNow(app.importDeps, app.jobs, 'nowhere')).rejects.toMatchObject({
      code: 'PL_SOURCE_NOT_FOUND',
    });
    await expect(
      registerSource(app.importDeps, {
        name: 'Bad Name',
        location: 'x',
        format: 'csv',
      }),
    ).rejects.toMatchObject({ code: 'PL_INVALID_SOURCE_NAME' });
    const listed = await app.server.inject({ url: '/api/v1/sources' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ sources: { name: string }[] }>().sources.map((s) => s.name)).toEqual([
      'county',
    ]);
  });
});

describe('two processes sharing one database', { timeout: 60_000 }, () => {
  let server: FeedServer;
  let a: App;
  let b: App;
  const clock = manualClock('2026-11-02T10:00:00.000Z');
  const aTimers = manualTimers(clock);
  const bTimers = manualTimers(clock);
  /** Resolves when the upstream has been asked `count` times in all. */
  let asked: (count: number) => Promise<void>;

  beforeEach(async () => {
    server = await startFeedServer();
    const waiters: { count: number; resolve: () => void }[] = [];
    asked = (count) =>
      new Promise((resolve) => {
        if (server.requests.length >= count) resolve();
        else waiters.push({ count, resolve });
      });
    // The first read stalls; later ones answer.
    server.respond(() => {
      const count = server.requests.length;
      for (const w of waiters.filter((w) => w.count <= count)) w.resolve();
      return count === 1 ? { kind: 'hang' } : { kind: 'json', body: rows(2) };
    });
    const databaseUrl = `sqlite:${join(mkdtempSync(join(tmpdir(), 'porchlight-lease-')), 'db.sqlite')}`;
    // A read may take an hour here, so the holder's work outlasts many leases.
    a = await createTestApp({ databaseUrl, feedTimeoutMs: 3_600_000 }, { clock, timers: aTimers });
    b = await createTestApp({ databaseUrl, feedTimeoutMs: 3_600_000 }, { clock, timers: bTimers });
    await registerSource(a.importDeps, {
      name: 'slow',
      location: `${server.origin}/feed.json`,
      format: 'meeting-guide',
      everySeconds: 3600,
    });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await server.close();
  });

  const busy = async () => {
    const error = await refreshNow(b.importDeps, b.jobs, 'slow').catch((e: unknown) => e);
    return isPorchlightError(error) && error.code;
  };

  it('never refresh the same source at once, however long the holder works', async () => {
    const first = a.jobs.runDue();
    await asked(1);
    // a's read hangs for twenty minutes; its heartbeat keeps the lease all along.
    for (let i = 0; i < 40; i++) {
      await aTimers.advance(30_000);
      expect(await b.jobs.runDue()).toEqual([]);
      expect(await busy()).toBe('PL_SOURCE_BUSY');
    }
    // The read's time limit runs out at last.
    await aTimers.fire();
    const [run] = await first;
    expect(run?.result.error?.code).toBe('PL_FEED_TIMEOUT');
    expect(server.requests).toHaveLength(1);
    // Released: b runs it when it is due again.
    clock.advance(10 * 60_000);
    expect(await b.jobs.runDue()).toHaveLength(1);
  });

  it('take over the refresh of a process that died mid-refresh, within a minute', async () => {
    const dead = a.jobs.runDue();
    await asked(1);
    // a stops renewing its lease (its timers do not fire, as after `kill -9`).
    clock.advance(30_000);
    expect(await busy()).toBe('PL_SOURCE_BUSY');
    clock.advance(31_000);
    const report = await refreshNow(b.importDeps, b.jobs, 'slow');
    expect(report).toMatchObject({ outcome: 'applied', added: 2 });
    const source = (await b.repos.sources.findByName('slow'))!;
    expect(await b.repos.jobs.find('refresh-source', source.id)).toMatchObject({
      lastOutcome: 'applied',
      consecutiveFailures: 0,
    });
    // (Here the stalled read ends, so the test can close a; a dead process never gets this far.)
    await aTimers.fire();
    await dead;
  });
});
