import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { readFileSync } from 'node:fs';
import { importFeed } from '../src/sources/import-feed.js';
import { importSource } from '../src/sources/import-source.js';
import { createTestApp } from './support/app.js';
import { bmltResponder, startFeedServer, type FeedServer } from './support/feed-server.js';

/**
 * Real feeds published by meeting-list keepers, kept beside (not inside) the repository. This
 * tier runs where they are present and says so plainly where they are not.
 */
const samples = join(import.meta.dirname, '..', '..', 'shared', 'samples');
const present = existsSync(join(samples, 'meeting-guide-orange-county.json'));
if (!present)
  console.warn(`real-feed samples not found at ${samples}: the samples tier is skipped`);

describe.skipIf(!present)('real Meeting Guide feeds', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app.close());

  const load = (file: string, source: string, program = 'aa') =>
    importFeed(app.importDeps, { source, program, location: join(samples, file) });

  it('imports Orange County (1,967 TSML meetings) without errors, online ones as online', async () => {
    const report = await load('meeting-guide-orange-county.json', 'orange-county');
    expect(report).toMatchObject({ outcome: 'applied', rowCount: 1967, skipped: 0, errorCount: 0 });
    const meetings = await app.repos.meetings.page({
      limit: 5000,
      sourceId: (await app.repos.sources.findByName('orange-county'))!.id,
    });
    const count = (attendance: string) =>
      meetings.filter((m) => m.attendance === attendance).length;
    expect(count('online')).toBeGreaterThan(100);
    expect(count('hybrid')).toBeGreaterThan(10);
    expect(count('in_person')).toBeGreaterThan(1000);
    expect(new Set(meetings.map((m) => m.timeZone))).toEqual(new Set(['America/Los_Angeles']));
  });

  it('imports rural Sussex County and its phone dial-ins', async () => {
    const report = await load('meeting-guide-sussex-county-de.json', 'sussex');
    expect(report).toMatchObject({ outcome: 'applied', rowCount: 123, errorCount: 0 });
    const meetings = await app.repos.meetings.all();
    expect(meetings.some((m) => m.online.phone !== undefined)).toBe(true);
  });

  it('reads Al-Anon codes in the Al-Anon vocabulary', async () => {
    const report = await load('meeting-guide-al-anon.json', 'al-anon', 'al-anon');
    expect(report).toMatchObject({ outcome: 'applied', rowCount: 360, errorCount: 0 });
    expect(report.problems.filter((p) => p.code === 'PL_UNKNOWN_TYPE')).toEqual([]);
  });

  it('reads day arrays and 12-hour times (Edmonton)', async () => {
    const report = await load('meeting-guide-edmonton-day-arrays.json', 'edmonton');
    expect(report).toMatchObject({ outcome: 'applied', rowCount: 315, errorCount: 0 });
    // The feed has no coordinates and no zones: the towns it names place it in Alberta, and
    // its rooms at their towns' centres (said once for the whole feed).
    expect(new Set(report.problems.map((p) => p.code))).toEqual(
      new Set(['PL_PLACED_APPROXIMATELY', 'PL_NOT_PLACED']),
    );
    expect(report.problems[0]!.message).toMatch(/\(2\d\d meetings: 2\d\d by town\)/);
    const sourceId = (await app.repos.sources.findByName('edmonton'))!.id;
    const zones = new Set(
      (await app.repos.meetings.page({ limit: 1000, sourceId })).map((m) => m.timeZone),
    );
    expect(zones).toEqual(new Set(['America/Edmonton']));
  });

  it('reads meetings by appointment', async () => {
    const report = await load('meeting-guide-by-appointment.json', 'appointments');
    expect(report).toMatchObject({ outcome: 'applied', rowCount: 2, errorCount: 0 });
    const meeting = await app.repos.meetings.findBySlug('josh-meeting');
    expect(meeting!.schedule).toEqual([{ kind: 'by_appointment' }]);
  });

  it('fails the invalid feed with a clear error and imports nothing', async () => {
    const report = await load('meeting-guide-invalid.json', 'invalid');
    expect(report).toMatchObject({ outcome: 'failed', error: { code: 'PL_FEED_NOT_JSON' } });
    // The source is written with its first snapshot, so a feed that never read leaves none.
    expect(await app.repos.sources.findByName('invalid')).toBeUndefined();
  });
});

const berlinPresent = existsSync(join(samples, 'bmlt-berlin-search-results.json'));

describe.skipIf(!berlinPresent)('a real BMLT server’s answers (Berlin)', () => {
  let app: App;
  let server: FeedServer;
  beforeAll(async () => {
    app = await createTestApp();
    server = await startFeedServer();
    const answer = (file: string) =>
      JSON.parse(readFileSync(join(samples, file), 'utf8')) as unknown[];
    // The sample has no service bodies answer; a server may list none.
    server.respond(
      bmltResponder({
        meetings: answer('bmlt-berlin-search-results.json'),
        formats: answer('bmlt-german-formats-en.json'),
        serviceBodies: [],
      }),
    );
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('imports 108 NA meetings with their venue types, formats, languages and zone', async () => {
    const report = await importSource(app.importDeps, {
      source: 'berlin',
      location: `${server.origin}/main_server/`,
    });
    expect(report).toMatchObject({
      outcome: 'applied',
      format: 'bmlt',
      rowCount: 108,
      errorCount: 0,
    });
    // Formats without a NAWS world id (no dogs, week 1 open, ...) are kept and named.
    expect(report.problems.every((p) => p.code === 'PL_UNKNOWN_FORMAT')).toBe(true);
    const meetings = await app.repos.meetings.page({
      limit: 500,
      sourceId: (await app.repos.sources.findByName('berlin'))!.id,
    });
    expect(meetings).toHaveLength(108);
    const count = (attendance: string) =>
      meetings.filter((m) => m.attendance === attendance).length;
    expect(count('online')).toBe(23);
    expect(count('in_person') + count('hybrid')).toBe(85);
    // No meeting names its zone: the rooms' coordinates place every one of them in Berlin,
    // virtual ones included (their coordinates are a server default in California).
    expect(new Set(meetings.map((m) => m.timeZone))).toEqual(new Set(['Europe/Berlin']));
    expect(
      meetings
        .filter((m) => m.attendance === 'online')
        .every((m) => m.place.latitude === undefined),
    ).toBe(true);
    const steps = meetings.find((m) => m.provenance.sourceSlug === '11005')!;
    expect(steps).toMatchObject({
      name: 'Steps on a Sunday',
      languages: ['en'],
      schedule: [{ kind: 'weekly', day: 0, start: '10:30', durationMinutes: 60 }],
      place: {
        address: { street: 'Pauline-Staegemann-Straße 6', city: 'Berlin', postalCode: '10249' },
      },
    });
    const languages = new Set(meetings.flatMap((m) => m.languages));
    for (const tag of ['de', 'en', 'ru', 'fa']) expect(languages).toContain(tag);
    expect(meetings.some((m) => m.types.includes('Sp'))).toBe(true);
  });
});
