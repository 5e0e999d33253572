import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { fixedClock } from '../src/platform/clock.js';
import { importFeed } from '../src/sources/import-feed.js';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';

const samples = new URL('../../shared/samples/', import.meta.url);
const sample = (name: string) => new URL(name, samples);

let app: App;

const naRows = [
  mgRow({ slug: 'tuesday-hope', name: 'Tuesday Hope', day: 2, time: '19:00', types: ['O', 'B'] }),
  mgOnlineRow({ slug: 'noon-zoom', name: 'Noon Zoom', day: 3, time: '12:00', types: ['C'] }),
  mgRow({
    slug: 'hybrid-basic-text',
    name: 'Hybrid Basic Text',
    day: 4,
    time: '18:30',
    end_time: '20:00',
    types: ['BT', 'HY'],
    conference_url: 'https://zoom.us/j/85550000000',
  }),
  mgRow({
    slug: 'northampton-women',
    name: 'Northampton Women',
    day: 6,
    time: '10:00',
    types: ['W', 'C'],
    location: 'Edwards Church',
    formatted_address: '297 Main St, Northampton, MA 01060, USA',
    latitude: 42.3184,
    longitude: -72.6316,
    region: 'Northampton',
  }),
];

beforeAll(async () => {
  app = await createTestApp({}, { clock: fixedClock('2026-11-26T23:00:00Z') });
  await importFeed(app.importDeps, {
    source: 'na-area',
    location: 'test',
    program: 'na',
    rows: naRows,
  });
  await importFeed(app.importDeps, {
    source: 'aa-intergroup',
    location: 'test',
    program: 'aa',
    rows: [mgRow({ slug: 'aa-meeting', name: 'An AA Meeting' })],
  });
});
afterAll(async () => app.close());

const get = async (query: string, headers: Record<string, string> = {}) =>
  app.server.inject({ method: 'GET', url: `/client_interface/json/?${query}`, headers });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
const json = async (query: string): Promise<any> => {
  const res = await get(query);
  expect(res.statusCode).toBe(200);
  return res.json();
};

type Row = Record<string, string>;

