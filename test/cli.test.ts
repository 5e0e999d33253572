import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildStamp, freshCompiledEntry, serverBuildDir } from '../bin/build-state.js';
import { migrationNames } from '../src/platform/database/migrate.js';
import { runPorchlight } from './support/cli.js';

const root = join(import.meta.dirname, '..');
const fixture = (name: string) => join(root, 'test', 'fixtures', 'meeting-guide', name);
const dir = mkdtempSync(join(tmpdir(), 'porchlight-cli-'));
const databaseUrl = `sqlite:${join(dir, 'cli.db')}`;

function porchlight(...args: string[]) {
  return runPorchlight({ DATABASE_URL: databaseUrl }, args);
}

describe('porchlight CLI', { timeout: 120_000 }, () => {
  it('runs the compiled copy the test set-up built', () => {
    // test/support/client-build.ts compiles src/ before the tests; bin/ then skips tsx.
    expect(freshCompiledEntry(root)).toBe(join(root, serverBuildDir, 'cli', 'main.js'));
  });

  it('prints the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const result = porchlight(flag);
      expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

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

  it('prints the text line’s reply to a message, in English or Spanish', () => {
    const reply = porchlight('textline', 'try', '01301');
    expect(reply.code).toBe(0);
    expect(reply.stdout).toMatch(/^Next meetings near Greenfield, MA:\n1\) /);
    expect(reply.stdout).toContain('/meetings/');
    const spanish = porchlight('textline', 'try', '01301', '--lang', 'es', '--json');
    expect(spanish.code).toBe(0);
    const { messages } = JSON.parse(spanish.stdout) as { messages: string[] };
    expect(messages[0]).toMatch(/^Proximas reuniones cerca de Greenfield, MA:/);
    expect(porchlight('textline', 'try', 'help').stdout).toContain('988');
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

  it('validates a CSV sheet as a sheet: spreadsheet rows, column headers, stable codes', () => {
    const sheet = join(root, 'test', 'fixtures', 'csv', 'tsml-template.csv');
    const text = porchlight('validate', sheet);
    expect(text.code).toBe(1);
    expect(text.stderr).toBe('');
    expect(text.stdout).not.toMatch(/JSON/);
    expect(text.stdout).toContain('(csv): 4 rows, 3 importable; 1 error');
    expect(text.stdout).toMatch(/error +row 5 \(broken-time\) Time: .*\[PL_INVALID_TIME\]/);
    const json = JSON.parse(porchlight('validate', sheet, '--json').stdout);
    expect(json).toMatchObject({ format: 'csv', valid: false, rowCount: 4, errorCount: 1 });
    expect(json.problems).toContainEqual(
      expect.objectContaining({ row: 5, field: 'Time', code: 'PL_INVALID_TIME' }),
    );

    // Without a .csv name the content tells; a file that is neither says how to name it.
    const renamed = join(dir, 'sheet.txt');
    copyFileSync(sheet, renamed);
    expect(porchlight('validate', renamed).stdout).toContain('(csv): 4 rows');
    const prose = join(dir, 'notes.txt');
    writeFileSync(prose, 'Meetings on Tuesdays at the hall.\n');
    const unknown = porchlight('validate', prose);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error PL_FEED_FORMAT_UNKNOWN: .*--format/);
    // Named, the format is taken at its word.
    expect(porchlight('validate', renamed, '--format', 'meeting-guide').stderr).toContain(
      'PL_FEED_NOT_JSON',
    );
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

/** Runs the CLI in a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
function porchlightAtTerminal(...args: string[]) {
  const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, join(root, 'bin', 'porchlight.js'), ...args].map(quote);
  const result = spawnSync('script', ['-qec', command.join(' '), '/dev/null'], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${join(dir, 'terminal.db')}`,
      LOG_LEVEL: 'silent',
    },
    timeout: 60_000,
  });
  return { code: result.status, output: result.stdout };
}

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('progress of long work', { timeout: 120_000 }, () => {
  it.skipIf(!hasScript)('shows bars with counts at a terminal', () => {
    const imported = porchlightAtTerminal(
      'import',
      fixture('franklin-county.json'),
      '--source',
      'franklin',
    );
    expect(imported.code).toBe(0);
    expect(imported.output).toMatch(/franklin \[[^\]]*\] 5\/5 rows parsed/);
    expect(imported.output).toMatch(/franklin \[[^\]]*\] 5\/5 meetings written/);
    const out = join(dir, 'terminal-export.json');
    const exported = porchlightAtTerminal('export', '-o', out);
    expect(exported.code).toBe(0);
    expect(exported.output).toMatch(/export \[[^\]]*\] 5\/5 meetings/);
  });

  it('shows nothing when the output is piped or with --json', () => {
    const piped = porchlight('import', fixture('franklin-county.json'), '--source', 'piped');
    expect(piped).toMatchObject({ code: 0, stderr: '' });
    expect(piped.stdout).not.toContain('rows parsed');
    const json = hasScript
      ? porchlightAtTerminal('demo', '--count', '30', '--json').output
      : porchlight('demo', '--count', '30', '--json').stdout;
    expect(json).not.toContain('rows parsed');
    expect(JSON.parse(json.slice(json.indexOf('[')))).toMatchObject([{ added: 30 }]);
  });
});

describe('bin/porchlight.js without a build', { timeout: 120_000 }, () => {
  it('runs the TypeScript sources quietly in a clone that has not built', () => {
    // A clone without dist/: its own bin/, the sources and the installed packages.
    const clone = mkdtempSync(join(tmpdir(), 'porchlight-clone-'));
    mkdirSync(join(clone, 'bin'));
    for (const file of ['porchlight.js', 'build-state.js'])
      copyFileSync(join(root, 'bin', file), join(clone, 'bin', file));
    copyFileSync(join(root, 'package.json'), join(clone, 'package.json'));
    symlinkSync(join(root, 'src'), join(clone, 'src'));
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
    expect(freshCompiledEntry(clone)).toBeUndefined();
    const result = spawnSync(process.execPath, [join(clone, 'bin', 'porchlight.js'), '--version'], {
      cwd: clone,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(result.stderr).toBe('');
  });

  it('counts a build stale once any source is newer, added or removed, not without sources', () => {
    const project = mkdtempSync(join(tmpdir(), 'porchlight-stale-'));
    const source = join(project, 'src', 'cli', 'main.ts');
    mkdirSync(join(project, 'src', 'cli'), { recursive: true });
    writeFileSync(source, '');
    const compiled = join(project, serverBuildDir, 'cli', 'main.js');
    mkdirSync(join(project, serverBuildDir, 'cli'), { recursive: true });
    writeFileSync(compiled, '');
    const stamp = join(project, serverBuildDir, buildStamp);
    writeFileSync(stamp, '');
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    for (const dir of [join(project, 'src'), join(project, 'src', 'cli')])
      utimesSync(dir, at(0), at(0));
    utimesSync(source, at(0), at(0));
    utimesSync(stamp, at(10), at(10));
    expect(freshCompiledEntry(project)).toBe(compiled);
    utimesSync(source, at(20), at(20));
    expect(freshCompiledEntry(project)).toBeUndefined();
    utimesSync(source, at(0), at(0));
    writeFileSync(join(project, 'src', 'cli', 'extra.ts'), '');
    expect(freshCompiledEntry(project)).toBeUndefined();
    // A copy shipped without its sources runs what it has.
    rmSync(join(project, 'src'), { recursive: true });
    expect(freshCompiledEntry(project)).toBe(compiled);
  });
});
