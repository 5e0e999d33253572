/**
 * The published resource directory at `/hsds/`, checked against the Open Referral HSDS schemas
 * themselves (vendored in test/fixtures/hsds/schema, validated with ajv), and the standard's
 * own example service imported. Our typebox schemas serialise the answers; these tests make
 * sure that what they let through is what the standard says.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { fixedClock } from '../src/platform/clock.js';
import { collectionsOfHsdsJson } from '../src/resources/import/hsds-shapes.js';
import { readHsdsCollections } from '../src/resources/import/read-hsds.js';
import { importResources } from '../src/resources/import-resources.js';
import { createTestApp } from './support/app.js';

const hsds = join(import.meta.dirname, 'fixtures/hsds');
const schemaBase =
  'https://raw.githubusercontent.com/openreferral/specification/refs/heads/3.2/schema/';

/** The standard's validator of one object kind (`service`, `location`, ...). */
function hsdsValidator(kind: string): ValidateFunction {
  // The schemas carry the tabular format's own keywords (`constraints`, `core`, ...): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const file of readdirSync(join(hsds, 'schema'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(hsds, 'schema', file), 'utf8')) as object);
  }
  return ajv.getSchema(`${schemaBase}${kind}.json`)!;
}

const validService = hsdsValidator('service');

function expectValid(service: unknown): void {
  const ok = validService(service);
  expect(ok, JSON.stringify(validService.errors?.slice(0, 5))).toBe(true);
}

let app: App;
const limits = { maxBytes: 5_000_000, timeoutMs: 5_000 };

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock: fixedClock('2026-11-26T23:00:00Z') });
  // A second directory the center keeps for its coaches only.
  await importResources(
    { resources: app.repos.resources, clock: fixedClock('2026-11-26T23:00:00Z'), limits },
    {
      source: 'desk-only',
      location: join(import.meta.dirname, 'fixtures/resources/hsds-services.json'),
    },
  );
});
afterAll(async () => app.close());

const get = (url: string) => app.server.inject({ method: 'GET', url });

interface Page {
  total_items: number;
  total_pages: number;
  contents: Record<string, unknown>[];
}

async function everyService(full: boolean): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    const body = (await get(`/hsds/services?per_page=500&page=${page}&full=${full}`)).json<Page>();
    all.push(...body.contents);
    if (page >= body.total_pages) return all;
  }
}

describe('the resource directory at /hsds/', () => {
  it('the vendored schemas accept the standard’s own example service', () => {
    const example: unknown = JSON.parse(
      readFileSync(join(hsds, 'examples/service_full.json'), 'utf8'),
    );
    expectValid(example);
    // And they can refuse: a service without its status is no HSDS service.
    const { status: _status, ...statusless } = example as Record<string, unknown>;
    expect(validService(statusless)).toBe(false);
  });

  it('serves every published service, meetings and resources, valid against the HSDS schemas', async () => {
    const services = await everyService(true);
    const published = await app.repos.resources.load(await app.repos.resources.publicSourceIds());
    const resourceIds = new Set(published.services.map((s) => s.id));
    expect(resourceIds.size).toBe(11);
    expect(services.filter((s) => resourceIds.has(s.id as string))).toHaveLength(11);
    for (const service of services) expectValid(service);
    // The list's one-to-one fields are services too.
    for (const item of await everyService(false)) expectValid(item);
  });

  it('keeps a source nobody published off /hsds/ and off the public search, until it is published', async () => {
    const bridge = (await app.repos.resources.load()).services.find((s) =>
      s.name.startsWith('Bridge clinic'),
    )!;
    expect((await get(`/hsds/services/${bridge.id}`)).statusCode).toBe(404);
    const search = async () =>
      (await get('/api/v1/resources/search?q=bridge%20clinic')).json<{ total: number }>().total;
    expect(await search()).toBe(0);
    expect(await app.repos.resources.setPublic('desk-only', true)).toBe(true);
    try {
      const res = await get(`/hsds/services/${bridge.id}`);
      expect(res.statusCode).toBe(200);
      expectValid(res.json());
      expect(await search()).toBe(1);
    } finally {
      await app.repos.resources.setPublic('desk-only', false);
    }
    expect((await get(`/hsds/services/${bridge.id}`)).statusCode).toBe(404);
  });

  it('writes what the import reads: a served service imports back with nothing lost', async () => {
    const published = await app.repos.resources.load(await app.repos.resources.publicSourceIds());
    const served = await Promise.all(
      published.services.map(async (s) => (await get(`/hsds/services/${s.id}`)).json<unknown>()),
    );
    const again = readHsdsCollections(collectionsOfHsdsJson(served), 'round-trip');
    expect(again.problems).toEqual([]);
    const byName = new Map(again.directory.services.map((s) => [s.name, s]));
    for (const original of published.services) {
      const copy = byName.get(original.name)!;
      expect(copy.recovery).toEqual(original.recovery);
      expect(copy.needs).toEqual(original.needs);
      expect(copy.eligibility).toEqual(original.eligibility);
      expect(copy.costOptions).toEqual(original.costOptions);
      expect(copy.languages).toEqual(original.languages);
      expect(copy.phones).toEqual(original.phones);
      expect(copy.schedules).toEqual(original.schedules);
    }
    expect(again.directory.locations).toHaveLength(published.locations.length);
  });
});

describe('the HSDS standard’s example data', () => {
  it('imports cleanly: every record kept, only its placeholder values refused', async () => {
    const result = await importResources(
      { resources: app.repos.resources, clock: fixedClock('2026-11-26T23:00:00Z'), limits },
      { source: 'hsds-example', location: join(hsds, 'examples/service_full.json') },
    );
    expect(result.counts).toEqual({
      organizations: 1,
      services: 1,
      locations: 1,
      serviceAtLocations: 1,
    });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The example's placeholders: a latitude of 100, a taxonomy term named "name", a cost
    // option with no kind a person could ask for.
    expect(result.problems.map((p) => [p.code, p.field])).toEqual([
      ['PL_INVALID_COORDINATES', 'service.service_at_locations[0].location.latitude'],
      ['PL_UNKNOWN_TERM', 'service.attributes[0]'],
      ['PL_INVALID_FIELD', 'service.cost_options[0].option'],
    ]);
    const { services } = await app.repos.resources.load(result.source.id);
    expect(services[0]).toMatchObject({
      name: 'Community Counselling',
      status: 'active',
      languages: ['ur'],
      eligibility: { minimumAge: 12, maximumAge: 100 },
      phones: [{ number: '+44 1234 234567', extension: '100', type: 'voice' }],
      schedules: [{ freq: 'WEEKLY', byDay: ['TH', 'FR'], opensAt: '10:00', closesAt: '18:00' }],
    });
  });
});
