/**
 * The administrators' source pages through the real server and database: the list with each
 * source's state, a source's last report with its problems, "refresh now", approving and
 * rejecting a held snapshot, and removing a source (after a confirmation) so that search, the
 * public API and the meeting pages drop it, then restoring it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { registerSource } from '../src/sources/refresh-source.js';
import { mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';
import { buildScene, signIn, Visitor, type Scene } from './stewardship-editing-support.js';

let app: App;
let dir: string;
let scene: Scene;
let admin: Visitor;
let feedFile: string;

/** `count` rooms; the first carries a type code AA does not have (a warning in the report). */
function writeFeed(count: number) {
  const rows = Array.from({ length: count }, (_, i) =>
    mgRow({
      slug: `room-${i}`,
      name: `County Room ${i}`,
      day: i % 7,
      time: `${String(8 + (i % 12)).padStart(2, '0')}:00`,
      latitude: 42.58 + i * 0.01,
      ...(i === 0 ? { types: ['O', 'NOPE'] } : {}),
    }),
  );
  writeFileSync(feedFile, JSON.stringify(rows));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-sources-admin-'));
  feedFile = join(dir, 'county.json');
  app = await createTestApp({ dataDir: dir });
  scene = await buildScene(app);
  admin = new Visitor(app);
  await signIn(app, admin, scene.people.administrator!);
  writeFeed(12);
  await registerSource(app.importDeps, {
    name: 'county',
    location: feedFile,
    format: 'meeting-guide',
    everySeconds: 6 * 3600,
  });
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const searchSlugs = async (q: string): Promise<string[]> => {
  const res = await app.server.inject({
    method: 'GET',
    url: `/api/v1/search?${new URLSearchParams({ q, limit: '50' }).toString()}`,
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ results: { slug: string }[] }>().results.map((r) => r.slug);
};

/** A page with or without forms, as the administrator sees it. */
const get = async (url: string): Promise<string> => {
  const response = await admin.request('GET', url);
  expect(response.statusCode, url).toBe(200);
  return response.body;
};

/** The `data-state` of a source on the list. */
const stateOf = (body: string, name: string) =>
  new RegExp(`data-source="${name}"[\\s\\S]*?data-state="([a-z_]+)"`).exec(body)?.[1];

describe('the administrators’ source pages', { timeout: 120_000 }, () => {
  it('lists sources with their state, schedule and meetings; refreshes one and shows its report', async () => {
    const list = { body: await get('/en/admin/sources') };
    expect(stateOf(list.body, 'franklin')).toBe('ok');
    expect(stateOf(list.body, 'county')).toBe('never_read');
    expect(list.body).toContain('2 meetings');
    expect(list.body).toContain('Refreshed every 6h');

    const refreshed = await admin.post(
      '/en/admin/sources/county',
      '/en/admin/sources/county/refresh',
      {},
    );
    expect(refreshed.statusCode).toBe(303);
    expect(refreshed.headers.location).toBe('/en/admin/sources/county');
    const page = await admin.page('/en/admin/sources/county');
    expect(page.body).toContain('data-state="ok"');
    expect(page.body).toContain('12 meetings');
    expect(page.body).toContain('12 rows: 12 added');
    // The location in full (administrators only) and the problem found, with row and code.
    expect(page.body).toContain(feedFile);
    expect(page.body).toMatch(/data-problem="PL_UNKNOWN_TYPE"[\s\S]*?row 0, room-0, types/);
    expect(stateOf(await get('/en/admin/sources'), 'county')).toBe('ok');
  });

  it('holds a drastic snapshot for a decision: reject keeps the list, approve applies it', async () => {
    writeFeed(2);
    const refresh = () =>
      admin.post('/en/admin/sources/county', '/en/admin/sources/county/refresh', {});
    expect((await refresh()).statusCode).toBe(303);
    let page = await admin.page('/en/admin/sources/county');
    expect(page.body).toContain('data-state="held"');
    expect(page.body).toContain('would remove 10 of its 12 meetings');
    // The held snapshot's report is the last report: its problems are listed once.
    expect(page.body.match(/data-problem="PL_UNKNOWN_TYPE"/g)).toHaveLength(1);
    expect(stateOf(await get('/en/admin/sources'), 'county')).toBe('held');

    const rejected = await admin.post(
      '/en/admin/sources/county',
      '/en/admin/sources/county/reject',
      {},
    );
    expect(rejected.statusCode).toBe(303);
    page = await admin.page('/en/admin/sources/county');
    expect(page.body).not.toContain('data-held');
    expect(await app.repos.meetings.count({ sourceId: await countyId() })).toBe(12);

    await refresh();
    const approved = await admin.post(
      '/en/admin/sources/county',
      '/en/admin/sources/county/approve',
      {},
    );
    expect(approved.statusCode).toBe(303);
    page = await admin.page('/en/admin/sources/county');
    expect(page.body).toContain('data-state="ok"');
    expect(page.body).toContain('2 meetings');
    expect(await app.repos.meetings.count({ sourceId: await countyId() })).toBe(2);
    const actions = (await app.repos.audit.recent(10)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['source.reject', 'source.approve']));

    // Nothing held any more: the stable code, on a page.
    const nothing = await admin.post(
      '/en/admin/sources/county',
      '/en/admin/sources/county/approve',
      {},
    );
    expect(nothing.statusCode).toBe(409);
    expect(nothing.body).toContain('data-error-code="PL_NOTHING_HELD"');
  });

  it('removes a source after a confirmation, so search, the API and its pages drop it; restores it', async () => {
    expect(await searchSlugs('Greenfield Big Book')).toContain('greenfield-big-book');
    const confirm = await admin.page('/en/admin/sources/franklin/remove');
    expect(confirm.body).toContain('Remove franklin?');
    expect(confirm.body).toContain('Its 2 meetings leave the public list at once.');

    // A post that does not name the source it confirms only asks again.
    const unconfirmed = await admin.post(
      '/en/admin/sources/franklin',
      '/en/admin/sources/franklin/remove',
      {},
    );
    expect(unconfirmed.statusCode).toBe(200);
    expect(unconfirmed.body).toContain('name="confirm" value="franklin"');
    expect(await app.repos.sources.findByName('franklin')).toBeDefined();
    // Without the CSRF token, nothing happens either.
    const forged = await admin.request('POST', '/en/admin/sources/franklin/remove', {
      confirm: 'franklin',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('data-error-code="PL_CSRF_REJECTED"');

    const removed = await admin.post(
      '/en/admin/sources/franklin/remove',
      '/en/admin/sources/franklin/remove',
      { confirm: 'franklin' },
    );
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/en/admin/sources?removed=franklin');
    const list = await admin.page(removed.headers.location!);
    expect(list.body).toContain('franklin was removed with its 2 meetings.');
    expect(list.body).toContain('data-removed-source="franklin"');
    expect(list.body).not.toContain('data-source="franklin"');

    expect(await searchSlugs('Greenfield Big Book')).not.toContain('greenfield-big-book');
    expect(await searchSlugs('Hilltowns Online')).not.toContain('hilltowns-online');
    const api = await app.server.inject({ method: 'GET', url: '/api/v1/sources/franklin' });
    expect(api.statusCode).toBe(404);
    const meeting = await app.server.inject({
      method: 'GET',
      url: '/en/meetings/greenfield-big-book',
    });
    expect(meeting.statusCode).toBe(404);
    expect(await get('/en/history')).toContain('greenfield-big-book');
    expect(await app.repos.meetings.count()).toBe(2);

    const unknown = await admin.request('GET', '/en/admin/sources/franklin');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('data-error-code="PL_SOURCE_NOT_FOUND"');

    const restored = await admin.post(
      '/en/admin/sources',
      '/en/admin/sources/franklin/restore',
      {},
    );
    expect(restored.statusCode).toBe(303);
    expect(restored.headers.location).toBe('/en/admin/sources/franklin');
    expect((await admin.page('/en/admin/sources/franklin')).body).toContain('2 meetings');
    expect(await searchSlugs('Greenfield Big Book')).toContain('greenfield-big-book');
    const actions = (await app.repos.audit.recent(10)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['source.remove', 'source.restore']));
  });

  it('speaks Spanish on /es/', async () => {
    const list = await get('/es/admin/sources');
    expect(list).toContain('Fuentes');
    expect(list).toContain('2 reuniones');
    const confirm = await admin.page('/es/admin/sources/county/remove');
    expect(confirm.body).toContain('¿Eliminar county?');
  });
});

async function countyId(): Promise<string> {
  return (await app.repos.sources.findByName('county'))!.id;
}
