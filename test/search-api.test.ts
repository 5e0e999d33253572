import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { fixedClock } from '../src/platform/clock.js';
import { searchParamNames } from '../src/search/parse-params.js';
import { importFeed } from '../src/sources/import-feed.js';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';

let app: App;
// A Thursday evening in Greenfield, MA.
const now = '2026-11-26T23:00:00Z';

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock: fixedClock(now) });
});
afterAll(async () => app.close());

const search = async (query: string) => {
  const res = await app.server.inject({ method: 'GET', url: `/api/v1/search?${query}` });
  return { status: res.statusCode, body: res.json() };
};

describe('GET /api/v1/search', () => {
  it('finds the next meetings near a ZIP code, soonest first, with distances in miles', async () => {
    const { status, body } = await search(
      'near=01301&radius=5&attendance=in_person&limit=5&facets=true',
    );
    expect(status).toBe(200);
    expect(body.near).toMatchObject({ label: expect.stringContaining('Greenfield') });
    expect(body.results).toHaveLength(5);
    const starts = body.results.map((r: { next: { at: string } }) => r.next.at);
    expect([...starts].sort()).toEqual(starts);
    for (const r of body.results) {
      expect(r.distance).toBeLessThanOrEqual(5);
      expect(['in_person', 'hybrid']).toContain(r.attendance);
      expect(r.next.at >= new Date(Date.parse(now) - 24 * 3600_000).toISOString()).toBe(true);
    }
    expect(body.facets.attendance.online).toBeGreaterThan(0);
  });

  it('leaves the facet counts out unless asked for, and refuses a facets value it cannot read', async () => {
    const plain = await search('near=01301&radius=5&limit=5');
    expect(plain.status).toBe(200);
    expect(plain.body.facets).toBeUndefined();
    expect(plain.body.total).toBeGreaterThan(0);
    const asked = await search('near=01301&radius=5&limit=5&facets=true');
    expect(asked.body.facets.attendance.in_person).toBeGreaterThan(0);
    expect(asked.body.results).toEqual(plain.body.results);
    const refused = await search('near=01301&facets=maybe');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('PL_INVALID_QUERY');
  });

  it('shows each start in the meeting’s zone and the viewer’s', async () => {
    const { body } = await search('near=01301&radius=5&limit=1&tz=America/Los_Angeles');
    const next = body.results[0].next;
    expect(next.local).toMatch(/-05:00$/);
    expect(next.viewer).toMatch(/-08:00$/);
    expect(Date.parse(next.local)).toBe(Date.parse(next.viewer));
  });

  it('pages with a cursor through the whole answer', async () => {
    const all = (await search('near=01301&radius=10&limit=200')).body;
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 50; page++) {
      const { body } = await search(`near=01301&radius=10&limit=7${cursor}`);
      seen.push(...body.results.map((r: { slug: string }) => r.slug));
      if (body.nextCursor === undefined) break;
      cursor = `&cursor=${encodeURIComponent(body.nextCursor)}`;
    }
    expect(seen).toEqual(all.results.map((r: { slug: string }) => r.slug));
    expect(seen).toHaveLength(all.total);
  });

  it('explains the rural fallback: the nearest room beyond the radius and remote meetings with the same tailoring', async () => {
    const { body } = await search('near=Colrain, MA&radius=3&types=women');
    expect(body.fallback).toMatchObject({
      reason: 'few_in_person',
      threshold: 5,
      relaxed: { nearestBeyond: ['radius'] },
    });
    expect(body.fallback.message).toMatch(/in-person/);
    expect(body.fallback.nearestBeyond.length).toBeGreaterThan(0);
    for (const r of body.fallback.nearestBeyond) expect(r.distance).toBeGreaterThan(3);
    expect(body.fallback.remote.length).toBeGreaterThan(0);
    for (const r of body.fallback.remote) expect(r.attendance).not.toBe('in_person');
  });

  it('offers no room an ocean away, only remote meetings', async () => {
    const { body } = await search('near=-33.57,18.48&radius=10');
    expect(body.results.every((r: { attendance: string }) => r.attendance === 'online')).toBe(true);
    expect(body.fallback.nearestBeyond).toEqual([]);
    expect(body.fallback.remote.length).toBeGreaterThan(0);
    expect(body.fallback.message).toMatch(
      /^No in-person meeting matches within 10 mi\. Here are \d+ online or phone meetings/,
    );
  });

  it('counts in the fallback message the online and phone meetings it lists, each once', async () => {
    const { body } = await search('near=-33.57,18.48&radius=10');
    const listed = new Set(
      [...body.results, ...body.fallback.remote]
        .filter((r: { attendance: string }) => r.attendance === 'online')
        .map((r: { slug: string }) => r.slug),
    );
    expect(body.results.length).toBeGreaterThan(body.fallback.remote.length);
    expect(body.fallback.message).toContain(`Here are ${listed.size} online or phone meetings`);
  });

  it('rounds distances as the pages do: the default radius is 25 miles, not 24.9', async () => {
    const { body } = await search('near=-33.57,18.48');
    expect(body.fallback.radius).toBe(25);
    expect(body.fallback.message).toMatch(/^No in-person meeting matches within 25 mi\./);
    const far = (await search('near=Rowe, MA&attendance=in_person&limit=50')).body;
    const distances = far.results.map((r: { distance: number }) => r.distance);
    expect(distances.some((d: number) => d >= 10)).toBe(true);
    for (const d of distances) expect(d < 10 ? d * 10 : d).toSatisfy(Number.isInteger);
  });

  it('sees an import as soon as it returns', async () => {
    const before = (await search('q=porchlight test meeting')).body.total;
    await importFeed(app.importDeps, {
      source: 'fresh',
      location: 'test',
      rows: [
        mgRow({ slug: 'fresh-1', name: 'Porchlight Test Meeting' }),
        mgOnlineRow({ slug: 'fresh-2', name: 'Porchlight Test Meeting Online' }),
      ],
    });
    expect((await search('q=porchlight test meeting')).body.total).toBe(before + 2);

    // An update and a removal, applied to the index in place, show in the very next search.
    const built = app.search.status().builds;
    await importFeed(app.importDeps, {
      source: 'fresh',
      location: 'test',
      rows: [mgRow({ slug: 'fresh-1', name: 'Porchlight Renamed Gathering' })],
    });
    expect((await search('q=porchlight test meeting')).body.total).toBe(before);
    const renamed = (await search('q=porchlight renamed gathering')).body;
    expect(renamed.results.map((r: { name: string }) => r.name)).toEqual([
      'Porchlight Renamed Gathering',
    ]);
    expect(app.search.status()).toMatchObject({
      builds: built,
      revision: await app.repos.revision.current(),
    });
  });

  it('refuses bad input with a 400 and a stable code naming the parameter', async () => {
    for (const [query, code, field] of [
      ['near=95,200', 'PL_INVALID_QUERY', 'near'],
      ['near=Qzqzqz Nowhere', 'PL_UNKNOWN_PLACE', 'near'],
      ['near=01301&radius=9999', 'PL_INVALID_QUERY', 'radius'],
      ['program=aa&types=NOTATYPE', 'PL_UNKNOWN_TYPE', 'types'],
      ['from=25:00', 'PL_INVALID_QUERY', 'from'],
      ['day=8', 'PL_INVALID_QUERY', 'day'],
    ] as const) {
      const { status, body } = await search(query);
      expect(status, query).toBe(400);
      expect(body.error, query).toMatchObject({ code, field });
    }
  });

  it('refuses non-finite and huge numbers, and unknown parameters, by name', async () => {
    for (const [query, field] of [
      ['limit=Infinity', 'limit'],
      ['limit=1e309', 'limit'],
      ['near=01301&nearest=1e999', 'nearest'],
      ['near=01301&radius=Infinity', 'radius'],
      ['near=01301&radius=1e999', 'radius'],
      ['starting_within=9007199254740993', 'starting_within'],
      ['foo=bar', 'foo'],
      ['near=01301&raduis=5', 'raduis'],
      ['limit=5&limit=6', 'limit'],
      ['near=01301&near=01302', 'near'],
    ] as const) {
      const { status, body } = await search(query);
      expect(status, query).toBe(400);
      expect(body.error, query).toMatchObject({ code: 'PL_INVALID_QUERY', field });
    }
  });

  it('reads a repeated list parameter as the comma-separated list, as the finder does', async () => {
    for (const [repeated, listed] of [
      ['program=aa&program=na', 'program=aa,na'],
      ['day=1&day=3&attendance=online&attendance=phone', 'day=1,3&attendance=online,phone'],
      ['types=women&types=open', 'types=women,open'],
    ] as const) {
      const a = await search(repeated);
      expect(a.status, repeated).toBe(200);
      expect(a.body, repeated).toEqual((await search(listed)).body);
    }
  });

  it('never answers a 500, whatever the parameters', async () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('Infinity', '-Infinity', 'NaN', '1e999', '1e309', '9'.repeat(30), '0x1f'),
      fc.double().map(String),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...searchParamNames), hostile),
        async (params) => {
          const res = await app.server.inject({
            method: 'GET',
            url: `/api/v1/search?${new URLSearchParams(params).toString()}`,
          });
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });
});
