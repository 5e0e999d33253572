/**
 * Meetings with an address and no coordinates are placed on import: offline at the centre of
 * their ZIP code or town (and said so in the report), or by the operator's address geocoder,
 * whose answers are kept so that a refresh asks it nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { fixedClock } from '../src/platform/clock.js';
import { importSource } from '../src/sources/import-source.js';
import { createTestApp } from './support/app.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';
import { testDialects } from './support/databases.js';
import { manualClock } from './support/manual-clock.js';

const template = join(import.meta.dirname, 'fixtures', 'csv', 'tsml-template.csv');
// A Monday morning in San José: the template's meetings are all ahead within the week.
const clock = fixedClock('2026-11-23T16:00:00Z');

const dir = mkdtempSync(join(tmpdir(), 'porchlight-geocode-'));
let files = 0;
function sheet(rows: string[]): string {
  const path = join(dir, `sheet-${files++}.csv`);
  writeFileSync(path, ['Time,Day,Name,Address,Types,Slug', ...rows].join('\n'));
  return path;
}

describe('importing a sheet without coordinates, offline', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({}, { clock });
  });
  afterAll(async () => app.close());

  it('finds the template’s meetings near their own ZIP code, and the report says they were placed approximately', async () => {
    const report = await importSource(app.importDeps, { source: 'template', location: template });
    expect(report.outcome).toBe('applied');
    const placed = report.problems.find((p) => p.code === 'PL_PLACED_APPROXIMATELY');
    expect(placed).toMatchObject({ severity: 'warning', index: -1 });
    // Three of the template's four rows are read (one has a broken time); one of them is an
    // online meeting, whose address is not where to go.
    expect(placed!.message).toMatch(/\b2 meetings: 2 by ZIP code\b/);
    expect(report.warningCount).toBeGreaterThanOrEqual(1);

    const res = await app.server.inject({
      method: 'GET',
      url: '/api/v1/search?near=95124&radius=5',
    });
    expect(res.statusCode).toBe(200);
    const slugs = res.json<{ results: { slug: string }[] }>().results.map((r) => r.slug);
    expect(slugs).toContain('after-work-topic-meeting');
    // Gilroy (95020) is 25 miles away.
    expect(slugs).not.toContain('t-g-i-f');
    const near = await app.server.inject({
      method: 'GET',
      url: '/api/v1/search?near=Gilroy%2C+CA&radius=5',
    });
    expect(near.json<{ results: { slug: string }[] }>().results.map((r) => r.slug)).toContain(
      't-g-i-f',
    );
  });

  it('marks the coordinates as a ZIP code’s centre in the meeting API', async () => {
    const res = await app.server.inject({
      method: 'GET',
      url: '/api/v1/meetings/after-work-topic-meeting',
    });
    expect(res.statusCode).toBe(200);
    const { place } = res.json<{
      place: { latitude: number; longitude: number; geocoded?: string; approximate: boolean };
    }>();
    expect(place.geocoded).toBe('postal_code');
    expect(place.approximate).toBe(false);
    expect(place.latitude).toBeCloseTo(37.26, 1);
    expect(place.longitude).toBeCloseTo(-121.93, 1);
  });

  it('says on the meeting page that distances are from the ZIP code’s centre, with no directions to it', async () => {
    const page = await app.server.inject({
      method: 'GET',
      url: '/en/meetings/after-work-topic-meeting',
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2634 Union Ave, San Jose, CA 95124, USA');
    expect(page.body).toContain('distances are measured from the centre of its ZIP code');
    expect(page.body).not.toContain('openstreetmap.org/directions');
    // Nor is the centre offered to the finder's map as the meeting's position.
    const finder = await app.server.inject({ method: 'GET', url: '/en/?near=95124&radius=5' });
    expect(finder.body).toContain('After Work Topic Meeting');
    expect(finder.body).not.toMatch(/data-lat="37\.25/);
  });

  it('places a town-only address at the town, and says when nothing could be placed', async () => {
    const report = await importSource(app.importDeps, {
      source: 'towns',
      location: sheet([
        '7:00 PM,Monday,Town Hall Meeting,"Greenfield, MA",O,town-hall',
        '7:00 PM,Tuesday,Nowhere Meeting,"1 Main St, Zzyzxq, ZZ",O,nowhere',
      ]),
      timeZone: 'America/New_York',
    });
    expect(report.outcome).toBe('applied');
    expect(report.problems.find((p) => p.code === 'PL_PLACED_APPROXIMATELY')?.message).toMatch(
      /1 meeting: 1 by town/,
    );
    expect(report.problems.find((p) => p.code === 'PL_NOT_PLACED')?.message).toMatch(/1 meeting\b/);
    const townHall = await app.repos.meetings.findBySlug('town-hall');
    expect(townHall?.place).toMatchObject({ geocoded: 'town' });
    expect(townHall?.place.latitude).toBeCloseTo(42.59, 1);
  });

  it('leaves a source’s own coordinates alone and says nothing', async () => {
    const path = join(dir, 'with-coordinates.csv');
    writeFileSync(
      path,
      [
        'Time,Day,Name,Address,Latitude,Longitude,Types,Slug',
        '7:00 PM,Monday,Placed,"2634 Union Ave, San Jose, CA 95124, USA",37.2631,-121.9324,O,placed',
      ].join('\n'),
    );
    const report = await importSource(app.importDeps, { source: 'placed', location: path });
    expect(report.problems.map((p) => p.code)).not.toContain('PL_PLACED_APPROXIMATELY');
    const meeting = await app.repos.meetings.findBySlug('placed');
    expect(meeting?.place.geocoded).toBeUndefined();
    expect(meeting?.place.latitude).toBe(37.2631);
  });
});

const unionAve = '7:00 PM,Monday,Union Ave Meeting,"2634 Union Ave, San Jose, CA 95124, USA",O';

describe.each(testDialects)('importing with the operator’s Nominatim, on $name', ({ url }) => {
  let app: App;
  let nominatim: FeedServer;
  const clock = manualClock('2026-11-23T16:00:00Z');
  const agents: (string | undefined)[] = [];
  beforeAll(async () => {
    nominatim = await startFeedServer();
    app = await createTestApp(
      { databaseUrl: url, geocoderUrl: `${nominatim.origin}/nominatim` },
      { clock },
    );
  });
  afterAll(async () => {
    await app.close();
    await nominatim.close();
  });
  afterEach(() => {
    nominatim.requests.length = 0;
    agents.length = 0;
  });

  /** Answers like Nominatim's /search?format=jsonv2: a house number on Union Ave, else nothing. */
  const answerLikeNominatim = () =>
    nominatim.respond((u, headers) => {
      agents.push(headers['user-agent']);
      if (u.pathname !== '/nominatim/search') return undefined;
      const found = (u.searchParams.get('q') ?? '').startsWith('2634 Union Ave');
      return {
        kind: 'json',
        body: found
          ? [
              {
                place_id: 1,
                lat: '37.2631170',
                lon: '-121.9324400',
                category: 'place',
                type: 'house',
                place_rank: 30,
                display_name: '2634, Union Avenue, San Jose, California, 95124, United States',
              },
            ]
          : [],
      };
    });

  it('asks it for a street address, places the meeting at the door, and warns of nothing', async () => {
    answerLikeNominatim();
    const report = await importSource(app.importDeps, {
      source: 'union',
      location: sheet([`${unionAve},union`]),
    });
    expect(report.outcome).toBe('applied');
    expect(report.problems.map((p) => p.code)).toEqual([]);
    expect(nominatim.requests).toHaveLength(1);
    const asked = new URL(nominatim.requests[0]!, nominatim.origin);
    expect(asked.pathname).toBe('/nominatim/search');
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      q: '2634 Union Ave, San Jose, CA 95124, USA',
      format: 'jsonv2',
      limit: '1',
      addressdetails: '0',
      countrycodes: 'us',
    });
    expect(agents[0]).toMatch(/^Porchlight\/\S+ \(https:\/\/meetings\.example\.org\)$/);
    const meeting = await app.repos.meetings.findBySlug('union');
    expect(meeting?.place).toMatchObject({
      latitude: 37.263117,
      longitude: -121.93244,
      geocoded: 'address',
    });
  });

  it('asks nothing again when the same addresses come back (a refresh, another source)', async () => {
    answerLikeNominatim();
    const location = sheet([`${unionAve},union`]);
    const again = await importSource(app.importDeps, { source: 'union', location });
    expect(again.outcome).toBe('unchanged');
    const other = await importSource(app.importDeps, {
      source: 'other',
      location: sheet([
        '7:00 PM,Monday,Elsewhere,"2634 union ave., San Jose, CA 95124, USA",O,elsewhere',
      ]),
    });
    expect(other.outcome).toBe('applied');
    expect(nominatim.requests).toEqual([]);
    expect((await app.repos.meetings.findBySlug('elsewhere'))?.place.geocoded).toBe('address');
  });

  it('places what it does not find by ZIP code, and asks again only after a month', async () => {
    answerLikeNominatim();
    const location = sheet([
      '7:00 PM,Tuesday,Unknown Door,"9 Nowhere Ln, Gilroy, CA 95020, USA",O,unknown-door',
    ]);
    const first = await importSource(app.importDeps, { source: 'doors', location });
    expect(first.problems.map((p) => p.code)).toEqual(['PL_PLACED_APPROXIMATELY']);
    expect(nominatim.requests).toHaveLength(1);
    expect((await app.repos.meetings.findBySlug('unknown-door'))?.place.geocoded).toBe(
      'postal_code',
    );
    clock.advance(29 * 86_400_000);
    await importSource(app.importDeps, { source: 'doors', location });
    expect(nominatim.requests).toHaveLength(1);
    clock.advance(2 * 86_400_000);
    await importSource(app.importDeps, { source: 'doors', location });
    expect(nominatim.requests).toHaveLength(2);
  });

  it('falls back to ZIP codes after one failed request, and says so', async () => {
    nominatim.respond(() => ({ kind: 'json', status: 503, body: { error: 'busy' } }));
    const report = await importSource(app.importDeps, {
      source: 'down',
      location: sheet([
        '7:00 PM,Monday,First,"1 First St, Gilroy, CA 95020, USA",O,down-1',
        '7:00 PM,Monday,Second,"2 Second St, Gilroy, CA 95020, USA",O,down-2',
        '7:00 PM,Monday,Third,"3 Third St, Gilroy, CA 95020, USA",O,down-3',
      ]),
    });
    expect(report.outcome).toBe('applied');
    expect(nominatim.requests).toHaveLength(1);
    const codes = report.problems.map((p) => p.code);
    expect(codes).toEqual(['PL_PLACED_APPROXIMATELY', 'PL_GEOCODER_FAILED']);
    expect(report.problems[1]!.message).toMatch(/503/);
    expect((await app.repos.meetings.findBySlug('down-3'))?.place.geocoded).toBe('postal_code');
    // Nothing was kept from the failure: the next import asks again.
    answerLikeNominatim();
    await importSource(app.importDeps, {
      source: 'down',
      location: sheet(['7:00 PM,Monday,First,"1 First St, Gilroy, CA 95020, USA",O,down-1']),
    });
    expect(nominatim.requests).toHaveLength(2);
  });
});