describe('GET /client_interface/json/?switcher=GetSearchResults', () => {
  it('answers NA meetings only, every value a string, with the keys of a root server', async () => {
    const rows: Row[] = await json('switcher=GetSearchResults');
    expect(rows.map((r) => r.meeting_name).sort()).toEqual([
      'Hybrid Basic Text',
      'Noon Zoom',
      'Northampton Women',
      'Tuesday Hope',
    ]);
    for (const row of rows)
      for (const value of Object.values(row)) expect(typeof value).toBe('string');
    const byName = new Map(rows.map((r) => [r.meeting_name, r]));
    expect(byName.get('Tuesday Hope')).toMatchObject({
      weekday_tinyint: '3',
      start_time: '19:00:00',
      duration_time: '01:00:00',
      venue_type: '1',
      formats: 'B,O',
      format_shared_id_list: '1,17',
      time_zone: 'America/New_York',
      latitude: '42.5876',
      location_municipality: 'Greenfield',
      published: '1',
      root_server_uri: 'https://meetings.example.org',
    });
    expect(byName.get('Noon Zoom')).toMatchObject({
      venue_type: '2',
      virtual_meeting_link: 'https://zoom.us/j/85551234567',
    });
    expect((byName.get('Noon Zoom')!.formats ?? '').split(',')).toContain('VM');
    expect(byName.get('Hybrid Basic Text')).toMatchObject({
      venue_type: '3',
      duration_time: '01:30:00',
    });
    // Root servers order by weekday, then start time, unless told otherwise.
    expect(rows.map((r) => Number(r.weekday_tinyint))).toEqual([3, 4, 5, 7]);
  });

  it('has every key of the real sample (../shared/samples), apart from that server’s own fields', (context) => {
    if (!existsSync(sample('bmlt-berlin-search-results.json'))) {
      context.skip(
        '../shared/samples/bmlt-berlin-search-results.json is absent; shape check skipped',
      );
    }
    const real = JSON.parse(
      readFileSync(sample('bmlt-berlin-search-results.json'), 'utf8'),
    ) as Row[];
    // Fields the Berlin server defined for itself (BMLT lets each server add some).
    const custom = new Set([
      'zone',
      'public_transport',
      'seat_reservation',
      'format_comments',
      'contact_name1',
      'contact_name2',
      'contact_email1',
      'contact_email2',
    ]);
    const expected = Object.keys(real[0]!).filter((k) => !custom.has(k));
    return json('switcher=GetSearchResults').then((rows: Row[]) => {
      for (const key of expected) expect(rows[0]).toHaveProperty(key);
      for (const row of real)
        for (const value of Object.values(row)) expect(typeof value).toBe('string');
    });
  });

  it('answers what Crouton asks: a service body with its children, and the formats used', async () => {
    const bodies: Row[] = await json('switcher=GetServiceBodies');
    const top = bodies.find((b) => b.parent_id === '0')!;
    expect(top.name).toBe('na-area');
    const answer = await json(
      `switcher=GetSearchResults&services[]=${top.id}&recursive=1&sort_keys=start_time&get_used_formats=1`,
    );
    expect(answer.meetings.map((m: Row) => m.start_time)).toEqual([
      '10:00:00',
      '12:00:00',
      '18:30:00',
      '19:00:00',
    ]);
    const used = answer.formats.map((f: Row) => f.key_string).sort();
    expect(used).toEqual(['B', 'BT', 'C', 'HY', 'O', 'VM', 'W']);
    for (const format of answer.formats) {
      expect(Object.keys(format).sort()).toEqual([
        'description_string',
        'format_type_enum',
        'id',
        'key_string',
        'lang',
        'name_string',
        'root_server_uri',
        'world_id',
      ]);
    }
    // Without recursive=1 the top body holds none of them directly (they sit in their areas).
    expect(await json(`switcher=GetSearchResults&services=${top.id}`)).toEqual([]);
  });

  it('answers what a meeting list asks: weekday order, paged', async () => {
    const all: Row[] = await json('switcher=GetSearchResults&sort_keys=weekday_tinyint,start_time');
    const page2: Row[] = await json(
      'switcher=GetSearchResults&sort_keys=weekday_tinyint,start_time&page_size=2&page_num=2',
    );
    expect(page2).toEqual(all.slice(2, 4));
  });

  it('answers what a finder app asks: nearest N around a point, on given days, after a time', async () => {
    const fields = 'meeting_name,distance_in_miles,weekday_tinyint,start_time';
    const near: Row[] = await json(
      `switcher=GetSearchResults&lat_val=42.5876&long_val=-72.5995&geo_width=-2&sort_results_by_distance=1&data_field_key=${fields}`,
    );
    expect(near.map((r) => r.meeting_name)).toHaveLength(2);
    expect(near.map((r) => r.meeting_name)).not.toContain('Northampton Women');
    expect(Object.keys(near[0]!).sort()).toEqual(fields.split(',').sort());
    const radius: Row[] = await json(
      'switcher=GetSearchResults&lat_val=42.5876&long_val=-72.5995&geo_width_km=40&weekdays=7&StartsAfterH=9&StartsAfterM=30',
    );
    expect(radius.map((r) => r.meeting_name)).toEqual(['Northampton Women']);
    expect(Number(radius[0]!.distance_in_km)).toBeGreaterThan(25);
    const tooSmall: Row[] = await json(
      'switcher=GetSearchResults&lat_val=42.5876&long_val=-72.5995&geo_width=5&weekdays=7',
    );
    expect(tooSmall).toEqual([]);
  });

  it('is lenient with what it cannot read, and never fails', async () => {
    for (const query of [
      'switcher=GetSearchResults&weekdays=banana&venue_types=&formats=1,x,-',
      'switcher=GetSearchResults&lat_val=north&long_val=1&geo_width=3',
      'switcher=GetSearchResults&page_size=-4&page_num=zz&sort_keys=%00,,',
      'switcher=GetSearchResults&weekdays[]=2&weekdays[]=99&StartsAfterH=99',
      'switcher=GetSearchResults&SearchString=%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80',
    ]) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(200);
      expect(Array.isArray(res.json()), query).toBe(true);
    }
  });
});

