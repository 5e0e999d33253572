import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bmltRow } from '../../test/factories/bmlt.js';
import { mgRow } from '../../test/factories/meeting-guide.js';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import { fixedClock } from '../platform/clock.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { createRepositories, type Repositories } from '../repositories.js';
import { importSource, type ImportDeps } from './import-source.js';

const dir = mkdtempSync(join(tmpdir(), 'porchlight-source-'));
let n = 0;
function file(name: string, content: string): string {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, content);
  return path;
}

describe.each(testDialects)('importSource on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let repos: Repositories;
  let deps: ImportDeps;

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    repos = createRepositories(handle.db);
    deps = {
      repos,
      clock: fixedClock('2026-11-01T12:00:00Z'),
      limits: { maxBytes: 1_000_000, timeoutMs: 2_000 },
    };
  });
  afterEach(async () => handle.close());

  it('tells a new source’s format from its content and remembers it', async () => {
    const sheet = file(
      'sheet.txt',
      'Name,Day,Time,Address,City,State,Slug\nHope,Monday,19:00,1 Main St,Greenfield,MA,hope\n',
    );
    const report = await importSource(deps, {
      source: 'sheet',
      location: sheet,
      timeZone: 'America/New_York',
    });
    expect(report).toMatchObject({ outcome: 'applied', format: 'csv', added: 1 });
    expect(await repos.sources.findByName('sheet')).toMatchObject({ format: 'csv', program: 'aa' });

    const saved = file('answer.json', JSON.stringify([bmltRow()]));
    const bmlt = await importSource(deps, { source: 'saved-bmlt', location: saved });
    expect(bmlt).toMatchObject({ outcome: 'applied', format: 'bmlt', added: 1 });
    expect(await repos.sources.findByName('saved-bmlt')).toMatchObject({
      format: 'bmlt',
      program: 'na',
    });
  });

  it('reads a source in its remembered format, and in a new one when told', async () => {
    const json = file('feed.json', JSON.stringify([mgRow()]));
    await importSource(deps, { source: 'list', location: json });
    expect((await repos.sources.findByName('list'))!.format).toBe('meeting-guide');
    const sheet = file(
      'list.txt',
      'Name,Day,Time,Address,City,State,Slug\nHope,Monday,19:00,1 Main St,Greenfield,MA,hope\n',
    );
    // The remembered format reads the sheet as JSON and fails, keeping the list.
    const wrong = await importSource(deps, { source: 'list', location: sheet });
    expect(wrong).toMatchObject({ outcome: 'failed', error: { code: 'PL_FEED_NOT_JSON' } });
    expect(await repos.meetings.count()).toBe(1);
    const told = await importSource(deps, { source: 'list', location: sheet, format: 'csv' });
    expect(told).toMatchObject({ outcome: 'applied', added: 1, removed: 1 });
    expect((await repos.sources.findByName('list'))!.format).toBe('csv');
  });

  it('refuses to guess a format it cannot tell', async () => {
    const page = file('page.txt', '<!doctype html><title>Not a feed</title>');
    await expect(importSource(deps, { source: 'page', location: page })).rejects.toMatchObject({
      code: 'PL_FEED_FORMAT_UNKNOWN',
    });
    expect(await repos.sources.findByName('page')).toBeUndefined();
  });

  it('leaves no source behind when a first import is interrupted or fails', async () => {
    // A transaction that dies while writing meetings, as a process killed mid-import does.
    const interrupted: ImportDeps = {
      ...deps,
      repos: {
        ...repos,
        transaction: (work) =>
          repos.transaction((trx) => {
            const meetings = Object.assign(Object.create(trx.meetings) as typeof trx.meetings, {
              insert: () => Promise.reject(new Error('killed')),
            });
            return work({ ...trx, meetings });
          }),
      },
    };
    const feed = file('feed.json', JSON.stringify([mgRow()]));
    await expect(importSource(interrupted, { source: 'first', location: feed })).rejects.toThrow(
      'killed',
    );
    expect(await repos.sources.list()).toEqual([]);
    expect(await repos.meetings.count()).toBe(0);

    const broken = await importSource(deps, {
      source: 'broken',
      location: file('x.json', '{'),
      format: 'meeting-guide',
    });
    expect(broken).toMatchObject({ outcome: 'failed', error: { code: 'PL_FEED_NOT_JSON' } });
    expect(await repos.sources.list()).toEqual([]);

    // The same feed, read whole: the source and its meetings arrive together.
    expect(await importSource(deps, { source: 'first', location: feed })).toMatchObject({
      outcome: 'applied',
      added: 1,
    });
    expect((await repos.sources.list()).map((s) => s.name)).toEqual(['first']);
  });
});
