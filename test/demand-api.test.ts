/**
 * Where new groups are needed, through the real server and the real search: searches for a
 * women's meeting near a place with none count towards its cell, and service-body staff see the
 * cell only once it reaches ten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createAdministrator } from '../src/accounts/administrators.js';
import { operatorActor } from '../src/accounts/operator.js';
import { findOrCreatePerson } from '../src/accounts/people.js';
import { startSession } from '../src/accounts/sessions.js';
import { fixedClock } from '../src/platform/clock.js';
import { cookieSettings } from '../src/stewardship/http/guard.js';
import { grantRole } from '../src/stewardship/roles.js';
import { createServiceBody } from '../src/stewardship/service-bodies.js';
import { createTestApp } from './support/app.js';

let app: App;
// A Monday in ISO week 2026-W50.
const clock = fixedClock('2026-12-07T19:00:00Z');
const cookies: Record<string, string> = {};
/** Northern Vermont: the demo meetings are in Franklin County, MA, well over 5 miles away. */
const nowhere = '44.8123,-72.3456';

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock });
  const deps = { repos: app.repos, clock, publicUrl: app.config.publicUrl };
  const admin = await createAdministrator(deps, 'admin@example.org');
  cookies.admin = (await startSession(deps, admin.person.id, 'email', undefined)).token;
  const plain = await findOrCreatePerson(app.repos, clock, 'someone@example.org');
  cookies.plain = (await startSession(deps, plain.person.id, 'email', undefined)).token;
  const area = await createServiceBody(deps, operatorActor, { name: 'North Area', kind: 'area' });
  const editor = await grantRole(deps, operatorActor, 'editor@example.org', {
    role: 'editor',
    serviceBodyId: area.id,
  });
  cookies.editor = (await startSession(deps, editor.personId, 'email', undefined)).token;
  const contact = await grantRole(deps, operatorActor, 'contact@example.org', {
    role: 'group_contact',
    groupKey: 'some-group',
  });
  cookies.contact = (await startSession(deps, contact.personId, 'email', undefined)).token;
});
afterAll(async () => app.close());

