import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mgOnlineRow, mgRow } from '../../test/factories/meeting-guide.js';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import { fixedClock } from '../platform/clock.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { createRepositories, type Repositories } from '../repositories.js';
import { importFeed, type ImportDeps } from './import-feed.js';

const dir = mkdtempSync(join(tmpdir(), 'porchlight-import-'));
let fileCounter = 0;
function feedFile(content: unknown): string {
  const path = join(dir, `feed-${fileCounter++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const feed = [
  mgRow(),
  mgOnlineRow(),
  mgRow({
    name: 'Colrain Noon',
    slug: 'colrain-noon',
    day: [1, 3, 5],
    time: '12:00',
    formatted_address: '2 Main Rd, Colrain, MA 01340, USA',
    latitude: 42.67,
    longitude: -72.69,
  }),
];

describe.each(testDialects)('importFeed on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let repos: Repositories;
  let deps: ImportDeps;
  let changes: number[];

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    repos = createRepositories(handle.db);
    changes = [];
    deps = {
      repos,
      clock: fixedClock('2026-11-01T12:00:00Z'),
      limits: { maxBytes: 1_000_000, timeoutMs: 2_000 },
      onChange: (change) => {
        changes.push(change.revision);
      },
    };
  });
  afterEach(async () => handle.close());

  const snapshot = async () =>
    (await repos.meetings.all()).map((m) => ({
      id: m.id,
      slug: m.slug,
      name: m.name,
      updatedAt: m.updatedAt,
      schedule: m.schedule,
    }));

  it('imports a feed into a new source and reports what it did', async () => {
    const report = await importFeed(deps, { source: 'franklin', location: feedFile(feed) });
    expect(report).toMatchObject({
      outcome: 'applied',
      rowCount: 3,
      added: 3,
      updated: 0,
      removed: 0,
      skipped: 0,
      errorCount: 0,
    });
    const meetings = await repos.meetings.all();
    expect(meetings.map((m) => m.slug)).toEqual([
      'colrain-noon',
      'greenfield-big-book',
      'hilltowns-online',
    ]);
    const source = await repos.sources.findByName('franklin');
    expect(source).toMatchObject({
      program: 'aa',
      format: 'meeting-guide',
      lastImportAt: '2026-11-01T12:00:00.000Z',
    });
    expect(source!.lastReport).toEqual(report);
    expect(changes).toEqual([1]);
    const colrain = await repos.meetings.findBySlug('colrain-noon');
    expect(colrain!.schedule).toHaveLength(3);
    expect(colrain!.timeZone).toBe('America/New_York');
  });

  it('changes nothing when the same feed is imported again', async () => {
    const location = feedFile(feed);
    await importFeed(deps, { source: 'franklin', location });
    const before = await snapshot();
    deps.clock = fixedClock('2026-11-02T12:00:00Z');
    const report = await importFeed(deps, { source: 'franklin', location });
    expect(report).toMatchObject({
      outcome: 'unchanged',
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 3,
    });
    expect(await snapshot()).toEqual(before);
    expect(await repos.revision.current()).toBe(1);
    expect(changes).toEqual([1]);
  });

  it('applies only the differences and keeps ids and slugs', async () => {
    await importFeed(deps, { source: 'franklin', location: feedFile(feed) });
    const before = new Map((await snapshot()).map((m) => [m.slug, m]));
    deps.clock = fixedClock('2026-11-02T12:00:00Z');
    const changed = [
      mgRow({ name: 'Greenfield Big Book (new room)', location: 'Parish Hall' }),
      mgRow({
        name: 'Turners Falls Step',
        slug: 'turners-step',
        formatted_address: '5 Ave A, Turners Falls, MA 01376, USA',
      }),
      feed[2],
    ];
    const report = await importFeed(deps, { source: 'franklin', location: feedFile(changed) });
    expect(report).toMatchObject({
      outcome: 'applied',
      added: 1,
      updated: 1,
      removed: 1,
      unchanged: 1,
    });
    const after = new Map((await snapshot()).map((m) => [m.slug, m]));
    expect(after.get('greenfield-big-book')).toMatchObject({
      id: before.get('greenfield-big-book')!.id,
      name: 'Greenfield Big Book (new room)',
      updatedAt: '2026-11-02T12:00:00.000Z',
    });
    expect(after.get('colrain-noon')).toEqual(before.get('colrain-noon'));
    expect(after.has('hilltowns-online')).toBe(false);
    expect(after.has('turners-step')).toBe(true);
  });

  it('imports the valid rows and reports each problem with its row, slug, field and code', async () => {
    const rows = [
      mgRow(),
      mgRow({ slug: 'bad-day', day: 9 }),
      mgRow(),
      { name: 'No slug' },
      'not a row',
      mgOnlineRow({ conference_url: 'javascript:alert(1)' }),
    ];
    const report = await importFeed(deps, { source: 'franklin', location: feedFile(rows) });
    expect(report).toMatchObject({
      outcome: 'applied',
      rowCount: 6,
      added: 2,
      skipped: 4,
      errorCount: 4,
      warningCount: 1,
    });
    expect(report.problems.map((p) => [p.index, p.slug, p.field, p.code])).toEqual([
      [1, 'bad-day', 'day', 'PL_INVALID_DAY'],
      [2, 'greenfield-big-book', 'slug', 'PL_DUPLICATE_SLUG'],
      [3, undefined, 'slug', 'PL_MISSING_SLUG'],
      [4, undefined, undefined, 'PL_ROW_NOT_OBJECT'],
      [5, 'hilltowns-online', 'conference_url', 'PL_UNSAFE_URL'],
    ]);
  });

  it('imports nothing in strict mode when a row has an error, keeping the previous data', async () => {
    await importFeed(deps, { source: 'franklin', location: feedFile(feed) });
    const before = await snapshot();
    const report = await importFeed(deps, {
      source: 'franklin',
      location: feedFile([mgRow({ name: 'Renamed' }), mgRow({ slug: 'x', time: '31:00' })]),
      strict: true,
    });
    expect(report).toMatchObject({
      outcome: 'rejected',
      added: 0,
      updated: 0,
      removed: 0,
      errorCount: 1,
      error: { code: 'PL_IMPORT_STRICT_FAILED' },
    });
    expect(await snapshot()).toEqual(before);
    expect((await repos.sources.findByName('franklin'))!.lastReport!.outcome).toBe('rejected');
  });

  it('reports a feed that cannot be read and leaves the previous data untouched', async () => {
    await importFeed(deps, { source: 'franklin', location: feedFile(feed) });
    const before = await snapshot();
    for (const [content, code] of [
      ['{"not": "json"', 'PL_FEED_NOT_JSON'],
      ['{"meetings": []}', 'PL_FEED_NOT_ARRAY'],
      ['x'.repeat(1_000_001), 'PL_FEED_TOO_LARGE'],
    ] as const) {
      const report = await importFeed(deps, { source: 'franklin', location: feedFile(content) });
      expect(report).toMatchObject({ outcome: 'failed', error: { code } });
    }
    const missing = await importFeed(deps, {
      source: 'franklin',
      location: join(dir, 'nope.json'),
    });
    expect(missing.error?.code).toBe('PL_FEED_UNREADABLE');
    expect(await snapshot()).toEqual(before);
  });

  it('rolls the whole import back when storage fails half-way', async () => {
    await importFeed(deps, { source: 'franklin', location: feedFile(feed) });
    const before = await snapshot();
    const failing: ImportDeps = {
      ...deps,
      repos: {
        ...repos,
        transaction: (work) =>
          repos.transaction((inner) => {
            inner.meetings.remove = () => Promise.reject(new Error('disk full'));
            return work(inner);
          }),
      },
    };
    const changed = [mgRow({ name: 'Changed' }), mgRow({ slug: 'new-one', name: 'New one' })];
    await expect(
      importFeed(failing, { source: 'franklin', location: feedFile(changed) }),
    ).rejects.toThrow('disk full');
    expect(await snapshot()).toEqual(before);
  });

  it('keeps slugs unique across sources and stable across refreshes', async () => {
    await importFeed(deps, { source: 'franklin', location: feedFile([mgRow()]) });
    const location = feedFile([mgRow({ name: 'Other list, same slug' })]);
    await importFeed(deps, { source: 'hampshire', location });
    await importFeed(deps, {
      source: 'hampshire',
      location: feedFile([mgRow({ name: 'Renamed' })]),
    });
    const slugs = (await repos.meetings.all()).map((m) => [m.slug, m.name]);
    expect(slugs).toEqual([
      ['greenfield-big-book', 'Greenfield Big Book'],
      ['greenfield-big-book-2', 'Renamed'],
    ]);
  });

  it('gives distinct slugs to rows whose source slugs read alike', async () => {
    await importFeed(deps, {
      source: 'franklin',
      location: feedFile([
        mgRow({ slug: 'Step-Study' }),
        mgRow({ slug: 'step study!' }),
        mgRow({ slug: 'step_study' }),
      ]),
    });
    expect((await repos.meetings.all()).map((m) => m.slug)).toEqual([
      'step-study',
      'step-study-2',
      'step-study-3',
    ]);
  });

  it('refuses bad source names and unknown programs', async () => {
    await expect(
      importFeed(deps, { source: 'Bad Name!', location: feedFile(feed) }),
    ).rejects.toMatchObject({ code: 'PL_INVALID_SOURCE_NAME' });
    await expect(
      importFeed(deps, { source: 'ok', program: 'xx', location: feedFile(feed) }),
    ).rejects.toMatchObject({ code: 'PL_UNKNOWN_PROGRAM' });
  });

  it('reads types in the source’s program and uses its default time zone', async () => {
    const rows = [mgRow({ types: ['Y', 'POA'], latitude: undefined, longitude: undefined })];
    await importFeed(deps, {
      source: 'al-anon',
      program: 'al-anon',
      timeZone: 'America/Chicago',
      location: feedFile(rows),
    });
    const meeting = (await repos.meetings.all())[0]!;
    expect(meeting).toMatchObject({
      program: 'al-anon',
      types: ['Y', 'POA'],
      timeZone: 'America/Chicago',
    });
  });
});
