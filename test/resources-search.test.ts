import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { fixedClock } from '../src/platform/clock.js';
import { importResources } from '../src/resources/import-resources.js';
import { createTestApp } from './support/app.js';

let app: App;
// A Thursday, 6pm in Greenfield, MA.
const now = '2026-11-26T23:00:00Z';

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock: fixedClock(now) });
});
afterAll(async () => app.close());

interface Result {
  id: string;
  name: string;
  distance?: number;
  openNow?: boolean;
  languages: string[];
}

const search = async (query: string) => {
  const res = await app.server.inject({ method: 'GET', url: `/api/v1/resources/search?${query}` });
  return {
    status: res.statusCode,
    body: res.json<{
      total: number;
      results: Result[];
      nextCursor?: string;
      error?: { code: string; message: string };
    }>(),
  };
};

const names = (results: Result[]) => results.map((r) => r.name);

describe('GET /api/v1/resources/search', () => {
  it('finds buprenorphine prescribers that take Medicaid within 30 miles, nearest first', async () => {
    const { status, body } = await search(
      'near=01301&radius=30&need=Medications%20for%20Addiction&moud=buprenorphine&cost=medicaid',
    );
    expect(status).toBe(200);
    expect(names(body.results).sort()).toEqual([
      'Methadone and buprenorphine clinic',
      'Office-based buprenorphine',
    ]);
    const distances = body.results.map((r) => r.distance!);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(Math.max(...distances)).toBeLessThanOrEqual(30);
  });

  it('shows a service once, at its nearest place', async () => {
    const { body } = await search('near=42.6956,-72.4527&radius=50&q=buprenorphine%20office');
    expect(body.results).toHaveLength(1);
    expect(body.results[0]!.distance).toBe(0); // its Northfield clinic, not its Greenfield one
  });

  it('finds what is open now in each place’s own zone', async () => {
    const { body } = await search('near=01301&radius=40&open_now=true&limit=50');
    const open = names(body.results);
    expect(open).toContain('Withdrawal management (detox)');
    expect(open).toContain('Outpatient counselling'); // Thursdays until 8pm
    expect(open).not.toContain('Office-based buprenorphine'); // weekdays until 5pm
    expect(body.results.every((r) => r.openNow === true)).toBe(true);
  });

  it('filters by language, served group, attributes and words', async () => {
    expect(names((await search('lang=pt')).body.results)).toEqual([
      'Methadone and buprenorphine clinic',
    ]);
    expect(names((await search('serves=women')).body.results)).toEqual([
      "Women's recovery residence",
    ]);
    const walkInSameDay = names(
      (await search('attributes=walk_in,same_day&limit=50')).body.results,
    );
    expect(walkInSameDay.sort()).toEqual(['Harm reduction drop-in', 'Office-based buprenorphine']);
    expect(names((await search('need=housing')).body.results)).toEqual([
      "Women's recovery residence",
    ]);
    expect(names((await search('q=RIDES')).body.results)).toEqual(['Rides to treatment']);
  });

  it('pages with a cursor through every match exactly once', async () => {
    const all = (await search('limit=200')).body;
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await search(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(body.total).toBe(all.total);
      seen.push(...body.results.map((r) => r.id));
      cursor = body.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(all.results.map((r) => r.id));
    expect(new Set(seen).size).toBe(all.total);
  });

  it('refuses bad parameters by name with a stable code', async () => {
    const cases: [string, string, string][] = [
      ['need=astrology', 'PL_INVALID_QUERY', 'need'],
      ['near=Nowhereville%20Zzyzx', 'PL_UNKNOWN_PLACE', 'Nowhereville'],
      ['radius=10', 'PL_INVALID_QUERY', 'near'],
      ['near=01301&radius=9000', 'PL_INVALID_QUERY', 'radius'],
      ['cost=cheap', 'PL_INVALID_QUERY', 'cheap'],
      ['open_now=maybe', 'PL_INVALID_QUERY', 'open_now'],
      ['cursor=bm9wZQ', 'PL_INVALID_QUERY', 'cursor'],
      ['colour=blue', 'PL_INVALID_QUERY', 'colour'],
    ];
    for (const [query, code, words] of cases) {
      const { status, body } = await search(query);
      expect([query, status, body.error?.code]).toEqual([query, 400, code]);
      expect(body.error?.message).toContain(words);
    }
  });

  it('sees a source published after it started, and never one kept for the desk', async () => {
    const before = (await search('need=food.food-pantry')).body.total;
    const food = (published: boolean) =>
      importResources(
        {
          resources: app.repos.resources,
          clock: fixedClock(now),
          limits: { maxBytes: 1_000_000, timeoutMs: 5_000 },
        },
        {
          source: 'food',
          location: join(import.meta.dirname, 'fixtures/resources/tabular'),
          public: published,
        },
      );
    await food(false);
    expect((await search('need=food.food-pantry')).body.total).toBe(before);
    await food(true);
    const { body } = await search('need=food.food-pantry&near=01301&radius=5');
    expect(body.total).toBe(before + 1);
    expect(names(body.results)).toContain('Greenfield food pantry');
  });
});
