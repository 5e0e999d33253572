import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { createTestApp } from '../../test/support/app.js';

let app: App;

beforeAll(async () => {
  app = await createTestApp({ demo: true });
});
afterAll(async () => app.close());

const get = async (query: string) => {
  const res = await app.server.inject({ method: 'GET', url: `/api/v1/meetings?${query}` });
  return { status: res.statusCode, body: res.json() };
};

describe('GET /api/v1/meetings?fields=', () => {
  it('lists each meeting with only the named fields, and pages the same way', async () => {
    const whole = await get('limit=5');
    const compact = await get('limit=5&fields=schedule,slug&fields=name');
    expect(compact.status).toBe(200);
    expect(compact.body.fields).toEqual(['slug', 'name', 'schedule']);
    expect(compact.body.meetings).toEqual(
      whole.body.meetings.map((m: { slug: string; name: string; schedule: unknown }) => ({
        slug: m.slug,
        name: m.name,
        schedule: m.schedule,
      })),
    );
    expect(compact.body.nextCursor).toBe(whole.body.nextCursor);
  });

  it('refuses an unknown field and an empty list by name', async () => {
    for (const fields of ['slug,colour', '', 'meetings']) {
      const { status, body } = await get(`fields=${encodeURIComponent(fields)}`);
      expect(status, fields).toBe(400);
      expect(body.error).toMatchObject({ code: 'PL_INVALID_QUERY', field: 'fields' });
    }
  });
});
