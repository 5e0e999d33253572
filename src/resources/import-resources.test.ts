import { readdir, readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import { startFeedServer, type FeedServer } from '../../test/support/feed-server.js';
import { fixedClock } from '../platform/clock.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { importResources, type ResourceImportDeps } from './import-resources.js';
import { ResourceRepository } from './resource-repository.js';

const fixtures = join(import.meta.dirname, '../../test/fixtures/resources');
const limits = { maxBytes: 5_000_000, timeoutMs: 5_000 };

describe.each(testDialects)('importing resources on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let deps: ResourceImportDeps;

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    deps = {
      resources: new ResourceRepository(handle.db),
      clock: fixedClock('2026-12-07T10:00:00Z'),
      limits,
    };
  });
  afterEach(async () => {
    await handle.close();
  });

  it('imports HSDS 3.0 JSON, locating every problem and keeping every valid record', async () => {
    const result = await importResources(deps, {
      source: 'bridge',
      location: join(fixtures, 'hsds-services.json'),
    });
    expect(result.source.format).toBe('hsds');
    expect(result.counts).toEqual({
      organizations: 1,
      services: 3,
      locations: 2,
      serviceAtLocations: 3,
    });
    expect(result.problems.map((p) => [p.code, p.field])).toEqual([
      ['PL_INVALID_COORDINATES', 'services[0].service_at_locations[1].location.latitude'],
      ['PL_UNKNOWN_TERM', 'services[0].attributes[6]'],
      ['PL_INVALID_SCHEDULE', 'services[0].service_at_locations[1].schedules[0].byday'],
      ['PL_DUPLICATE_ID', 'services[2].id'],
      ['PL_MISSING_FIELD', 'services[3].name'],
      ['PL_UNKNOWN_REFERENCE', 'services[4].service_at_locations[0].location_id'],
    ]);
    const directory = await deps.resources.load();
    const clinic = directory.services.find((s) => s.name.startsWith('Bridge clinic'))!;
    expect(clinic).toMatchObject({
      status: 'active',
      languages: ['en', 'es'],
      needs: ['health.addiction-recovery.medications-for-addiction'],
      recovery: {
        moud: ['buprenorphine'],
        acceptsMoud: true,
        sameDay: true,
        naloxone: true,
        walkIn: false,
      },
      eligibility: { description: 'Adults 18 and over.', minimumAge: 18, serves: ['veterans'] },
      costOptions: [
        { kind: 'medicaid', description: 'Medicaid (MassHealth)' },
        { kind: 'sliding_scale', description: 'By income' },
      ],
      schedules: [
        {
          freq: 'WEEKLY',
          byDay: ['MO', 'TU', 'WE', 'TH', 'FR'],
          opensAt: '08:00',
          closesAt: '17:00',
        },
      ],
      phones: [{ number: '+1 413 555 0101', extension: '12', type: 'voice' }],
      serviceAreas: [{ name: 'Franklin County, MA' }],
    });
    const residence = directory.services.find((s) => s.name.startsWith('Elm'))!;
    expect(residence.recovery.narrLevel).toBe(2);
    expect(residence.costOptions).toEqual([
      { kind: 'self_pay', amount: 150, currency: 'USD', description: 'per week' },
    ]);
    const hall = directory.locations.find((l) => l.name === 'Civic hall')!;
    expect(hall.latitude).toBeUndefined();
    const ride = directory.services.find((s) => s.name === 'A ride to treatment')!;
    expect(ride.needs).toEqual(['transit.transportation-for-healthcare']);
    expect(directory.serviceAtLocations.some((sal) => sal.serviceId === ride.id)).toBe(false);
  });

  it('keeps the same ids on a refresh, so links to a service stay valid', async () => {
    const location = join(fixtures, 'hsds-services.json');
    await importResources(deps, { source: 'bridge', location });
    const before = (await deps.resources.load()).services.map((s) => s.id).sort();
    await importResources(deps, { source: 'bridge', location });
    expect((await deps.resources.load()).services.map((s) => s.id).sort()).toEqual(before);
  });

  it('refuses JSON that is not JSON, or has no valid service, and keeps the previous directory', async () => {
    await importResources(deps, {
      source: 'bridge',
      location: join(fixtures, 'hsds-services.json'),
    });
    const dir = await mkdtemp(join(tmpdir(), 'resources-'));
    await writeFile(join(dir, 'broken.json'), '[{"id": "x",');
    await writeFile(join(dir, 'nameless.json'), JSON.stringify([{ id: 'a' }, { name: 'no id' }]));
    await writeFile(join(dir, 'other.json'), JSON.stringify({ meetings: [] }));
    await expect(
      importResources(deps, { source: 'bridge', location: join(dir, 'broken.json') }),
    ).rejects.toMatchObject({ code: 'PL_FEED_NOT_JSON' });
    await expect(
      importResources(deps, { source: 'bridge', location: join(dir, 'nameless.json') }),
    ).rejects.toMatchObject({ code: 'PL_FEED_NO_VALID_ROWS' });
    await expect(
      importResources(deps, { source: 'bridge', location: join(dir, 'other.json') }),
    ).rejects.toMatchObject({ code: 'PL_FEED_FORMAT_CHANGED' });
    expect((await deps.resources.load()).services).toHaveLength(3);
  });

  it('imports a spreadsheet, one row per service at a location', async () => {
    const result = await importResources(deps, {
      source: 'valley-sheet',
      location: join(fixtures, 'spreadsheet.csv'),
    });
    expect(result.source.format).toBe('csv');
    expect(result.counts).toEqual({
      organizations: 2,
      services: 2,
      locations: 3,
      serviceAtLocations: 3,
    });
    expect(result.problems.map((p) => [p.code, p.row, p.field])).toEqual([
      ['PL_MISSING_FIELD', 5, 'organization_id'],
    ]);
    const directory = await deps.resources.load();
    const clinic = directory.services.find((s) => s.name === 'Buprenorphine clinic')!;
    expect(clinic).toMatchObject({
      languages: ['en', 'es'],
      costOptions: [{ kind: 'medicaid' }, { kind: 'sliding_scale' }],
      recovery: {
        moud: ['buprenorphine'],
        acceptsMoud: true,
        naloxone: true,
        walkIn: true,
        sameDay: true,
        telehealth: false,
      },
      schedules: [
        { byDay: ['MO', 'TU', 'WE', 'TH', 'FR'], opensAt: '08:00', closesAt: '17:00' },
        { byDay: ['SA'], opensAt: '09:00', closesAt: '12:00' },
      ],
      eligibility: { minimumAge: 18 },
    });
    expect(directory.serviceAtLocations.filter((sal) => sal.serviceId === clinic.id)).toHaveLength(
      2,
    );
    const house = directory.services.find((s) => s.name === "Women's recovery house")!;
    expect(house.recovery.narrLevel).toBe(2);
    expect(house.eligibility.serves).toEqual(['women']);
    expect(house.needs).toEqual(['housing.residential-housing.recovery-residence']);
  });

  it('imports an HSDS tabular package from its folder', async () => {
    const result = await importResources(deps, {
      source: 'food',
      location: join(fixtures, 'tabular'),
    });
    expect(result.source.format).toBe('hsds-csv');
    expect(result.counts).toEqual({
      organizations: 1,
      services: 1,
      locations: 1,
      serviceAtLocations: 1,
    });
    expect(result.problems.map((p) => [p.code, p.field])).toEqual([
      ['PL_UNKNOWN_REFERENCE', 'services.csv row 3.organization_id'],
      ['PL_UNKNOWN_REFERENCE', 'service_at_locations.csv row 3.location_id'],
    ]);
    const [pantry] = (await deps.resources.load()).services;
    expect(pantry).toMatchObject({
      name: 'Greenfield food pantry',
      needs: ['food.food-pantry'],
      costOptions: [{ kind: 'free', amount: 0, currency: 'USD' }],
      languages: ['en'],
      schedules: [{ byDay: ['TU', 'TH'], opensAt: '10:00', closesAt: '14:00' }],
      phones: [{ number: '413-555-0120' }],
    });
    const [hall] = (await deps.resources.load()).locations;
    expect(hall).toMatchObject({
      latitude: 42.587,
      addresses: [{ address1: '50 Chapman St', region: 'MA' }],
    });
  });

  it('holds back a snapshot that would remove most of a source, unless allowed', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      id: `s${i}`,
      name: `Service ${i}`,
      organization: { id: 'o', name: 'Org' },
    }));
    const dir = await mkdtemp(join(tmpdir(), 'resources-'));
    await writeFile(join(dir, 'many.json'), JSON.stringify(many));
    await writeFile(join(dir, 'few.json'), JSON.stringify(many.slice(0, 3)));
    await importResources(deps, { source: 'big', location: join(dir, 'many.json') });
    await expect(
      importResources(deps, { source: 'big', location: join(dir, 'few.json') }),
    ).rejects.toMatchObject({ code: 'PL_SNAPSHOT_HELD' });
    expect((await deps.resources.load()).services).toHaveLength(12);
    await importResources(deps, {
      source: 'big',
      location: join(dir, 'few.json'),
      allowShrink: true,
    });
    expect((await deps.resources.load()).services).toHaveLength(3);
  });
});

