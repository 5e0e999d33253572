import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import type { ResourceSource } from './model.js';
import { ResourceRepository } from './resource-repository.js';
import { franklinCountyDirectory, testOrganization, testService } from './test-directory.js';

const at = '2026-12-07T10:00:00.000Z';
const report = { counts: { services: 2 }, problems: [] };

function source(id: string, name: string): ResourceSource {
  return { id, name, format: 'hsds', location: `${name}.json`, createdAt: at, public: false };
}

describe.each(testDialects)('the resource directory on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let repo: ResourceRepository;

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    repo = new ResourceRepository(handle.db);
  });
  afterEach(async () => {
    await handle.close();
  });

  it('keeps every part of a directory as it was given', async () => {
    await repo.putSource(source('s1', 'valley'));
    const directory = franklinCountyDirectory('s1');
    await repo.replaceSource('s1', directory, at, report);
    const loaded = await repo.load();
    const byId = <T extends { id: string }>(xs: T[]) =>
      [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(loaded.organizations).toEqual(byId(directory.organizations));
    expect(loaded.services).toEqual(byId(directory.services));
    expect(loaded.locations).toEqual(byId(directory.locations));
    expect(loaded.serviceAtLocations).toEqual(byId(directory.serviceAtLocations));
    expect(
      await repo.serviceIdsWithNeed('health.addiction-recovery.medications-for-addiction'),
    ).toEqual([directory.services[0]!.id]);
  });

  it("replaces one source's records and leaves another source's alone", async () => {
    await repo.putSource(source('s1', 'valley'));
    await repo.putSource(source('s2', 'hills'));
    await repo.replaceSource('s1', franklinCountyDirectory('s1'), at, report);
    await repo.replaceSource('s2', franklinCountyDirectory('s2'), at, report);
    const org = testOrganization('s1', 'org-9');
    await repo.replaceSource(
      's1',
      {
        organizations: [org],
        services: [testService(org, 'only')],
        locations: [],
        serviceAtLocations: [],
      },
      '2026-12-08T10:00:00.000Z',
      { counts: { services: 1 }, problems: [] },
    );
    expect((await repo.load('s1')).services.map((s) => s.name)).toEqual(['Service only']);
    expect((await repo.load('s2')).services).toHaveLength(2);
    const summaries = await repo.listSources();
    expect(summaries.map((s) => [s.name, s.services, s.locations, s.lastImportAt])).toEqual([
      ['hills', 2, 2, at],
      ['valley', 1, 0, '2026-12-08T10:00:00.000Z'],
    ]);
    expect(summaries[1]!.lastReport?.counts).toEqual({ services: 1 });
  });

  it('applies nothing of a replacement that fails part way', async () => {
    await repo.putSource(source('s1', 'valley'));
    await repo.replaceSource('s1', franklinCountyDirectory('s1'), at, report);
    const broken = franklinCountyDirectory('s1');
    broken.services.push({ ...broken.services[0]! }); // the same id twice: the insert fails
    await expect(repo.replaceSource('s1', broken, at, report)).rejects.toThrow();
    expect((await repo.load('s1')).services).toHaveLength(2);
    expect((await repo.load('s1')).locations).toHaveLength(2);
  });

  it('updates where a known source is read from rather than registering it twice', async () => {
    await repo.putSource(source('s1', 'valley'));
    await repo.putSource({ ...source('other-id', 'valley'), format: 'csv', location: 'v.csv' });
    expect(await repo.sourceByName('valley')).toEqual({
      ...source('s1', 'valley'),
      format: 'csv',
      location: 'v.csv',
    });
  });

  it('publishes a source and takes it back, and a stale list can tell', async () => {
    await repo.putSource(source('s1', 'valley'));
    await repo.putSource(source('s2', 'hills'));
    await repo.replaceSource('s1', franklinCountyDirectory('s1'), at, report);
    await repo.replaceSource('s2', franklinCountyDirectory('s2'), at, report);
    expect(await repo.publicSourceIds()).toEqual([]);
    const before = await repo.signature();
    expect(await repo.setPublic('hills', true)).toBe(true);
    expect(await repo.setPublic('nowhere', true)).toBe(false);
    expect(await repo.signature()).not.toBe(before);
    expect(await repo.publicSourceIds()).toEqual(['s2']);
    expect((await repo.sourceByName('hills'))?.public).toBe(true);
    const published = await repo.load(await repo.publicSourceIds());
    expect(new Set(published.services.map((s) => s.sourceId))).toEqual(new Set(['s2']));
    expect(await repo.load([])).toEqual({
      organizations: [],
      locations: [],
      services: [],
      serviceAtLocations: [],
    });
    await repo.setPublic('hills', false);
    expect(await repo.publicSourceIds()).toEqual([]);
  });
});
