import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { MeetingSchema } from '../src/meetings/api-schema.js';
import { presentMeeting } from '../src/meetings/present-meeting.js';
import { feedProblemCatalogue } from '../src/platform/errors.js';
import { importFeed } from '../src/sources/import-feed.js';
import { meetingGuideRow } from './factories/arbitraries.js';
import { fuzzFormats, hostileFeed, type FuzzFormat } from './factories/hostile-feeds.js';
import { mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';
import { ImportFuzzer } from './support/import-fuzz.js';

const dir = mkdtempSync(join(tmpdir(), 'porchlight-fuzz-'));
let app: App;
let baseline: string;

const snapshot = async () => JSON.stringify(await app.repos.meetings.all());

beforeAll(async () => {
  app = await createTestApp({ feedMaxBytes: 200_000 });
  await importFeed(app.importDeps, {
    source: 'fuzz',
    location: 'baseline',
    rows: [mgRow(), mgRow({ slug: 'second', name: 'Second' })],
  });
  baseline = await snapshot();
});
afterAll(async () => app.close());

const hostile = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.constantFrom(
    'javascript:alert(1)',
    '<script>alert(1)</script>',
    '\u0000',
    'x'.repeat(20_000),
    '-1',
    '99',
    'NaN',
    '25:61',
    '__proto__',
  ),
  fc.double(),
  fc.constant(null),
);

/** A row that is mostly right with a few fields replaced by hostile values. */
const mangledRow = fc
  .tuple(
    meetingGuideRow('x'),
    fc.string({ maxLength: 20 }),
    fc.dictionary(
      fc.constantFrom(
        'name',
        'slug',
        'day',
        'time',
        'end_time',
        'types',
        'latitude',
        'longitude',
        'conference_url',
        'conference_phone',
        'timezone',
        'formatted_address',
        'approximate',
        'updated',
        'regions',
        '__proto__',
        'constructor',
      ),
      hostile,
      { maxKeys: 4 },
    ),
  )
  .map(([row, slug, patch]) => Object.assign({ ...row, slug }, patch));

const feedRows = fc.array(
  fc.oneof({ weight: 4, arbitrary: mangledRow }, { weight: 1, arbitrary: hostile }),
  { maxLength: 15 },
);

const feedText = fc.oneof(
  feedRows.map((rows) => JSON.stringify(rows)),
  fc.string({ maxLength: 200 }),
  feedRows
    .map((rows) => JSON.stringify(rows))
    .chain((text) =>
      fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => text.slice(0, cut)),
    ),
  fc.anything().map((value) => JSON.stringify(value) ?? 'undefined'),
);

describe('the importer under a storm of malformed feeds', () => {
  // Bounded by the number of feeds, not by time: no time limit (a busy machine only takes longer).
  it(
    'never crashes, never half-applies, and stores only valid meetings',
    { timeout: 0 },
    async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(feedText, fc.boolean(), async (text, strict) => {
          const path = join(dir, `feed-${n++}.json`);
          writeFileSync(path, text);
          const report = await importFeed(app.importDeps, {
            source: 'fuzz',
            location: path,
            strict,
          });
          for (const p of report.problems) expect(feedProblemCatalogue[p.code]).toBeDefined();
          if (report.outcome === 'failed' || report.outcome === 'rejected') {
            expect(await snapshot()).toBe(baseline);
            return;
          }
          expect(report.added + report.updated + report.unchanged).toBe(
            report.rowCount - report.skipped,
          );
          for (const meeting of await app.repos.meetings.all()) {
            const view = presentMeeting(meeting, { name: 'fuzz' }, 'https://x.example');
            expect(
              Value.Check(MeetingSchema, view),
              JSON.stringify([...Value.Errors(MeetingSchema, view)].slice(0, 2)),
            ).toBe(true);
          }
          // Put the baseline back for the next feed.
          await importFeed(app.importDeps, {
            source: 'fuzz',
            location: 'baseline',
            rows: [mgRow(), mgRow({ slug: 'second', name: 'Second' })],
          });
          baseline = await snapshot();
        }),
        { numRuns: 500 },
      );
    },
  );
});

/**
 * The small always-on version of `npm run drill:fuzz` (which feeds 100,000): damaged feeds of
 * every format, the same checks, the public answers asked after each.
 */
describe('hostile feeds in every format', () => {
  const perFormat = 40;
  /** Seeds of the drill that found faults, kept as they were found. */
  const foundBefore: Partial<Record<FuzzFormat, number[]>> = { bmlt: [2847], 'hsds-csv': [4265] };

  it.each(fuzzFormats)(
    '%s: no crash, every refusal a catalogued code, nothing half applied, no 500',
    { timeout: 0 },
    async (format) => {
      const fuzzer = new ImportFuzzer(app, mkdtempSync(join(tmpdir(), 'porchlight-fuzz-all-')));
      const failures: string[] = [];
      const outcomes = new Set<string>();
      const seeds = [
        ...Array.from({ length: perFormat }, (_, i) => i + 1),
        ...(foundBefore[format] ?? []),
      ];
      for (const seed of seeds) {
        const verdict = await fuzzer.run(hostileFeed(format, seed));
        if (verdict.failure !== undefined) failures.push(`seed ${seed}: ${verdict.failure}`);
        outcomes.add(verdict.result);
      }
      expect(failures).toEqual([]);
      // The damage is mild enough that some feeds still go in, and harsh enough that some do not.
      expect([...outcomes].sort()).toEqual(['applied', 'refused']);
    },
  );
});
