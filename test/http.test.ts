import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { MeetingGuideFeedSchema } from '../src/feeds/meeting-guide/feed-schema.js';
import { importFeed } from '../src/sources/import-feed.js';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';

let app: App;
const rows = [
  mgRow({ contact_1_name: 'Sam R.', contact_1_email: 'sam@example.org', custom: 'kept' }),
  mgOnlineRow(),
  mgRow({
    name: 'Orange Step',
    slug: 'orange-step',
    day: 4,
    formatted_address: '1 Main St, Orange, MA 01364, USA',
    latitude: 42.59,
    longitude: -72.31,
  }),
];

beforeAll(async () => {
  app = await createTestApp();
  await importFeed(app.importDeps, { source: 'franklin', location: 'test', rows });
  await importFeed(app.importDeps, {
    source: 'franklin-na',
    program: 'na',
    location: 'test',
    rows: [mgRow({ slug: 'na-1', name: 'Just for Today', types: ['O', 'JT'] })],
  });
});
afterAll(async () => app.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  app.server.inject({ method: 'GET', url, headers });

describe('probes', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/readyz')).json()).toEqual({ status: 'ready' });
  });
});

describe('security headers and body errors', () => {
  it('allows fonts from this site only and denies powerful features but geolocation', async () => {
    for (const url of ['/', '/api/v1/meetings', '/healthz']) {
      const res = await get(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toMatch(/(^|;)font-src 'self'(;|$)/);
      expect(csp, url).not.toMatch(/ https:(;| |$)/);
      // Scripts only from the asset path: a same-origin JSONP answer is not a page script.
      expect(csp, url).toMatch(/script-src https:\/\/meetings\.example\.org\/assets\/ [^;']*;/);
      expect(csp, url).toMatch(/worker-src [^;']*\/sw\.js[^;']*;/);
      const policy = String(res.headers['permissions-policy']);
      expect(policy, url).toContain('geolocation=(self)');
      for (const feature of ['camera', 'microphone', 'payment', 'usb'])
        expect(policy, url).toContain(`${feature}=()`);
    }
  });

  it('answers an oversized body with 413 and its own code', async () => {
    const res = await app.server.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ a: 'x'.repeat(2_000_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PL_BODY_TOO_LARGE');
  });
});

describe('GET /api/v1/meetings', () => {
  it('pages through every meeting with a cursor', async () => {
    const first = (await get('/api/v1/meetings?limit=2')).json();
    expect(first.meetings.map((m: { slug: string }) => m.slug)).toEqual([
      'greenfield-big-book',
      'hilltowns-online',
    ]);
    const second = (await get(`/api/v1/meetings?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.meetings.map((m: { slug: string }) => m.slug)).toEqual(['na-1', 'orange-step']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('filters by program and by source', async () => {
    const na = (await get('/api/v1/meetings?program=na')).json();
    expect(na.meetings).toHaveLength(1);
    expect(na.meetings[0]).toMatchObject({
      program: 'na',
      types: ['O', 'JT'],
      provenance: { source: 'franklin-na' },
    });
    expect((await get('/api/v1/meetings?source=franklin')).json().meetings).toHaveLength(3);
  });

  it('answers bad input with a 400 naming the parameter', async () => {
    const res = await get('/api/v1/meetings?limit=0');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'PL_INVALID_QUERY', field: 'limit' });
    expect((await get('/api/v1/meetings?cursor=%%%')).json().error).toMatchObject({
      code: 'PL_INVALID_QUERY',
      field: 'cursor',
    });
    const unknown = await get('/api/v1/meetings?source=nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('PL_SOURCE_NOT_FOUND');
  });

  it('refuses non-finite, huge and fractional limits naming the parameter', async () => {
    for (const limit of ['Infinity', '-Infinity', '1e309', '1e999', 'NaN', '1e2', '2.5', '0x10']) {
      const res = await get(`/api/v1/meetings?limit=${limit}`);
      expect(res.statusCode, limit).toBe(400);
      expect(res.json().error, limit).toMatchObject({ code: 'PL_INVALID_QUERY', field: 'limit' });
    }
  });

  it('refuses an unknown parameter by name instead of ignoring it', async () => {
    for (const [query, field] of [
      ['foo=bar', 'foo'],
      ['progam=na', 'progam'],
      ['limit=2&Limit=3', 'Limit'],
    ] as const) {
      const res = await get(`/api/v1/meetings?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error, query).toMatchObject({ code: 'PL_INVALID_QUERY', field });
      expect(res.json().error.message).toContain(field);
    }
  });

  it('reads a repeated program as a list, and refuses a repeated single value', async () => {
    const slugs = async (query: string) =>
      (await get(`/api/v1/meetings?${query}`))
        .json()
        .meetings.map((m: { slug: string }) => m.slug) as string[];
    expect(await slugs('program=na&program=aa')).toEqual(await slugs('program=aa,na'));
    expect(await slugs('program=na&program=aa')).toContain('na-1');
    expect(await slugs('program=na')).toEqual(['na-1']);
    const twice = await get('/api/v1/meetings?limit=2&limit=3');
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error).toMatchObject({ code: 'PL_INVALID_QUERY', field: 'limit' });
  });

  it('never answers a 500, whatever the query string', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('limit', 'cursor', 'program', 'source', 'x'), fc.string()),
        async (query) => {
          const res = await get(`/api/v1/meetings?${new URLSearchParams(query).toString()}`);
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** Numbers a hostile or careless client sends: non-finite, huge, fractional, hexadecimal. */
const hostileNumber = fc.oneof(
  fc.constantFrom(
    'Infinity',
    '-Infinity',
    '+Infinity',
    'NaN',
    '1e999',
    '1e309',
    '-1e309',
    '9007199254740993',
    '99999999999999999999999',
    '1e3',
    '0x10',
    '1.5',
    '-0',
    '',
    ' ',
  ),
  fc.double().map(String),
  fc.bigInt().map(String),
);

/** Each route family with its numeric parameters and what the rest of its query needs. */
const numericRoutes = [
  { path: '/api/v1/meetings', params: ['limit'], strict: true },
  {
    path: '/api/v1/search',
    base: 'near=01301',
    params: ['radius', 'nearest', 'starting_within', 'limit'],
    strict: true,
  },
  { path: '/api/v1/search.ics', base: 'near=01301', params: ['radius', 'nearest'], strict: true },
  { path: '/api/v1/places', base: 'q=Greenfield', params: ['limit'], strict: true },
  { path: '/hsds/services', base: 'full=true', params: ['page', 'per_page'], strict: true },
  {
    path: '/api/v1/resources/search',
    base: 'near=01301',
    params: ['radius', 'limit'],
    strict: true,
  },
  { path: '/resources', base: 'near=01301', params: ['radius', 'limit'], strict: false },
  {
    path: '/client_interface/json/',
    base: 'switcher=GetSearchResults',
    params: [
      'page_size',
      'page_num',
      'geo_width',
      'geo_width_km',
      'lat_val',
      'long_val',
      'StartsAfterH',
      'weekdays',
      'meeting_ids',
    ],
    strict: false,
  },
  {
    path: '/en/',
    base: 'near=01301',
    params: ['radius', 'nearest', 'starting_within', 'limit'],
    strict: false,
  },
] as const;

describe('numbers in every route family', () => {
  it('are finite, bounded and integral, or refused by name; never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...numericRoutes),
        fc.nat(),
        hostileNumber,
        async (route, pick, value) => {
          const name = route.params[pick % route.params.length]!;
          const base = 'base' in route ? `${route.base}&` : '';
          const res = await get(`${route.path}?${base}${name}=${encodeURIComponent(value)}`);
          expect(res.statusCode, `${route.path} ${name}=${value}`).toBeLessThan(500);
          // The answer stays small: a huge number never lifts a page-size cap.
          expect(res.rawPayload.length).toBeLessThan(200_000);
          if (route.strict && res.statusCode === 400)
            expect(res.json().error).toMatchObject({ code: 'PL_INVALID_QUERY', field: name });
          const finite =
            /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) &&
            Number.isFinite(Number(value));
          if (route.strict && !finite)
            expect(res.statusCode, `${route.path} ${name}=${value}`).toBe(400);
        },
      ),
      { numRuns: 250 },
    );
  });
});

describe('GET /api/v1/meetings/:slug', () => {
  it('shows a meeting with its explicit attendance, schedule and provenance', async () => {
    const res = await get('/api/v1/meetings/hilltowns-online');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      slug: 'hilltowns-online',
      url: 'https://meetings.example.org/meetings/hilltowns-online',
      attendance: 'online',
      status: 'active',
      timeZone: 'America/New_York',
      schedule: [{ kind: 'weekly', day: 2, start: '19:00', durationMinutes: 60 }],
      online: { url: 'https://zoom.us/j/85551234567', provider: 'zoom' },
      provenance: { source: 'franklin', sourceSlug: 'hilltowns-online' },
    });
  });

  it('does not publish raw source fields', async () => {
    const body = (await get('/api/v1/meetings/greenfield-big-book')).json();
    expect(JSON.stringify(body)).not.toContain('kept');
    expect(body.group.contacts).toEqual([{ name: 'Sam R.', email: 'sam@example.org' }]);
  });

  it('hides contacts a group has not made public', async () => {
    const meeting = (await app.repos.meetings.findBySlug('orange-step'))!;
    meeting.group = {
      ...meeting.group,
      contacts: [{ name: 'Private P.', phone: '413-555-0199' }],
      contactsPublic: false,
    };
    await app.repos.meetings.update([{ meeting, contentHash: 'edited' }]);
    const body = (await get('/api/v1/meetings/orange-step')).json();
    expect(body.group.contacts).toEqual([]);
    expect(JSON.stringify(body)).not.toContain('413-555-0199');
  });

  it('answers an unknown slug with a 404 and a stable code', async () => {
    const res = await get('/api/v1/meetings/no-such-meeting');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PL_MEETING_NOT_FOUND');
    expect((await get('/nowhere')).json().error.code).toBe('PL_NOT_FOUND');
  });
});

