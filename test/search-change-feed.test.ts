import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App, type AppPorts } from '../src/app.js';
import { createOfflineGeocoder } from '../src/places/gazetteer.js';
import { loadConfig } from '../src/platform/config.js';
import { importFeed } from '../src/sources/import-feed.js';
import { withStore } from '../src/cli/context.js';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';
import { isolatedUrl } from './support/databases.js';

const geocoder = createOfflineGeocoder();
const apps: App[] = [];

async function appOn(databaseUrl: string, timing: AppPorts['searchTiming']): Promise<App> {
  const config = loadConfig({}, { databaseUrl, demo: false, publicUrl: 'https://m.example.org' });
  const app = await createApp(config, {
    logger: pino({ level: 'silent' }),
    geocoder,
    ...(timing !== undefined ? { searchTiming: timing } : {}),
  });
  apps.push(app);
  return app;
}

async function names(app: App, text: string): Promise<string[]> {
  const res = await app.server.inject({
    method: 'GET',
    url: `/api/v1/search?q=${encodeURIComponent(text)}&limit=50`,
  });
  expect(res.statusCode).toBe(200);
  return res
    .json<{ results: { name: string }[] }>()
    .results.map((r) => r.name)
    .sort();
}

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

describe('processes sharing one database keep their search indexes current', () => {
  it('on a SQLite file, by watching the revision counter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porchlight-feed-'));
    try {
      const url = `sqlite:${join(dir, 'shared.db')}`;
      const timing = { changePollMs: 20, gapGraceMs: 20 };
      const writer = await appOn(url, timing);
      const reader = await appOn(url, timing);
      await importFeed(writer.importDeps, {
        source: 'shared',
        location: 'test',
        rows: [mgRow({ slug: 's1', name: 'Shared Porch' }), mgOnlineRow({ slug: 's2' })],
      });
      expect(await names(writer, 'shared porch')).toEqual(['Shared Porch']);
      await vi.waitFor(
        async () => expect(await names(reader, 'shared porch')).toEqual(['Shared Porch']),
        {
          timeout: 5000,
          interval: 20,
        },
      );

      await importFeed(writer.importDeps, {
        source: 'shared',
        location: 'test',
        rows: [mgRow({ slug: 's1', name: 'Shared Lantern' })],
      });
      await vi.waitFor(
        async () => expect(await names(reader, 'shared')).toEqual(['Shared Lantern']),
        {
          timeout: 5000,
          interval: 20,
        },
      );
      expect(reader.search.status().revision).toBe(await reader.repos.revision.current());
      expect(reader.search.size).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(process.env.PORCHLIGHT_TEST_POSTGRES_URL === undefined)(
    'on PostgreSQL, a command-line import announces its change to the servers sharing the database',
    async () => {
      const url = await isolatedUrl(process.env.PORCHLIGHT_TEST_POSTGRES_URL!);
      // No poll to fall back on: only the command's notification can tell the server.
      const server = await appOn(url, { changePollMs: 600_000, gapGraceMs: 200 });
      const builds = server.search.status().builds;
      await withStore({ databaseUrl: url }, ({ importDeps }) =>
        importFeed(importDeps, {
          source: 'from-the-command-line',
          location: 'test',
          rows: [mgRow({ slug: 'c1', name: 'Command Line Porch' }), mgOnlineRow({ slug: 'c2' })],
        }),
      );
      await vi.waitFor(
        async () =>
          expect(await names(server, 'command line porch')).toEqual(['Command Line Porch']),
        { timeout: 5000, interval: 20 },
      );
      // Patched from the announced ids, not rebuilt from the store.
      expect(server.search.status().builds).toBe(builds);
    },
  );

  const serverUrl = process.env.PORCHLIGHT_TEST_POSTGRES_URL;
  it.skipIf(serverUrl === undefined)(
    'on PostgreSQL, through LISTEN/NOTIFY, patching rather than rebuilding, across a lost connection',
    async () => {
      const url = await isolatedUrl(serverUrl!);
      // The revision poll is slowed right down: only a notification can explain a change here.
      const timing = { changePollMs: 600_000, gapGraceMs: 200 };
      const writer = await appOn(url, timing);
      const reader = await appOn(url, timing);
      const builds = reader.search.status().builds;

      await importFeed(writer.importDeps, {
        source: 'shared',
        location: 'test',
        rows: [mgRow({ slug: 's1', name: 'Shared Porch' }), mgOnlineRow({ slug: 's2' })],
      });
      await vi.waitFor(
        async () => expect(await names(reader, 'shared porch')).toEqual(['Shared Porch']),
        {
          timeout: 5000,
          interval: 20,
        },
      );
      expect(reader.search.status()).toMatchObject({ builds, revision: 1 });

      // A change of many meetings travels in several notifications, reassembled. They meet at
      // another hour than the first source's room, so none of them is merged as its duplicate.
      const many = Array.from({ length: 400 }, (_, i) =>
        mgRow({ slug: `many-${i}`, name: `Many ${i}`, time: '06:45' }),
      );
      await importFeed(writer.importDeps, { source: 'bulk', location: 'test', rows: many });
      await vi.waitFor(() => expect(reader.search.status().revision).toBe(2), { timeout: 5000 });
      expect(reader.search.status().builds).toBe(builds);
      expect(reader.search.size).toBe(402);

      // Cut one process's listening connection: it reconnects, and both see the next change.
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        const listeners = async () =>
          (
            await admin.query<{ pid: number }>(
              `select pid from pg_stat_activity where query like 'listen "porchlight_changes_%' and query like $1`,
              [`%${new URL(url).searchParams.get('options')!.split('=').pop()!}%`],
            )
          ).rows.map((r) => r.pid);
        const before = await listeners();
        expect(before).toHaveLength(2);
        const cut = before.slice(0, 1);
        await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [cut]);
        await vi.waitFor(
          async () => {
            const now = await listeners();
            expect(now).toHaveLength(2);
            expect(now).not.toContain(cut[0]);
          },
          { timeout: 10_000, interval: 50 },
        );
      } finally {
        await admin.end();
      }
      await importFeed(writer.importDeps, {
        source: 'shared',
        location: 'test',
        rows: [mgRow({ slug: 's1', name: 'Shared Lantern' })],
      });
      for (const app of [writer, reader]) {
        await vi.waitFor(
          async () => expect(await names(app, 'shared')).toEqual(['Shared Lantern']),
          {
            timeout: 5000,
            interval: 20,
          },
        );
        expect(app.search.status().revision).toBe(3);
      }
    },
    30_000,
  );
});
