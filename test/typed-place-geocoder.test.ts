/**
 * A town the bundled place list does not know ("Monroe, MA", about 120 people) is asked of the
 * geocoder the operator configured, once, and searched around as a known town is; without one,
 * or when it fails, the place is unknown as before and no search fails for it.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import { createTestApp } from './support/app.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';
import { testDialects } from './support/databases.js';
import { manualClock } from './support/manual-clock.js';
import { manualTimers } from './support/manual-timers.js';

const monroe = encodeURIComponent('Monroe, MA');

interface SearchBody {
  results: { slug: string }[];
  near?: { latitude: number; longitude: number; label?: string; foundBy?: string };
}

const towns = [
  { name: 'Monroe', lat: '42.7237', lon: '-72.9601' },
  { name: 'Mount Washington', lat: '42.0862', lon: '-73.4715' },
];

/** Answers like Nominatim's /search?format=jsonv2: two small towns, anything else unknown. */
function answerLikeNominatim(nominatim: FeedServer): void {
  nominatim.respond((u) => {
    if (u.pathname !== '/nominatim/search') return undefined;
    const q = (u.searchParams.get('q') ?? '').toLowerCase();
    const found = towns.find((t) => q.startsWith(t.name.toLowerCase()));
    return {
      kind: 'json',
      body:
        found === undefined
          ? []
          : [
              {
                place_id: 7,
                lat: found.lat,
                lon: found.lon,
                category: 'boundary',
                type: 'administrative',
                place_rank: 16,
                display_name: `${found.name}, Massachusetts, United States`,
              },
            ],
    };
  });
}

