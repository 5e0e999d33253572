/**
 * The center's address is located once, when it is set, and its point kept with the center:
 * every group on its calendar meets there, so listing the groups in the finder asks the
 * operator's geocoder nothing more, however many are saved. A new address is located again; a
 * point found offline while the geocoder could not be asked serves until the daily pass asks
 * again.
 * Through the real server and a local server answering as Nominatim does, on every dialect.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createTokenFor } from '../src/centers/center-tokens.js';
import { createCenter, putStaffByEmail } from '../src/centers/centers.js';
import { scheduleCenterListings } from '../src/centers/events/listing-job.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { createTestApp } from './support/app.js';
import { testDialects } from './support/databases.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';
import { manualClock } from './support/manual-clock.js';

const clock = manualClock('2026-03-02T15:00:00.000Z');
const keyring = createKeyring(Buffer.alloc(32, 7));
const streets: Record<string, { lat: string; lon: string }> = {
  '68 federal street': { lat: '42.5912', lon: '-72.6001' },
  '1 main street': { lat: '42.5876', lon: '-72.5994' },
  '9 bank row': { lat: '42.6200', lon: '-72.5500' },
};

/** Answers street addresses like Nominatim's /search (a house number: place_rank 30). */
function answerStreets(nominatim: FeedServer): void {
  nominatim.respond((u) => {
    if (u.pathname !== '/nominatim/search') return undefined;
    const q = (u.searchParams.get('q') ?? '').toLowerCase();
    const street = Object.keys(streets).find((s) => q.startsWith(s));
    const found = street === undefined ? undefined : streets[street]!;
    return {
      kind: 'json',
      body: found === undefined ? [] : [{ lat: found.lat, lon: found.lon, place_rank: 30 }],
    };
  });
}

interface Found {
  name: string;
  latitude?: number;
  longitude?: number;
}

describe.each(testDialects)('the center’s place, located once, on $name', ({ url }) => {
  let app: App;
  let nominatim: FeedServer;
  let admin: string;
  let coach: string;

  const call = (token: string, method: 'POST' | 'PUT', path: string, payload: object) =>
    app.server.inject({
      method,
      url: path,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const setPlace = (street: string) =>
    call(admin, 'PUT', '/api/v1/centers/hill/place', {
      street,
      city: 'Greenfield',
      region: 'MA',
      postalCode: '01301',
    });
  const addGroup = (title: string) =>
    call(coach, 'POST', '/api/v1/centers/hill/events', {
      title,
      kind: 'group',
      repeat: 'weekly',
      startsOn: '2026-03-03',
      start: '18:00',
      durationMinutes: 60,
      visibility: 'public',
    });
  /** The center's groups within 100 m of a point. */
  const groupsNear = async (at: { lat: string; lon: string }): Promise<Found[]> => {
    const res = await app.server.inject({
      method: 'GET',
      url: `/api/v1/search?near=${at.lat},${at.lon}&radius=0.1&program=all-recovery&limit=50`,
    });
    expect(res.statusCode).toBe(200);
    return res.json<{ results: Found[] }>().results;
  };

  beforeAll(async () => {
    nominatim = await startFeedServer();
    app = await createTestApp(
      { databaseUrl: url, geocoderUrl: `${nominatim.origin}/nominatim` },
      { clock, keyring },
    );
    const deps = { repos: app.repos, clock };
    const { center } = await createCenter(deps, {
      slug: 'hill',
      name: 'Hill Recovery Center',
      adminEmail: 'admin@example.org',
      timeZone: 'America/New_York',
    });
    await putStaffByEmail(deps, center, { email: 'coach@example.org', role: 'coach' });
    admin = (await createTokenFor(deps, { email: 'admin@example.org' })).token;
    coach = (await createTokenFor(deps, { email: 'coach@example.org' })).token;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await nominatim?.close();
  });
  beforeEach(() => {
    nominatim.requests.length = 0;
  });

  it('asks the geocoder at most once for ten groups saved at the center', async () => {
    answerStreets(nominatim);
    expect((await setPlace('68 Federal Street')).statusCode).toBe(200);
    for (let i = 1; i <= 10; i++) expect((await addGroup(`Group ${i}`)).statusCode).toBe(201);
    expect(nominatim.requests.length).toBeLessThanOrEqual(1);
    const found = await groupsNear(streets['68 federal street']!);
    expect(found.map((r) => r.name).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `Group ${i + 1}`).sort(),
    );
    for (const r of found) expect([r.latitude, r.longitude]).toEqual([42.5912, -72.6001]);
  });

  it('locates a new address once, and moves every group there', async () => {
    answerStreets(nominatim);
    expect((await setPlace('1 Main Street')).statusCode).toBe(200);
    expect((await addGroup('Group 11')).statusCode).toBe(201);
    expect(nominatim.requests).toHaveLength(1);
    expect(await groupsNear(streets['68 federal street']!)).toEqual([]);
    expect(await groupsNear(streets['1 main street']!)).toHaveLength(11);
  });

  it('asks a geocoder that was down once, and again only in the daily pass', async () => {
    nominatim.respond(() => ({ kind: 'json', body: { error: 'down' }, status: 503 }));
    expect((await setPlace('9 Bank Row')).statusCode).toBe(200);
    for (const title of ['Group 12', 'Group 13', 'Group 14'])
      expect((await addGroup(title)).statusCode).toBe(201);
    expect(nominatim.requests).toHaveLength(1);
    // Listed meanwhile at the ZIP code's centre, away from the street.
    expect(await groupsNear(streets['9 bank row']!)).toEqual([]);
    answerStreets(nominatim);
    expect((await addGroup('Group 15')).statusCode).toBe(201);
    expect(nominatim.requests).toHaveLength(1);
    await scheduleCenterListings(
      { repos: app.repos, clock, keyring: () => keyring },
      app.repos.jobs,
    );
    clock.set('2026-03-03T15:00:00.000Z');
    await app.jobs.runDue();
    clock.set('2026-03-02T15:00:00.000Z');
    expect(nominatim.requests).toHaveLength(2);
    expect(await groupsNear(streets['9 bank row']!)).toHaveLength(15);
  });

  it('keeps a point only for the address it was found for', async () => {
    const center = (await app.repos.centers.bySlug('hill'))!;
    const read = { street: '5 Old Road', city: 'Greenfield' };
    await app.repos.centers.setPlace(center.id, read);
    const point = { latitude: 42.6, longitude: -72.6, from: 'address' as const };
    // The address changed after a listing read it: the old address's point is not written back.
    await app.repos.centers.setPlace(center.id, { street: '7 New Road', city: 'Greenfield' });
    await app.repos.centers.keepPlacePoint(center.id, read, { ...read, located: point });
    expect((await app.repos.centers.bySlug('hill'))!.place).toEqual({
      street: '7 New Road',
      city: 'Greenfield',
    });
    const current = { street: '7 New Road', city: 'Greenfield' };
    await app.repos.centers.keepPlacePoint(center.id, current, { ...current, located: point });
    expect((await app.repos.centers.bySlug('hill'))!.place).toEqual({ ...current, located: point });
  });
});