describe('importing over HTTP and from zip files', () => {
  let server: FeedServer;
  let handle: DatabaseHandle;
  beforeEach(async () => {
    server = await startFeedServer();
    handle = await openTestDatabase('sqlite::memory:');
  });
  afterEach(async () => {
    await server.close();
    await handle.close();
  });

  it('imports a zipped tabular package from a file or a URL, and refuses what is no package', async () => {
    const tables = join(fixtures, 'tabular');
    const files: Record<string, Uint8Array> = {};
    for (const name of await readdir(tables)) {
      // Packages are often zipped from their folder: the files sit one level down.
      files[`food-package/${name}`] = await readFile(join(tables, name));
    }
    const dir = await mkdtemp(join(tmpdir(), 'resources-zip-'));
    const zipped = zipSync(files);
    await writeFile(join(dir, 'food.zip'), zipped);
    const deps = {
      resources: new ResourceRepository(handle.db),
      clock: fixedClock('2026-12-07T10:00:00Z'),
      limits,
    };
    const fromFile = await importResources(deps, {
      source: 'food',
      location: join(dir, 'food.zip'),
    });
    expect(fromFile.source.format).toBe('hsds-csv');
    expect(fromFile.counts).toMatchObject({ services: 1, locations: 1 });
    const [pantry] = (await deps.resources.load()).services;
    expect(pantry).toMatchObject({ name: 'Greenfield food pantry', needs: ['food.food-pantry'] });

    server.respond((url) =>
      url.pathname === '/food.zip'
        ? { kind: 'text', body: Buffer.from(zipped), contentType: 'application/zip' }
        : undefined,
    );
    const fromUrl = await importResources(deps, {
      source: 'food-online',
      location: `${server.origin}/food.zip`,
    });
    expect(fromUrl.counts).toEqual(fromFile.counts);

    await writeFile(join(dir, 'empty.zip'), zipSync({ 'readme.txt': new Uint8Array([104, 105]) }));
    await writeFile(join(dir, 'broken.zip'), 'not a zip at all');
    await expect(
      importResources(deps, { source: 'food', location: join(dir, 'empty.zip') }),
    ).rejects.toMatchObject({ code: 'PL_FEED_FORMAT_CHANGED' });
    await expect(
      importResources(deps, { source: 'food', location: join(dir, 'broken.zip') }),
    ).rejects.toMatchObject({ code: 'PL_FEED_UNREADABLE' });
    // An archive that claims to unpack far beyond the limit is refused before it is inflated.
    await expect(
      importResources(
        { ...deps, limits: { ...limits, maxBytes: 64 } },
        { source: 'food', location: join(dir, 'food.zip') },
      ),
    ).rejects.toMatchObject({ code: 'PL_FEED_TOO_LARGE' });
    expect((await deps.resources.load()).services).toHaveLength(2);
  });

  it('reads only the files inside a package, and refuses a descriptor that is no object', async () => {
    const deps = {
      resources: new ResourceRepository(handle.db),
      clock: fixedClock('2026-12-07T10:00:00Z'),
      limits,
    };
    const dir = await mkdtemp(join(tmpdir(), 'resources-outside-'));
    const services = await readFile(join(fixtures, 'tabular/services.csv'));
    await writeFile(join(dir, 'secret.csv'), services);
    const descriptor = (path: string) =>
      JSON.stringify({ resources: [{ name: 'services', path }] });
    const refused = async (location: string) =>
      expect(importResources(deps, { source: 'outside', location })).rejects.toMatchObject({
        code: 'PL_FEED_UNREADABLE',
      });

    // A folder: a path that climbs out of it, or an absolute one, is not read.
    for (const path of ['../secret.csv', join(dir, 'secret.csv'), 'tables/../../secret.csv']) {
      const folder = await mkdtemp(join(dir, 'package-'));
      await writeFile(join(folder, 'datapackage.json'), descriptor(path));
      await refused(folder);
    }
    // A zip: a name Object has (`__proto__`, `constructor`) is no file of the archive.
    for (const path of ['__proto__', 'constructor']) {
      await writeFile(
        join(dir, `${path}.zip`),
        zipSync({ 'datapackage.json': new TextEncoder().encode(descriptor(path)) }),
      );
      await refused(join(dir, `${path}.zip`));
    }
    // A URL: another origin, or a path above the descriptor's folder, is never asked for.
    server.respond((url) =>
      url.pathname === '/pkg/datapackage.json'
        ? { kind: 'json', body: JSON.parse(url.searchParams.get('d')!) }
        : { kind: 'text', body: services.toString() },
    );
    for (const path of [
      '../secret.csv',
      'https://elsewhere.example/services.csv',
      '//x.example/a',
    ]) {
      const d = encodeURIComponent(descriptor(path));
      await refused(`${server.origin}/pkg/datapackage.json?d=${d}`);
    }
    expect(server.requests.filter((r) => !r.startsWith('/pkg/datapackage.json'))).toEqual([]);

    // A descriptor that is JSON but not an object (`null`, a number) says no resources.
    for (const text of ['null', '7', '"x"']) {
      const folder = await mkdtemp(join(dir, 'package-'));
      await writeFile(join(folder, 'datapackage.json'), text);
      await expect(
        importResources(deps, { source: 'outside', location: folder }),
      ).rejects.toMatchObject({ code: 'PL_FEED_FORMAT_CHANGED' });
    }
    expect((await deps.resources.load()).services).toEqual([]);
  });

  it('follows the pages of /services and reads each listed service whole', async () => {
    const service = (i: number) => ({
      id: `svc-${i}`,
      name: `Service ${i}`,
      organization: { id: 'org', name: 'Org' },
      service_at_locations: [
        {
          id: `sal-${i}`,
          location: { id: `loc-${i}`, name: `Place ${i}`, latitude: 42.5, longitude: -72.5 },
        },
      ],
    });
    server.respond((url) => {
      if (url.pathname === '/api/') {
        return {
          kind: 'json',
          body: { version: '3.0', openapi_url: 'https://example.org/openapi.json' },
        };
      }
      if (url.pathname === '/api/services') {
        const page = Number(url.searchParams.get('page') ?? '1');
        // The list names services only; the third page's are read one by one.
        const contents =
          page === 3
            ? [{ id: 'svc-5', name: 'Service 5' }]
            : [service(page * 2 - 1), service(page * 2)];
        return {
          kind: 'json',
          body: {
            total_items: 5,
            total_pages: 3,
            page_number: page,
            size: 2,
            first_page: page === 1,
            last_page: page === 3,
            empty: false,
            contents,
          },
        };
      }
      if (url.pathname === '/api/services/svc-5') return { kind: 'json', body: service(5) };
      return undefined;
    });
    const resources = new ResourceRepository(handle.db);
    const result = await importResources(
      { resources, clock: fixedClock('2026-12-07T10:00:00Z'), limits },
      { source: 'state-api', location: `${server.origin}/api/`, format: 'hsds' },
    );
    expect(result.counts).toEqual({
      organizations: 1,
      services: 5,
      locations: 5,
      serviceAtLocations: 5,
    });
    expect(result.problems).toEqual([]);
    expect(server.requests).toEqual([
      '/api/',
      '/api/services',
      '/api/services?page=2',
      '/api/services?page=3',
      '/api/services/svc-5',
    ]);
  });

  it('says which page of an API is not JSON, and changes nothing', async () => {
    server.respond((url) =>
      url.searchParams.get('page') === '2'
        ? { kind: 'text', body: '<html>busy</html>', contentType: 'text/html' }
        : {
            kind: 'json',
            body: {
              page_number: 1,
              total_pages: 2,
              last_page: false,
              contents: [{ id: 'a', name: 'A', organization: { id: 'o', name: 'O' } }],
            },
          },
    );
    const resources = new ResourceRepository(handle.db);
    await expect(
      importResources(
        { resources, clock: fixedClock('2026-12-07T10:00:00Z'), limits },
        { source: 'state-api', location: `${server.origin}/services`, format: 'hsds' },
      ),
    ).rejects.toMatchObject({
      code: 'PL_FEED_NOT_JSON',
      message: expect.stringContaining('page=2'),
    });
    expect(await resources.listSources()).toEqual([]);
  });
});
