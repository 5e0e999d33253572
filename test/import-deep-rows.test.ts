/**
 * Feeds nested 100,000 levels deep, in every format that nests (Meeting Guide, saved BMLT
 * answers, HSDS JSON): `JSON.parse` reads them, and each reader refuses the deep rows with
 * PL_ROW_TOO_DEEP before anything walks them recursively, keeping the rows beside them. Before
 * this refusal the same feeds overflowed the stack.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type { FeedProblem } from '../src/platform/errors.js';
import { importResources } from '../src/resources/import-resources.js';
import { importSource } from '../src/sources/import-source.js';
import { validateFeed } from '../src/sources/validate-source.js';
import { bmltRow } from './factories/bmlt.js';
import { mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';

const depth = 100_000;
/** Stands in a row for a value nested `depth` levels deep, written out only in the text. */
const deepList = `${'['.repeat(depth)}"deep"${']'.repeat(depth)}`;
const deepObject = `${'{"a":'.repeat(depth)}"deep"${'}'.repeat(depth)}`;
const withDeep = (row: object, deep: string) =>
  JSON.stringify({ ...row, nested: '__DEEP__' }).replace('"__DEEP__"', deep);

const dir = mkdtempSync(join(tmpdir(), 'porchlight-deep-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const deepProblems = (problems: FeedProblem[]) =>
  problems.filter((p) => p.code === 'PL_ROW_TOO_DEEP').map((p) => [p.index, p.severity]);

let app: App;
beforeAll(async () => {
  app = await createTestApp({ feedMaxBytes: 4_000_000 });
});
afterAll(async () => app.close());

describe('rows nested 100,000 levels deep', { timeout: 60_000 }, () => {
  it('Meeting Guide: the deep rows are refused, the others imported, the report served', async () => {
    const location = file(
      'meeting-guide.json',
      `[${JSON.stringify(mgRow({ slug: 'kept' }))},${withDeep(mgRow({ slug: 'deep-object' }), deepObject)},${withDeep(mgRow({ slug: 'deep-list' }), deepList)},${deepList}]`,
    );
    const report = await importSource(app.importDeps, {
      source: 'deep-mg',
      location,
      format: 'meeting-guide',
    });
    expect(report.outcome).toBe('applied');
    expect(report.added).toBe(1);
    expect(deepProblems(report.problems)).toEqual([
      [1, 'error'],
      [2, 'error'],
      [3, 'error'],
    ]);
    const slugs = (await app.repos.meetings.all()).map((m) => m.provenance.sourceSlug);
    expect(slugs).toContain('kept');
    expect(slugs).not.toContain('deep-object');
    const answer = await app.server.inject({ method: 'GET', url: '/api/v1/sources/deep-mg' });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('PL_ROW_TOO_DEEP');
  });

  it('Meeting Guide: the validate command says the same and skips them in the schema check', async () => {
    const location = file(
      'validate.json',
      `[${JSON.stringify(mgRow({ slug: 'kept' }))},${withDeep(mgRow({ slug: 'deep' }), deepObject)}]`,
    );
    const result = await validateFeed({
      location,
      format: 'meeting-guide',
      limits: app.importDeps.limits,
    });
    expect(result.validRows).toBe(1);
    expect(deepProblems(result.problems)).toEqual([[1, 'error']]);
  });

  it('a feed that is nothing but one list nested 100,000 deep is refused, not a crash', async () => {
    const report = await importSource(app.importDeps, {
      source: 'deep-only',
      location: file('only.json', `[${deepList}]`),
      format: 'meeting-guide',
    });
    expect(report.outcome).toBe('failed');
    expect(report.error?.code).toBe('PL_FEED_NO_VALID_ROWS');
    expect(deepProblems(report.problems)).toEqual([[0, 'error']]);
  });

  it('BMLT: deep meeting rows are refused, deep formats skipped, the rest imported', async () => {
    const formats = `[{"id":"1","key_string":"O","name_string":"Open"},${withDeep({ id: '2', key_string: 'C' }, deepList)}]`;
    const meetings = `[${JSON.stringify(bmltRow({ id_bigint: '501' }))},${withDeep(bmltRow({ id_bigint: '502' }), deepObject)}]`;
    const report = await importSource(app.importDeps, {
      source: 'deep-bmlt',
      location: file('bmlt.json', `{"meetings":${meetings},"formats":${formats}}`),
      format: 'bmlt',
      program: 'na',
    });
    expect(report.outcome).toBe('applied');
    expect(report.added).toBe(1);
    expect(deepProblems(report.problems)).toEqual([[1, 'error']]);
  });

  it('HSDS: a deep service is refused, the others imported', async () => {
    const services = JSON.parse(
      readFileSync(join(import.meta.dirname, 'fixtures/resources/hsds-services.json'), 'utf8'),
    ) as Record<string, unknown>[];
    const [first, ...rest] = services;
    const text = `[${withDeep({ ...first, id: 'deep-service' }, deepObject)},${rest.map((s) => JSON.stringify(s)).join(',')},${deepList}]`;
    const result = await importResources(
      {
        resources: app.repos.resources,
        clock: app.importDeps.clock,
        limits: app.importDeps.limits,
      },
      { source: 'deep-hsds', location: file('hsds.json', text), format: 'hsds', public: true },
    );
    expect(deepProblems(result.problems)).toEqual([
      [0, 'error'],
      [services.length, 'error'],
    ]);
    expect(result.counts.services).toBeGreaterThan(0);
    const answer = await app.server.inject({ method: 'GET', url: '/hsds/services?full=true' });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).not.toContain('deep-service');
  });
});
