import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import {
  HsdsRootSchema,
  HsdsServiceListItemSchema,
  HsdsServicePageSchema,
  HsdsServiceSchema,
} from '../src/feeds/hsds/hsds-schema.js';
import { fixedClock } from '../src/platform/clock.js';
import { importFeed } from '../src/sources/import-feed.js';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';

let app: App;

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock: fixedClock('2026-11-26T23:00:00Z') });
  await importFeed(app.importDeps, {
    source: 'hsds-check',
    location: 'test',
    rows: [
      mgRow({
        slug: 'hsds-hybrid',
        name: 'HSDS Hybrid Check',
        conference_url: 'https://zoom.us/j/85551234567',
        conference_phone: '+16465588656,,85551234567#',
        types: ['O', 'B'],
      }),
      mgOnlineRow({ slug: 'hsds-online', name: 'HSDS Online Check' }),
    ],
  });
});
afterAll(async () => app.close());

const get = (url: string) => app.server.inject({ method: 'GET', url });
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Fields the HSDS 3.0 schema requires of each object (schema/*.json "required"). */
const required = {
  service: ['id', 'name', 'status'],
  organization: ['id', 'name', 'description'],
  location: ['id', 'location_type'],
  address: ['id', 'address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
  phone: ['id', 'number'],
  schedule: ['id'],
  service_at_location: ['id'],
  language: ['id'],
};

function expectValidService(service: Record<string, unknown>): void {
  expect(
    Value.Check(HsdsServiceSchema, service),
    JSON.stringify(Value.Errors(HsdsServiceSchema, service)),
  ).toBe(true);
  for (const key of required.service) expect(service).toHaveProperty(key);
  expect(service.id).toMatch(uuid);
  const organization = service.organization as Record<string, unknown>;
  for (const key of required.organization) expect(organization).toHaveProperty(key);
  for (const sal of service.service_at_locations as Record<string, unknown>[]) {
    for (const key of required.service_at_location) expect(sal).toHaveProperty(key);
    const location = sal.location as Record<string, unknown>;
    for (const key of required.location) expect(location).toHaveProperty(key);
    for (const address of (location.addresses ?? []) as Record<string, unknown>[])
      for (const key of required.address) expect(address).toHaveProperty(key);
  }
  for (const phone of service.phones as Record<string, unknown>[])
    for (const key of required.phone) expect(phone).toHaveProperty(key);
  for (const schedule of service.schedules as Record<string, unknown>[])
    for (const key of required.schedule) expect(schedule).toHaveProperty(key);
}

describe('HSDS 3.0 export', () => {
  it('describes itself at /hsds/', async () => {
    const res = await get('/hsds/');
    expect(res.statusCode).toBe(200);
    expect(Value.Check(HsdsRootSchema, res.json())).toBe(true);
    expect(res.json().version).toBe('3.0');
  });

  it('pages through every meeting and published resource exactly once', async () => {
    const first = (await get('/hsds/services?per_page=7')).json();
    expect(Value.Check(HsdsServicePageSchema, first)).toBe(true);
    expect(first).toMatchObject({
      page_number: 1,
      size: 7,
      first_page: true,
      last_page: false,
      empty: false,
    });
    expect(first.total_pages).toBe(Math.ceil(first.total_items / 7));
    const published = await app.repos.resources.load(await app.repos.resources.publicSourceIds());
    expect(first.total_items).toBe((await app.repos.meetings.count()) + published.services.length);
    const seen: string[] = [];
    for (let page = 1; page <= first.total_pages; page++) {
      const body = (await get(`/hsds/services?per_page=7&page=${page}`)).json();
      expect(body.last_page).toBe(page === first.total_pages);
      for (const item of body.contents) {
        expect(Value.Check(HsdsServiceListItemSchema, item)).toBe(true);
        seen.push(item.id);
      }
    }
    expect(seen).toHaveLength(first.total_items);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers an empty page past the end and refuses impossible pages', async () => {
    const total = (await get('/hsds/services?per_page=500')).json().total_items;
    const past = (await get(`/hsds/services?per_page=10&page=${Math.ceil(total / 10) + 1}`)).json();
    expect(past).toMatchObject({
      size: 0,
      empty: true,
      last_page: true,
      first_page: false,
      contents: [],
    });
    const exact = (await get(`/hsds/services?per_page=${total}`)).json();
    expect(exact).toMatchObject({ total_pages: 1, first_page: true, last_page: true, size: total });
    const none = (await get('/hsds/services?search=zzqqxxnothing')).json();
    expect(none).toMatchObject({
      total_items: 0,
      total_pages: 0,
      empty: true,
      first_page: true,
      last_page: true,
    });
    for (const query of [
      'page=0',
      'per_page=0',
      'per_page=501',
      'page=two',
      'modified_after=yesterday',
    ]) {
      const res = await get(`/hsds/services?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('PL_INVALID_QUERY');
    }
  });

  it('keeps its page-size cap against non-finite, huge and fractional numbers', async () => {
    for (const [query, field] of [
      ['per_page=Infinity&full=true', 'per_page'],
      ['per_page=1e999&full=true', 'per_page'],
      ['per_page=-Infinity', 'per_page'],
      ['per_page=1e3', 'per_page'],
      ['per_page=10.5', 'per_page'],
      ['per_page=0x10', 'per_page'],
      ['page=Infinity', 'page'],
      ['page=1e309', 'page'],
      ['page=99999999999999999999', 'page'],
      ['page=1&page=2', 'page'],
    ] as const) {
      const res = await get(`/hsds/services?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error, query).toMatchObject({ code: 'PL_INVALID_QUERY', field });
    }
    expect((await get('/hsds/services?per_page=+7')).json().size).toBe(7);
  });

  it('filters by search, organization and modification date', async () => {
    const found = (await get('/hsds/services?search=hsds%20check')).json();
    expect(found.contents.map((s: { name: string }) => s.name).sort()).toEqual([
      'HSDS Hybrid Check',
      'HSDS Online Check',
    ]);
    const org = found.contents[0].organization_id;
    const byOrg = (await get(`/hsds/services?organization_id=${org}`)).json();
    for (const s of byOrg.contents) expect(s.organization_id).toBe(org);
    expect((await get('/hsds/services?modified_after=2999-01-01')).json().total_items).toBe(0);
  });

  it('serves a fully nested service: organization, room and online room, dial-in, schedule', async () => {
    const list = (await get('/hsds/services?search=hsds%20hybrid%20check')).json();
    const id = list.contents[0].id;
    const res = await get(`/hsds/services/${id}`);
    expect(res.statusCode).toBe(200);
    const service = res.json();
    expectValidService(service);
    expect(service).toMatchObject({ id, name: 'HSDS Hybrid Check', status: 'active' });
    const types = service.service_at_locations.map(
      (s: { location: { location_type: string } }) => s.location.location_type,
    );
    expect(types.sort()).toEqual(['physical', 'virtual']);
    expect(service.phones).toEqual([
      expect.objectContaining({
        number: '+16465588656',
        type: 'voice',
        description: expect.stringContaining('85551234567#'),
      }),
    ]);
    expect(service.schedules).toEqual([
      expect.objectContaining({
        freq: 'WEEKLY',
        interval: 1,
        byday: 'TU',
        opens_at: '19:00-05:00',
        closes_at: '20:00-05:00',
        timezone: -5,
      }),
    ]);
    // The same service in a full page is the same object.
    const page = (await get('/hsds/services?search=hsds%20hybrid%20check&full=true')).json();
    expect(page.contents[0]).toEqual(service);
  });

  it('validates every service of the demo directory against the schema', async () => {
    const body = (await get('/hsds/services?per_page=500&full=true')).json();
    expect(body.contents.length).toBeGreaterThan(50);
    for (const service of body.contents) expectValidService(service);
  });

  it('answers 404 with a stable code for an unknown id', async () => {
    for (const id of ['00000000-0000-5000-8000-000000000000', 'not-a-uuid']) {
      const res = await get(`/hsds/services/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('PL_SERVICE_NOT_FOUND');
    }
  });
});