const searchFor = async (query: string) => {
  const res = await app.server.inject({ method: 'GET', url: `/api/v1/search?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json<{ fallback: { inPersonWithinRadius: number } }>();
};

const demand = async (query: string, who?: string) => {
  const res = await app.server.inject({
    method: 'GET',
    url: `/api/v1/demand?${query}`,
    headers:
      who === undefined
        ? {}
        : { cookie: `${cookieSettings(app.config.publicUrl).session}=${cookies[who]}` },
  });
  return { status: res.statusCode, body: res.json() };
};

const week = 'need=women&from=2026-12-07&to=2026-12-13';

describe('GET /api/v1/demand', () => {
  it('shows a cell only once ten searches there found no room for the need', async () => {
    for (let i = 0; i < 9; i++) {
      const answer = await searchFor(`near=${nowhere}&radius=5&types=women`);
      expect(answer.fallback.inPersonWithinRadius).toBe(0);
    }
    // Found rooms near, asked for no tailored need, or online only: none of these count.
    await searchFor('near=01301&radius=10&types=women');
    await searchFor(`near=${nowhere}&radius=5`);
    await searchFor(`near=${nowhere}&radius=5&types=women&attendance=online`);
    const nine = await demand(week, 'admin');
    expect(nine).toEqual({
      status: 200,
      body: { need: 'women', from: '2026-12-07', to: '2026-12-13', threshold: 10, cells: [] },
    });

    // The tenth, from the finder page.
    const page = await app.server.inject({
      method: 'GET',
      url: `/?near=${encodeURIComponent(nowhere)}&radius=5&types=women`,
    });
    expect(page.statusCode).toBe(200);
    const ten = await demand(week, 'admin');
    expect(ten.status).toBe(200);
    expect(ten.body.cells).toEqual([
      {
        latitude: 44.85,
        longitude: -72.35,
        searches: 10,
        // What already meets the need: the nearest women's room, far off, and the online ones.
        nearestGroup: {
          name: expect.any(String),
          slug: expect.any(String),
          distanceKm: expect.any(Number),
        },
        onlineOptions: expect.any(Number),
      },
    ]);
    const [cell] = ten.body.cells as { nearestGroup: { distanceKm: number; slug: string } }[];
    expect(cell!.nearestGroup.distanceKm).toBeGreaterThan(8);
    const room = await app.server.inject({
      method: 'GET',
      url: `/api/v1/meetings/${cell!.nearestGroup.slug}`,
    });
    expect(room.json<{ types: string[] }>().types).toContain('W');

    const csv = await app.server.inject({
      method: 'GET',
      url: `/api/v1/demand.csv?${week}`,
      headers: { cookie: `${cookieSettings(app.config.publicUrl).session}=${cookies.admin}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'latitude,longitude,unmet_searches,nearest_group,nearest_group_slug,nearest_group_km,online_options',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^44\.85,-72\.35,10,/);

    // Other needs, and other weeks, are counted apart.
    expect((await demand('need=men&from=2026-12-07&to=2026-12-13', 'admin')).body.cells).toEqual(
      [],
    );
    expect((await demand('need=women&from=2026-11-23&to=2026-12-06', 'admin')).body.cells).toEqual(
      [],
    );
  });

  it('counts a text line search once, not again on MORE', async () => {
    const ask = async (text: string, from: string) =>
      (await app.textLine.answer({ from, text })).messages.join('\n');
    const cellsNow = async () =>
      (await demand(week, 'admin')).body.cells as { latitude: number; searches: number }[];
    for (let i = 0; i < 9; i++) await ask('Newport VT women', `+1802555010${i}`);
    const before = await cellsNow();
    expect(before.filter((c) => c.latitude !== 44.85)).toEqual([]);
    expect(await ask('more', '+18025550100')).not.toBe('');
    expect((await cellsNow()).filter((c) => c.latitude !== 44.85)).toEqual([]);
    await ask('Newport VT women', '+18025550199');
    const after = (await cellsNow()).filter((c) => c.latitude !== 44.85);
    expect(after).toMatchObject([{ searches: 10 }]);
  });

  it('shows the same cells as a table on a page, and the empty message under the threshold', async () => {
    const page = async (query: string, who?: string) =>
      app.server.inject({
        method: 'GET',
        url: `/en/admin/demand?${query}`,
        headers:
          who === undefined
            ? {}
            : { cookie: `${cookieSettings(app.config.publicUrl).session}=${cookies[who]}` },
      });
    const shown = await page(week, 'editor');
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(shown.body).toContain('<table data-demand');
    expect(shown.body).toMatch(/<th scope="row">44\.85, -72\.35<\/th><td>10<\/td>/);
    expect(shown.body).toContain('href="/api/v1/demand.csv?need=women&amp;from=2026-12-07');
    const empty = await page('need=men&from=2026-12-07&to=2026-12-13', 'editor');
    expect(empty.body).toContain('data-demand-empty');
    expect(empty.body).not.toContain('<table data-demand');
    expect((await page(week, 'plain')).statusCode).toBe(403);
    expect((await page(week)).statusCode).not.toBe(200);
  });

  it('is for service-body staff only', async () => {
    expect((await demand(week)).body.error.code).toBe('PL_SIGN_IN_REQUIRED');
    const csv = await app.server.inject({ method: 'GET', url: `/api/v1/demand.csv?${week}` });
    expect(csv.statusCode).toBe(401);
    for (const who of ['plain', 'contact']) {
      const refused = await demand(week, who);
      expect(refused.status, who).toBe(403);
      expect(refused.body.error.code).toBe('PL_FORBIDDEN');
    }
    expect((await demand(week, 'editor')).status).toBe(200);
  });

  it('refuses a need, a date or a period it cannot read, naming the parameter', async () => {
    for (const [query, field] of [
      ['need=everyone&from=2026-12-07&to=2026-12-13', 'need'],
      ['need=women&from=2026-02-30&to=2026-12-13', 'from'],
      ['need=women&from=2026-12-07&to=yesterday', 'to'],
      ['need=women&from=2026-12-07&to=2026-12-01', 'to'],
      ['need=women&from=2020-01-01&to=2026-12-01', 'to'],
    ] as const) {
      const { status, body } = await demand(query, 'admin');
      expect(status).toBe(400);
      expect(body.error, query).toMatchObject({ code: 'PL_INVALID_QUERY', field });
    }
  });
});
