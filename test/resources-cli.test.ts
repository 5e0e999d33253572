import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPorchlight } from './support/cli.js';

const root = join(import.meta.dirname, '..');
const fixture = (name: string) => join(root, 'test', 'fixtures', 'resources', name);
const dir = mkdtempSync(join(tmpdir(), 'porchlight-resources-cli-'));
const databaseUrl = `sqlite:${join(dir, 'cli.db')}`;

function porchlight(...args: string[]) {
  return runPorchlight({ DATABASE_URL: databaseUrl }, args);
}

describe('porchlight resources', { timeout: 120_000 }, () => {
  it('imports each format, lists the sources, and refuses bad input with its code', () => {
    const hsds = porchlight(
      'resources',
      'import',
      fixture('hsds-services.json'),
      '--source',
      'bridge',
    );
    expect(hsds.code).toBe(0);
    expect(hsds.stdout).toContain('bridge (hsds): 3 services at 2 locations of 1 organization');
    expect(hsds.stdout).toContain('[PL_DUPLICATE_ID]');

    const sheet = porchlight(
      'resources',
      'import',
      fixture('spreadsheet.csv'),
      '--source',
      'valley',
      '--json',
    );
    expect(sheet.code).toBe(0);
    expect(JSON.parse(sheet.stdout)).toMatchObject({ counts: { services: 2, locations: 3 } });

    const tables = porchlight(
      'resources',
      'import',
      fixture('tabular'),
      '--source',
      'food',
      '--format',
      'hsds-csv',
    );
    expect(tables.code).toBe(0);

    const list = porchlight('resources', 'list', '--json');
    expect(
      JSON.parse(list.stdout).sources.map((s: { name: string; services: number }) => [
        s.name,
        s.services,
      ]),
    ).toEqual([
      ['bridge', 3],
      ['food', 1],
      ['valley', 2],
    ]);

    expect(JSON.parse(list.stdout).sources.every((s: { public: boolean }) => !s.public)).toBe(true);
    const publish = porchlight('resources', 'publish', 'food');
    expect(publish.code).toBe(0);
    expect(porchlight('resources', 'list').stdout).toMatch(/food {2}hsds-csv {2}public/);
    expect(porchlight('resources', 'unpublish', 'food').code).toBe(0);
    const nowhere = porchlight('resources', 'publish', 'nowhere');
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('PL_SOURCE_NOT_FOUND');
    const republished = porchlight(
      'resources',
      'import',
      fixture('spreadsheet.csv'),
      '--source',
      'valley',
      '--public',
      '--json',
    );
    expect(JSON.parse(republished.stdout).source.public).toBe(true);

    const bad = porchlight(
      'resources',
      'import',
      fixture('spreadsheet.csv'),
      '--source',
      'Bad Name',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('PL_INVALID_SOURCE_NAME');
    expect(porchlight('resources', 'import', fixture('spreadsheet.csv')).code).toBe(2);
    expect(
      porchlight('resources', 'import', 'x.json', '--source', 'x', '--format', 'xml').code,
    ).toBe(2);
  });

  it('schedules a source, refreshes it now, and refuses a bad interval or an unknown name', () => {
    const scheduled = porchlight('resources', 'schedule', 'bridge', '--every', '1d', '--json');
    expect(scheduled.code).toBe(0);
    expect(JSON.parse(scheduled.stdout)).toMatchObject({ source: 'bridge', every: 86_400 });
    const refreshed = porchlight('resources', 'refresh', 'bridge', '--json');
    expect(refreshed.code).toBe(0);
    // The file has not changed since it was imported: nothing is written.
    expect(JSON.parse(refreshed.stdout)).toMatchObject({
      outcome: 'unchanged',
      counts: { services: 3 },
    });
    expect(porchlight('resources', 'list').stdout).toContain('last pass: unchanged');
    expect(porchlight('resources', 'schedule', 'bridge', '--every', '10s').code).toBe(2);
    expect(porchlight('resources', 'schedule', 'bridge', '--every', 'never').stdout).toContain(
      'only when asked',
    );
    const nowhere = porchlight('resources', 'refresh', 'nowhere');
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('PL_SOURCE_NOT_FOUND');
    const noCenter = porchlight(
      'resources',
      'import',
      fixture('spreadsheet.csv'),
      '--source',
      'valley',
      '--center',
      'nowhere',
    );
    expect(noCenter.code).toBe(1);
    expect(noCenter.stderr).toContain('PL_CENTER_NOT_FOUND');
  });
});