describe.each(testDialects)(
  'a typed town the bundled list does not know, with the operator’s Nominatim, on $name',
  ({ url }) => {
    let app: App;
    let nominatim: FeedServer;
    const clock = manualClock('2026-11-23T16:00:00Z');
    const timers = manualTimers(clock);
    const logged: string[] = [];
    beforeAll(async () => {
      nominatim = await startFeedServer();
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          logged.push(chunk.toString('utf8'));
          done();
        },
      });
      app = await createTestApp(
        { databaseUrl: url, demo: true, geocoderUrl: `${nominatim.origin}/nominatim` },
        { clock, timers, logger: pino({ level: 'warn' }, sink) },
      );
    });
    afterAll(async () => {
      await app.close();
      await nominatim.close();
    });
    afterEach(() => {
      nominatim.requests.length = 0;
      logged.length = 0;
    });

    it('is asked of the geocoder as a settlement in the list’s country, and searched around', async () => {
      answerLikeNominatim(nominatim);
      const res = await app.server.inject({
        method: 'GET',
        url: `/api/v1/search?near=${monroe}&radius=25`,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json<SearchBody>();
      expect(body.near).toEqual({
        latitude: 42.7237,
        longitude: -72.9601,
        label: 'Monroe, MA',
        foundBy: 'geocoder',
      });
      expect(body.results.length).toBeGreaterThan(0);
      expect(nominatim.requests).toHaveLength(1);
      const asked = new URL(nominatim.requests[0]!, nominatim.origin);
      expect(asked.pathname).toBe('/nominatim/search');
      expect(Object.fromEntries(asked.searchParams)).toEqual({
        q: 'Monroe, MA',
        format: 'jsonv2',
        limit: '1',
        addressdetails: '0',
        featureType: 'settlement',
        countrycodes: 'us',
      });
    });

    it('is not asked again: the finder page and the API find it from what was kept', async () => {
      answerLikeNominatim(nominatim);
      const page = await app.server.inject({ method: 'GET', url: `/en/?near=${monroe}&radius=25` });
      expect(page.statusCode).toBe(200);
      const again = await app.server.inject({
        method: 'GET',
        url: `/api/v1/search?near=${monroe}&radius=25`,
      });
      expect(again.statusCode).toBe(200);
      // The page lists the meetings the API finds around the town.
      const first = again.json<{ results: { name: string }[] }>().results[0]!;
      expect(page.body).toContain(first.name.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
      expect(nominatim.requests).toEqual([]);
    });

    it('keeps the answer in the geocoder cache, written another way or not', async () => {
      answerLikeNominatim(nominatim);
      const before = await app.repos.geocodeCache.count();
      const res = await app.server.inject({
        method: 'GET',
        url: `/api/v1/search?near=${encodeURIComponent('monroe ma')}`,
      });
      expect(res.statusCode).toBe(200);
      // "monroe ma" shares the kept answer of "Monroe, MA".
      expect(nominatim.requests).toEqual([]);
      expect(await app.repos.geocodeCache.count()).toBe(before);
    });

    it('is offered by the places API, marked as found by the geocoder, and asked once more per country', async () => {
      answerLikeNominatim(nominatim);
      const res = await app.server.inject({ method: 'GET', url: `/api/v1/places?q=${monroe}` });
      expect(res.statusCode).toBe(200);
      expect(res.json<{ places: unknown[] }>().places).toEqual([
        {
          name: 'Monroe, MA',
          country: 'US',
          latitude: 42.7237,
          longitude: -72.9601,
          kind: 'town',
          foundBy: 'geocoder',
        },
      ]);
      // The list's own country was asked already; Canada is another question.
      expect(nominatim.requests).toEqual([]);
      const canada = await app.server.inject({
        method: 'GET',
        url: `/api/v1/places?q=${monroe}&country=ca`,
      });
      expect(canada.json<{ places: { country: string }[] }>().places[0]?.country).toBe('CA');
      expect(nominatim.requests).toHaveLength(1);
      expect(
        new URL(nominatim.requests[0]!, nominatim.origin).searchParams.get('countrycodes'),
      ).toBe('ca');
    });

    it('is found by the search calendar and the printed schedule too', async () => {
      answerLikeNominatim(nominatim);
      const calendar = await app.server.inject({
        method: 'GET',
        url: `/api/v1/search.ics?near=${monroe}&radius=25`,
      });
      expect(calendar.statusCode).toBe(200);
      expect(calendar.body).toContain('BEGIN:VEVENT');
      const print = await app.server.inject({ method: 'GET', url: `/en/print?near=${monroe}` });
      expect(print.statusCode).toBe(200);
      expect(nominatim.requests).toEqual([]);
    });

    it('asks once for searches that name the same new place at the same moment', async () => {
      answerLikeNominatim(nominatim);
      const near = encodeURIComponent('Mount Washington, MA');
      const answers = await Promise.all([
        app.server.inject({ method: 'GET', url: `/api/v1/search?near=${near}` }),
        app.server.inject({ method: 'GET', url: `/en/?near=${near}` }),
        app.server.inject({ method: 'GET', url: `/api/v1/search?near=${near}&radius=5` }),
      ]);
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
      expect(nominatim.requests).toHaveLength(1);
    });

    it('asks nothing for a town the bundled list knows, nor for coordinates', async () => {
      answerLikeNominatim(nominatim);
      for (const near of ['Greenfield, MA', '01301', '42.6,-72.6']) {
        const res = await app.server.inject({
          method: 'GET',
          url: `/api/v1/search?near=${encodeURIComponent(near)}`,
        });
        expect(res.statusCode).toBe(200);
        expect(res.json<SearchBody>().near?.foundBy).toBeUndefined();
      }
      expect(nominatim.requests).toEqual([]);
    });

    it('answers PL_UNKNOWN_PLACE for what the geocoder does not know either, and keeps that too', async () => {
      answerLikeNominatim(nominatim);
      const url = `/api/v1/search?near=${encodeURIComponent('Zzyzxq, MA')}`;
      for (let i = 0; i < 2; i++) {
        const res = await app.server.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(400);
        expect(res.json<{ error: { code: string } }>().error.code).toBe('PL_UNKNOWN_PLACE');
      }
      expect(nominatim.requests).toHaveLength(1);
      const page = await app.server.inject({
        method: 'GET',
        url: `/en/?near=${encodeURIComponent('Zzyzxq, MA')}`,
      });
      expect(page.statusCode).toBe(400);
      expect(nominatim.requests).toHaveLength(1);
    });

    it('answers PL_UNKNOWN_PLACE when the geocoder fails, logs a warning without the place, and asks again later', async () => {
      nominatim.respond(() => ({ kind: 'json', status: 503, body: { error: 'busy' } }));
      const near = 'Hawley, MA';
      const res = await app.server.inject({
        method: 'GET',
        url: `/api/v1/search?near=${encodeURIComponent(near)}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('PL_UNKNOWN_PLACE');
      expect(nominatim.requests).toHaveLength(1);
      expect(logged.join('')).toMatch(/typed place/);
      expect(logged.join('')).toMatch(/503/);
      expect(logged.join('')).not.toMatch(/Hawley/i);
      // Nothing was kept from the failure.
      await app.server.inject({ method: 'GET', url: `/en/?near=${encodeURIComponent(near)}` });
      expect(nominatim.requests).toHaveLength(2);
    });

    it('answers PL_UNKNOWN_PLACE when the geocoder does not answer in time', async () => {
      nominatim.respond(() => ({ kind: 'hang' }));
      const pending = app.server.inject({
        method: 'GET',
        url: `/api/v1/search?near=${encodeURIComponent('Gosnold, MA')}`,
      });
      await vi.waitFor(() => expect(nominatim.requests).toHaveLength(1));
      // The request's time limit runs out (other waiting timers firing early does no harm).
      await timers.fire();
      const res = await pending;
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('PL_UNKNOWN_PLACE');
      expect(logged.join('')).toMatch(/timed out/);
      expect(logged.join('')).not.toMatch(/Gosnold/i);
    });
  },
);

describe('a typed town the bundled list does not know, with no geocoder configured', () => {
  let app: App;
  let nominatim: FeedServer;
  beforeAll(async () => {
    nominatim = await startFeedServer();
    answerLikeNominatim(nominatim);
    app = await createTestApp({ demo: true });
  });
  afterAll(async () => {
    await app.close();
    await nominatim.close();
  });

  it('is unknown, on the API and the finder page, and nothing is asked of anyone', async () => {
    const res = await app.server.inject({ method: 'GET', url: `/api/v1/search?near=${monroe}` });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('PL_UNKNOWN_PLACE');
    const page = await app.server.inject({ method: 'GET', url: `/en/?near=${monroe}` });
    expect(page.statusCode).toBe(400);
    const places = await app.server.inject({ method: 'GET', url: `/api/v1/places?q=${monroe}` });
    expect(places.json<{ places: unknown[] }>().places).toEqual([]);
    expect(nominatim.requests).toEqual([]);
    expect(await app.repos.geocodeCache.count()).toBe(0);
  });
});
