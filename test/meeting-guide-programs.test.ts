/**
 * A whole-directory Meeting Guide feed keeps each meeting's program: the `program` extension
 * field is written on export and read back on import, so our own feed validates and round-trips
 * with every type of every program; `?program=` serves the single-program feeds the Meeting
 * Guide app expects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { validateMeetingGuideFeed } from '../src/feeds/meeting-guide/validate-feed.js';
import type { Meeting } from '../src/meetings/model.js';
import { getProgram } from '../src/meetings/programs.js';
import { importSource } from '../src/sources/import-source.js';
import { createTestApp } from './support/app.js';

let demo: App;
let copy: App;
let feedText: string;

beforeAll(async () => {
  demo = await createTestApp({ demo: true });
  copy = await createTestApp();
  const response = await demo.server.inject('/meeting-guide.json');
  expect(response.statusCode).toBe(200);
  feedText = response.body;
});
afterAll(async () => {
  await demo?.close();
  await copy?.close();
});

const all = async (app: App) => app.repos.meetings.page({ limit: 100_000 });
const sorted = (codes: readonly string[]) => [...codes].sort();

describe('the whole-directory feed', () => {
  it('names each row’s program and validates as our own feed, with no unknown type', async () => {
    const rows = JSON.parse(feedText) as { program?: string }[];
    const programs = new Set(rows.map((r) => r.program));
    expect(programs).toEqual(new Set((await all(demo)).map((m) => m.program)));
    expect(programs.size).toBeGreaterThan(1);
    const result = validateMeetingGuideFeed(feedText, getProgram('aa')!);
    expect(result.problems.filter((p) => p.code === 'PL_UNKNOWN_TYPE')).toEqual([]);
    expect(result.problems.filter((p) => p.field === 'program')).toEqual([]);
  });

  it('re-imported, keeps every meeting’s program and every type', async () => {
    const report = await importSource(copy.importDeps, {
      source: 'round-trip',
      location: 'https://meetings.example.org/meeting-guide.json',
      rows: JSON.parse(feedText) as unknown[],
    });
    expect(report.problems.filter((p) => p.code === 'PL_UNKNOWN_TYPE')).toEqual([]);
    const imported = new Map<string, Meeting>();
    for (const m of await all(copy)) {
      // Rows of one meeting on several days share its page URL.
      const slug = decodeURIComponent(String(m.provenance.sourceUrl).split('/meetings/')[1] ?? '');
      if (!imported.has(slug)) imported.set(slug, m);
    }
    const originals = await all(demo);
    for (const original of originals) {
      const back = imported.get(original.slug);
      expect(back, original.slug).toBeDefined();
      expect({ slug: original.slug, program: back!.program, types: sorted(back!.types) }).toEqual({
        slug: original.slug,
        program: original.program,
        types: sorted(original.types),
      });
      expect(back!.languages, original.slug).toEqual(original.languages);
    }
  });
});

describe('a single-program feed', () => {
  it('holds that program’s meetings only', async () => {
    const response = await demo.server.inject('/meeting-guide.json?program=na');
    expect(response.statusCode).toBe(200);
    const rows = response.json<{ program: string; url: string }[]>();
    const na = (await all(demo)).filter((m) => m.program === 'na');
    expect(na.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.program === 'na')).toBe(true);
    expect(new Set(rows.map((r) => r.url.split('/meetings/')[1]))).toEqual(
      new Set(na.map((m) => m.slug)),
    );
    const valid = validateMeetingGuideFeed(response.body, getProgram('na')!);
    expect(valid.problems.filter((p) => p.code === 'PL_UNKNOWN_TYPE')).toEqual([]);
    expect(response.headers.etag).not.toBe(
      (await demo.server.inject('/meeting-guide.json')).headers.etag,
    );
  });

  it('refuses a program it does not know, naming the parameter', async () => {
    const response = await demo.server.inject('/meeting-guide.json?program=nope');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'PL_UNKNOWN_PROGRAM' } });
    expect(response.body).toContain('program');
  });
});