describe('the other switchers', () => {
  it('GetFormats lists the formats in use, in the asked language, with stock BMLT ids', async () => {
    const formats: Row[] = await json('switcher=GetFormats&lang_enum=es');
    const open = formats.find((f) => f.key_string === 'O')!;
    expect(open).toMatchObject({ id: '17', world_id: 'OPEN', lang: 'es', format_type_enum: 'O' });
    expect(open.name_string).not.toBe('Open');
    expect(formats.find((f) => f.key_string === 'SPAD')).toBeUndefined();
    const all: Row[] = await json('switcher=GetFormats&show_all=1');
    expect(all.find((f) => f.key_string === 'SPAD')).toMatchObject({ id: '57' });
    if (existsSync(sample('bmlt-german-formats-en.json'))) {
      const real = JSON.parse(readFileSync(sample('bmlt-german-formats-en.json'), 'utf8')) as Row[];
      expect(Object.keys(all[0]!).sort()).toEqual(Object.keys(real[0]!).sort());
    }
  });

  it('GetServiceBodies nests areas under the source, with stable ids', async () => {
    const bodies: Row[] = await json('switcher=GetServiceBodies');
    const top = bodies.filter((b) => b.parent_id === '0');
    expect(top).toHaveLength(1);
    const areas = bodies
      .filter((b) => b.parent_id === top[0]!.id)
      .map((b) => b.name)
      .sort();
    expect(areas).toEqual(['Greenfield', 'Northampton']);
    for (const body of bodies)
      expect(Object.keys(body)).toEqual([
        'id',
        'parent_id',
        'name',
        'description',
        'type',
        'url',
        'helpline',
        'world_id',
      ]);
    const only: Row[] = await json(`switcher=GetServiceBodies&services=${top[0]!.id}&recursive=1`);
    expect(only).toHaveLength(3);
  });

  it('GetServerInfo describes the server like a root server', async () => {
    const [info] = await json('switcher=GetServerInfo');
    expect(info).toMatchObject({ version: '4.0.0', nativeLang: 'en', distanceUnits: 'mi' });
    // The languages the site speaks, and no other (it has no German pages).
    expect(info.langs).toBe('en,es,fr,pt');
    const german: Row[] = await json('switcher=GetFormats&lang_enum=de');
    expect(german.find((f) => f.key_string === 'O')).toMatchObject({
      lang: 'en',
      name_string: 'Open',
    });
    const french: Row[] = await json('switcher=GetFormats&lang_enum=fr');
    expect(french.find((f) => f.key_string === 'O')).toMatchObject({
      lang: 'fr',
      name_string: 'Ouverte',
    });
    expect(info.available_keys.split(',')).toContain('virtual_meeting_link');
    expect(Number(info.centerLatitude)).toBeGreaterThan(42);
  });

  it('refuses an unknown switcher with a stable code', async () => {
    const res = await get('switcher=GetMeetingsPlease');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PL_BMLT_UNKNOWN_SWITCHER');
  });
});

describe('HTTP behaviour', () => {
  it('keeps id_bigint across a refresh of the source', async () => {
    const before: Row[] = await json(
      'switcher=GetSearchResults&data_field_key=id_bigint,meeting_name',
    );
    await importFeed(app.importDeps, {
      source: 'na-area',
      location: 'test',
      program: 'na',
      rows: naRows.map((r) => (r.slug === 'noon-zoom' ? { ...r, name: 'Noon Zoom Group' } : r)),
    });
    const after: Row[] = await json(
      'switcher=GetSearchResults&data_field_key=id_bigint,meeting_name',
    );
    expect(after.map((r) => r.id_bigint).sort()).toEqual(before.map((r) => r.id_bigint).sort());
    expect(after.map((r) => r.meeting_name)).toContain('Noon Zoom Group');
  });

  it('sends an ETag, answers 304 to it, compresses, and can be read from any origin', async () => {
    const first = await get('switcher=GetSearchResults', { 'accept-encoding': 'gzip' });
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(gunzipSync(first.rawPayload).toString('utf8'))).toHaveLength(4);
    const etag = first.headers.etag as string;
    const again = await get('switcher=GetSearchResults', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    const other = await get('switcher=GetSearchResults&weekdays=2', { 'if-none-match': etag });
    expect(other.statusCode).toBe(200);
  });

  it('wraps JSONP in the callback, and refuses a callback that is not an identifier', async () => {
    const ok = await app.server.inject({
      url: '/client_interface/jsonp/?switcher=GetServerInfo&callback=jQuery1234_5678',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^application\/javascript/);
    expect(ok.body).toMatch(/^\/\*\*\/jQuery1234_5678\(\[\{.*\}\]\);$/s);
    const bad = await app.server.inject({
      url: '/client_interface/jsonp/?switcher=GetServerInfo&callback=alert(1)//',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'PL_INVALID_QUERY', field: 'callback' });
  });
});
