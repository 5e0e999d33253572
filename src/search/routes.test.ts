import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { fixedClock } from '../platform/clock.js';
import { createTestApp } from '../../test/support/app.js';
import { resultFieldNames } from './present-results.js';

let app: App;
// A Thursday evening in Greenfield, MA.
const now = '2026-11-26T23:00:00Z';

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock: fixedClock(now) });
});
afterAll(async () => app.close());

const search = async (query: string) => {
  const res = await app.server.inject({ method: 'GET', url: `/api/v1/search?${query}` });
  return { status: res.statusCode, body: res.json(), bytes: res.rawPayload.length };
};

describe('GET /api/v1/search?fields=', () => {
  it('answers with only the named fields in each result, and says which', async () => {
    const whole = await search('near=01301&radius=10&limit=10');
    const compact = await search('near=01301&radius=10&limit=10&fields=next,slug,name');
    expect(compact.status).toBe(200);
    // In the order an answer writes them, whatever the order asked.
    expect(compact.body.fields).toEqual(['slug', 'name', 'next']);
    expect(compact.body.results).toEqual(
      whole.body.results.map((r: { slug: string; name: string; next: unknown }) => ({
        slug: r.slug,
        name: r.name,
        next: r.next,
      })),
    );
    // The rest of the answer is the same, and the answer much smaller.
    expect(compact.body.total).toBe(whole.body.total);
    expect(compact.body.near).toEqual(whole.body.near);
    expect(compact.body.nextCursor).toBe(whole.body.nextCursor);
    expect(compact.bytes).toBeLessThan(whole.bytes / 2);
  });

  it('takes the list repeated as well, and leaves out a named field a result has not', async () => {
    const { status, body } = await search(
      'near=01301&radius=10&limit=25&fields=slug&fields=distance&fields=placeName',
    );
    expect(status).toBe(200);
    expect(body.fields).toEqual(['slug', 'placeName', 'distance']);
    for (const r of body.results) {
      expect(typeof r.slug).toBe('string');
      expect(Object.keys(r).every((k) => body.fields.includes(k))).toBe(true);
    }
  });

  it('cuts the rural fallback’s results to the same fields, its words unchanged', async () => {
    const whole = (await search('near=Colrain, MA&radius=3&types=women')).body;
    const { body } = await search('near=Colrain, MA&radius=3&types=women&fields=slug,attendance');
    expect(whole.fallback.nearestBeyond.length).toBeGreaterThan(0);
    expect(body.fallback.message).toBe(whole.fallback.message);
    expect(body.fallback.nearestBeyond).toEqual(
      whole.fallback.nearestBeyond.map(
        (g: { slug: string; attendance: string; alsoMeets: { slug: string }[] }) => ({
          slug: g.slug,
          attendance: g.attendance,
          alsoMeets: g.alsoMeets.map((m) => ({
            slug: m.slug,
            attendance: (m as { attendance?: string }).attendance,
          })),
        }),
      ),
    );
    expect(body.fallback.remote.map((r: object) => Object.keys(r).sort())).toEqual(
      whole.fallback.remote.map(() => ['attendance', 'slug']),
    );
  });

  it('counts facets only when asked for, with or without fields', async () => {
    const plain = await search('near=01301&fields=slug');
    expect(plain.body.facets).toBeUndefined();
    const asked = await search('near=01301&fields=slug&facets=true');
    expect(asked.body.facets.attendance.in_person).toBeGreaterThan(0);
  });

  it('refuses an unknown field, an empty list and a field name of the answer rather than of a result', async () => {
    for (const fields of ['slug,colour', '', ',', 'total', 'results', '__proto__']) {
      const { status, body } = await search(`near=01301&fields=${encodeURIComponent(fields)}`);
      expect(status, fields).toBe(400);
      expect(body.error).toMatchObject({ code: 'PL_INVALID_QUERY', field: 'fields' });
    }
  });

  it('is described in the OpenAPI document: the parameter and both forms of the answer', async () => {
    const doc = (await app.server.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const get = doc.paths['/api/v1/search'].get;
    const parameter = get.parameters.find((p: { name: string }) => p.name === 'fields');
    expect(parameter.in).toBe('query');
    const schema = get.responses['200'].content['application/json'].schema;
    expect(schema.if.required).toEqual(['fields']);
    expect(schema.then.properties.fields.items.enum).toEqual(resultFieldNames);
    expect(schema.then.properties.results.items.required ?? []).toEqual([]);
    expect(schema.else.properties.results.items.required).toContain('slug');
  });
});
