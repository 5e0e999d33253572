import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationNames } from '../src/platform/database/migrate.js';

const root = join(import.meta.dirname, '..');
const fixture = (name: string) => join(root, 'test', 'fixtures', 'meeting-guide', name);
const dir = mkdtempSync(join(tmpdir(), 'porchlight-cli-'));
const databaseUrl = `sqlite:${join(dir, 'cli.db')}`;

function porchlight(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'porchlight.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('porchlight CLI', { timeout: 120_000 }, () => {
  it('prints help and exits 0; bad usage exits 2', () => {
    const help = porchlight('--help');
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'import', 'export', 'validate', 'demo'])
      expect(help.stdout).toContain(command);
    expect(porchlight('frobnicate').code).toBe(2);
    const missing = porchlight('import', fixture('franklin-county.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--source');
  });

  it('migrates, imports, re-imports unchanged and exports', () => {
    expect(JSON.parse(porchlight('migrate', '--json').stdout)).toMatchObject({
      applied: migrationNames,
    });
    const first = porchlight(
      'import',
      fixture('franklin-county.json'),
      '--source',
      'franklin',
      '--json',
    );
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ outcome: 'applied', added: 5, errorCount: 0 });
    const again = porchlight('import', fixture('franklin-county.json'), '--source', 'franklin');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('franklin: unchanged');
    const out = join(dir, 'export.json');
    expect(porchlight('export', '-o', out).code).toBe(0);
    const rows = JSON.parse(readFileSync(out, 'utf8')) as { slug: string; day?: number }[];
    // Colrain Noon meets three days a week: one row per day.
    expect(rows.map((r) => r.slug).sort()).toEqual([
      'by-appointment',
      'colrain-noon-friday',
      'colrain-noon-monday',
      'colrain-noon-wednesday',
      'greenfield-big-book',
      'grupo-nueva-vida',
      'heath',
    ]);
  });

  it('reports located problems, imports the valid rows, and fails in strict mode', () => {
    const lenient = porchlight('import', fixture('with-problems.json'), '--source', 'problems');
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('row 1 (bad-day) day:');
    expect(lenient.stdout).toContain('[PL_INVALID_DAY]');
    expect(lenient.stdout).toContain('row 2 (sneaky) conference_url:');
    expect(lenient.stdout).toContain('[PL_UNSAFE_URL]');
    const strict = porchlight(
      'import',
      fixture('with-problems.json'),
      '--source',
      'strict',
      '--strict',
      '--json',
    );
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({
      outcome: 'rejected',
      added: 0,
      errorCount: 3,
    });
  });

  it('fails with the feed’s error code when a feed cannot be read', () => {
    const broken = porchlight('import', fixture('truncated.json'), '--source', 'broken');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('PL_FEED_NOT_JSON');
    const rejected = porchlight('import', 'http://example.org/feed.json', '--source', 'remote');
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('PL_FEED_URL_REJECTED');
  });

  it('validates feeds with located problems and a meaningful exit code', () => {
    const good = porchlight('validate', fixture('franklin-county.json'));
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('The feed is valid.');
    const bad = porchlight('validate', fixture('with-problems.json'), '--json');
    expect(bad.code).toBe(1);
    const result = JSON.parse(bad.stdout);
    expect(result).toMatchObject({ valid: false, rowCount: 5, validRows: 2, errorCount: 3 });
    expect(
      result.problems.map((p: { index: number; code: string }) => `${p.index}:${p.code}`),
    ).toEqual(
      expect.arrayContaining([
        '1:PL_INVALID_DAY',
        '2:PL_UNSAFE_URL',
        '2:PL_UNKNOWN_TYPE',
        '3:PL_MISSING_NAME',
        '4:PL_DUPLICATE_SLUG',
      ]),
    );
    const notJson = porchlight('validate', fixture('truncated.json'));
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('PL_FEED_NOT_JSON');
  });

  it('writes a synthetic feed for benchmarks and loads the demo region', () => {
    const out = join(dir, 'synthetic.json');
    expect(porchlight('demo', '--count', '250', '-o', out).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(250);
    const demo = porchlight('demo', '--json');
    expect(demo.code).toBe(0);
    const reports = JSON.parse(demo.stdout) as { source: string; added: number }[];
    expect(reports.map((r) => r.source)).toEqual([
      'demo-aa',
      'demo-na',
      'demo-al-anon',
      'demo-smart',
      'demo-ga',
    ]);
    expect(porchlight('demo', '--count', 'many').code).toBe(2);
  });
});
