import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { createOfflineGeocoder } from '../src/places/gazetteer.js';
import { loadConfig } from '../src/platform/config.js';
import { importFeed } from '../src/sources/import-feed.js';
import { mgRow } from './factories/meeting-guide.js';
import { isolatedUrl } from './support/databases.js';
import { postgresBinaries, startReplica, type Replica } from './support/replica.js';

const primaryUrl = process.env.PORCHLIGHT_TEST_POSTGRES_URL;
const bin = postgresBinaries();
// Skipped only without a PostgreSQL server to copy, or without its programs to run a copy.
const skip =
  primaryUrl === undefined
    ? 'no PORCHLIGHT_TEST_POSTGRES_URL'
    : bin === undefined
      ? 'no PostgreSQL programs (pg_basebackup, pg_ctl) on this machine'
      : undefined;
if (skip !== undefined) console.warn(`read replica tests skipped: ${skip}`);

describe.skipIf(skip !== undefined)('DATABASE_READ_URL: a streaming replica', () => {
  let replica: Replica;
  let app: App;
  let url: string;

  beforeAll(async () => {
    replica = await startReplica(primaryUrl!, bin!);
    url = await isolatedUrl(primaryUrl!);
    await replica.caughtUp();
    const config = loadConfig(
      {},
      {
        databaseUrl: url,
        databaseReadUrl: replica.urlFor(url),
        demo: false,
        publicUrl: 'https://m.example.org',
      },
    );
    app = await createApp(config, {
      logger: pino({ level: 'silent' }),
      geocoder: createOfflineGeocoder(),
      processMetrics: false,
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    replica?.stop({ remove: true });
  });

  const feedSlugs = async () => {
    const res = await app.server.inject({ method: 'GET', url: '/meeting-guide.json' });
    expect(res.statusCode).toBe(200);
    return res.json<{ slug: string }[]>().map((row) => row.slug);
  };
  const searchSlugs = async () => {
    const res = await app.server.inject({ method: 'GET', url: '/api/v1/search?near=01301' });
    expect(res.statusCode).toBe(200);
    return res.json<{ results: { slug: string }[] }>().results.map((r) => r.slug);
  };
  const replicaLag = async () => {
    const res = await app.server.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    return /^porchlight_replica_lag_revisions (\d+)$/m.exec(res.body)?.[1];
  };
  const importRows = (slugs: string[]) =>
    importFeed(app.importDeps, {
      source: 'replicated',
      location: 'test',
      rows: slugs.map((slug, i) => mgRow({ slug, name: `Replicated ${slug}`, time: `1${i}:00` })),
    });

  it('serves the feed from the replica, and the search and writes from the primary', async () => {
    await importRows(['first']);
    await replica.caughtUp();
    expect(await feedSlugs()).toEqual(['first']);

    // With the replica held back, a write is searchable at once (the index and the primary),
    // while the exported feed still shows what the replica has: it was read there.
    await replica.pauseReplay();
    await importRows(['first', 'second']);
    expect((await searchSlugs()).sort()).toEqual(['first', 'second']);
    expect(await feedSlugs()).toEqual(['first']);
    expect(await replicaLag()).toBe('1');

    await replica.resumeReplay();
    await vi.waitFor(async () => expect(await feedSlugs()).toEqual(['first', 'second']), {
      timeout: 10_000,
      interval: 50,
    });
    expect(await replicaLag()).toBe('0');
  });

  it('reads the primary while the replica is down', async () => {
    await importRows(['first', 'second', 'third']);
    replica.stop();
    expect(await feedSlugs()).toEqual(['first', 'second', 'third']);
    const ready = await app.server.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
  });
});
