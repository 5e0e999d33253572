import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { refreshNow, registerSource } from '../src/sources/refresh-source.js';
import { mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';
import { isServerUrl, testDialects } from './support/databases.js';
import {
  answerConditionally,
  startFeedServer,
  type FeedServer,
  type VersionedFeed,
} from './support/feed-server.js';

/**
 * A server refreshes its sources on a thread of its own (decision 0145): the thread opens its own
 * connection, reads the feed from a real local server, writes and commits, and the server's
 * index follows from the changes it reports. The stores a second connection can open: a SQLite
 * file and a PostgreSQL server (PGlite and SQLite in memory live on one connection only).
 */
const stores = testDialects.flatMap(({ name, url }) => {
  if (isServerUrl(url)) return [{ name, url }];
  if (name !== 'sqlite') return [];
  return [
    { name: 'sqlite file', url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'thread-')), 'db')}` },
  ];
});

function rows(count: number, rename: Record<number, string> = {}, first = 0) {
  return Array.from({ length: count }, (_, k) => {
    const i = first + k;
    return mgRow({
      slug: `room-${i}`,
      name: rename[i] ?? `Room ${i}`,
      day: i % 7,
      time: `${String(8 + (i % 12)).padStart(2, '0')}:00`,
      latitude: 42.58 + i * 0.01,
    });
  });
}

describe.each(stores)(
  'refreshes on a thread of their own, on $name',
  { timeout: 120_000 },
  ({ url }) => {
    let app: App;
    let server: FeedServer;
    let upstream: VersionedFeed = { body: [] };

    beforeEach(async () => {
      server = await startFeedServer();
      server.respond((address, headers) => {
        if (address.pathname !== '/feed.json') return undefined;
        return answerConditionally(upstream, headers);
      });
      app = await createTestApp({ databaseUrl: url }, { refreshOnThread: true });
      await registerSource(app.importDeps, {
        name: 'county',
        location: `${server.origin}/feed.json`,
        format: 'meeting-guide',
        everySeconds: 3600,
      });
    });
    afterEach(async () => {
      await app.close();
      await server.close();
    });

    const search = async (q: string) =>
      (await app.server.inject({ url: `/api/v1/search?q=${q}&limit=50` })).json<{
        results: { name: string }[];
      }>().results;

    it('applies a refresh, then its changes, and the index follows each one', async () => {
      upstream = { etag: '"v1"', body: rows(12) };
      const first = await refreshNow(app.importDeps, app.jobs, 'county');
      expect(first).toMatchObject({ outcome: 'applied', added: 12, removed: 0 });
      expect(app.search.size).toBe(12);
      expect(await search('room')).toHaveLength(12);

      // Asked conditionally with the validators the thread stored: nothing read, nothing changed.
      const revision = await app.repos.revision.current();
      expect(await refreshNow(app.importDeps, app.jobs, 'county')).toMatchObject({
        outcome: 'not_modified',
      });
      expect(await app.repos.revision.current()).toBe(revision);

      upstream = {
        etag: '"v2"',
        body: [...rows(10, { 3: 'Room Three, upstairs' }), ...rows(1, {}, 20)],
      };
      const changed = await refreshNow(app.importDeps, app.jobs, 'county');
      expect(changed).toMatchObject({ outcome: 'applied', added: 1, updated: 1, removed: 2 });
      expect(app.search.indexRevision).toBe(await app.repos.revision.current());
      expect((await search('upstairs')).map((r) => r.name)).toEqual(['Room Three, upstairs']);
      expect(app.search.size).toBe(11);
      // The lease is given back: the job is not running, and runs again in an hour.
      const job = await app.repos.jobs.find(
        'refresh-source',
        (await app.repos.sources.findByName('county'))!.id,
      );
      expect(job).toMatchObject({ lastOutcome: 'applied', consecutiveFailures: 0 });
      expect(job?.lockedBy).toBeUndefined();
    });

    it('keeps the list when the feed fails, and holds a snapshot that would empty it', async () => {
      upstream = { body: rows(12) };
      await refreshNow(app.importDeps, app.jobs, 'county');

      server.respond(() => ({ kind: 'text', body: 'upstream exploded', status: 500 }));
      const failed = await refreshNow(app.importDeps, app.jobs, 'county');
      expect(failed).toMatchObject({ outcome: 'failed', error: { code: 'PL_FEED_HTTP_STATUS' } });
      expect(app.search.size).toBe(12);

      server.respond(() => ({ kind: 'json', body: rows(3) }));
      const held = await refreshNow(app.importDeps, app.jobs, 'county');
      expect(held).toMatchObject({
        outcome: 'held',
        removed: 9,
        error: { code: 'PL_SNAPSHOT_HELD' },
        held: { existing: 12, wouldRemove: 9, incoming: 3, snapshotKept: true },
      });
      expect(app.search.size).toBe(12);
    });
  },
);