describe('GET /api/v1/sources', () => {
  it('lists sources with counts and their last import report', async () => {
    const body = (await get('/api/v1/sources')).json();
    expect(
      body.sources.map((s: { name: string; meetingCount: number }) => [s.name, s.meetingCount]),
    ).toEqual([
      ['franklin', 3],
      ['franklin-na', 1],
    ]);
    expect(body.sources[0].lastReport).toMatchObject({ outcome: 'applied', added: 3 });
    expect((await get('/api/v1/sources/franklin-na')).json()).toMatchObject({
      program: 'na',
      meetingCount: 1,
    });
    expect((await get('/api/v1/sources/none')).statusCode).toBe(404);
  });
});

describe('GET /meeting-guide.json', () => {
  it('serves a compressed, cacheable, public feed valid against the published schema', async () => {
    const res = await get('/meeting-guide.json', { 'accept-encoding': 'gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const feed = JSON.parse(gunzipSync(res.rawPayload).toString('utf8')) as Record<
      string,
      unknown
    >[];
    expect(feed).toHaveLength(4);
    expect(Value.Check(MeetingGuideFeedSchema, feed)).toBe(true);
    expect(feed.find((r) => r.slug === 'hilltowns-online')).toMatchObject({
      day: 2,
      time: '19:00',
      end_time: '20:00',
      timezone: 'America/New_York',
      conference_url: 'https://zoom.us/j/85551234567',
      approximate: 'yes',
      attendance_option: 'online',
      url: 'https://meetings.example.org/meetings/hilltowns-online',
    });
  });

  it('answers If-None-Match with 304 until the data changes', async () => {
    const first = await get('/meeting-guide.json');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"/);
    expect((await get('/meeting-guide.json', { 'if-none-match': etag })).statusCode).toBe(304);
    await importFeed(app.importDeps, {
      source: 'franklin',
      location: 'test',
      rows: [...rows, mgRow({ slug: 'new', name: 'New' })],
    });
    const after = await get('/meeting-guide.json', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('publishes the JSON Schema of the format', async () => {
    const res = await get('/schemas/meeting-guide.json');
    expect(res.headers['content-type']).toContain('application/schema+json');
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(MeetingGuideFeedSchema)));
  });
});

describe('GET /api/v1/places', () => {
  it('resolves a ZIP code and a town offline', async () => {
    const zip = (await get('/api/v1/places?q=01301')).json();
    expect(zip.places[0]).toMatchObject({
      kind: 'postal_code',
      postalCode: '01301',
      region: 'MA',
      country: 'US',
    });
    expect(zip.attribution).toContain('GeoNames');
    const town = (await get('/api/v1/places?q=Tulsa&limit=1')).json();
    expect(town.places).toHaveLength(1);
    expect(town.places[0]).toMatchObject({ name: 'Tulsa', region: 'OK' });
    expect((await get('/api/v1/places?q=Zzzzqx')).json().places).toEqual([]);
  });

  it('refuses a missing or over-long query naming the parameter', async () => {
    expect((await get('/api/v1/places')).json().error).toMatchObject({
      code: 'PL_INVALID_QUERY',
      field: 'q',
    });
    const long = await get(`/api/v1/places?q=${'a'.repeat(101)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.field).toBe('q');
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every API route', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/meetings',
        '/api/v1/meetings/{slug}',
        '/api/v1/sources',
        '/api/v1/sources/{name}',
        '/healthz',
        '/readyz',
        '/meeting-guide.json',
      ]),
    );
  });
});
