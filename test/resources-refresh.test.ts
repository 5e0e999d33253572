/**
 * Resource sources that refresh themselves, through the real server on every dialect: a local
 * HTTP server plays a county's HSDS file that answers with an ETag, says "not modified", shrinks
 * and grows; the app's own job runner refreshes it on a schedule with a clock the test moves. A
 * 304 changes nothing, a shrink is held with the directory kept, every pass leaves a report with
 * the problems located in the snapshot. On the desk, the center's supervisors see their own
 * sources and publish them; another center's staff cannot even tell they exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { startSession } from '../src/accounts/sessions.js';
import { createCenter, putStaffByEmail } from '../src/centers/centers.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { importResources } from '../src/resources/import-resources.js';
import {
  refreshResourcesNow,
  resourceRefreshHandler,
  resourceRefreshJobKind,
  scheduleResourceRefresh,
  type ResourceRefreshDeps,
} from '../src/resources/refresh-resources.js';
import { JobRunner } from '../src/platform/jobs/job-runner.js';
import { createTestApp } from './support/app.js';
import { testDialects } from './support/databases.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';
import { formFields } from './support/html-form.js';
import { manualClock } from './support/manual-clock.js';
import { manualTimers } from './support/manual-timers.js';

const hour = 3_600_000;

/** `count` services of the Valley clinic, and one that cannot be read (it has no name). */
function services(count: number, extra: string[] = []) {
  return [
    ...Array.from({ length: count }, (_, i) => ({
      id: `svc-${i}`,
      name: `Valley service ${i}`,
      organization: { id: 'valley', name: 'Valley Bridge Health' },
    })),
    ...extra.map((name, i) => ({
      id: `extra-${i}`,
      name,
      organization: { id: 'valley', name: 'Valley Bridge Health' },
    })),
    { id: 'broken', organization: { id: 'valley', name: 'Valley Bridge Health' } },
  ];
}

describe.each(testDialects)('refreshing resource sources on $name', ({ url }) => {
  const clock = manualClock('2026-12-07T15:00:00.000Z');
  const timers = manualTimers(clock);
  let app: App;
  let feed: FeedServer;
  let deps: ResourceRefreshDeps;
  /** What the county serves now, and its ETag. */
  let upstream = { etag: '"v1"', body: services(12) as unknown[] };
  const conditional: (string | undefined)[] = [];
  const cookies: Record<string, string> = {};

  const get = (who: string | undefined, path: string) =>
    app.server.inject({
      method: 'GET',
      url: path,
      headers: who === undefined ? {} : { cookie: `pl_session=${cookies[who]}` },
    });
  /** Posts fields as the person's browser would, with their session. */
  const send = (who: string, action: string, fields: Record<string, string>) =>
    app.server.inject({
      method: 'POST',
      url: action,
      headers: {
        cookie: `pl_session=${cookies[who]}`,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost:8080',
      },
      payload: new URLSearchParams(fields).toString(),
    });
  /** Posts the form of a page, untouched. */
  const post = async (who: string, page: string, action: string) =>
    send(who, action, formFields((await get(who, page)).body, action) as Record<string, string>);
  /** Posts an action with the person's CSRF token (taken from a page of theirs), no form needed. */
  const postAs = async (who: string, tokenPage: string, action: string) => {
    const token = /name="_csrf" value="([^"]+)"/.exec((await get(who, tokenPage)).body)![1]!;
    return send(who, action, { _csrf: token });
  };
  const searchTotal = async (q: string) =>
    (await app.server.inject({ method: 'GET', url: `/api/v1/resources/search?q=${q}` })).json<{
      total: number;
    }>().total;
  const sourceNow = async () =>
    (await app.repos.resources.listSources()).find((s) => s.name === 'valley')!;

  beforeAll(async () => {
    feed = await startFeedServer();
    feed.respond((where, headers) => {
      if (where.pathname !== '/hsds.json') return undefined;
      const asked = headers['if-none-match'];
      conditional.push(typeof asked === 'string' ? asked : undefined);
      if (asked === upstream.etag)
        return { kind: 'not-modified', headers: { etag: upstream.etag } };
      return { kind: 'json', body: upstream.body, headers: { etag: upstream.etag } };
    });
    app = await createTestApp(
      { databaseUrl: url, publicUrl: 'http://localhost:8080' },
      { clock, timers, keyring: createKeyring(Buffer.alloc(32, 9)) },
    );
    deps = {
      resources: app.repos.resources,
      jobs: app.repos.jobs,
      clock,
      limits: app.importDeps.limits,
    };
    const desk = { repos: app.repos, clock };
    const { center } = await createCenter(desk, {
      slug: 'franklin',
      name: 'Franklin Recovery Center',
      adminEmail: 'admin@example.org',
    });
    const other = await createCenter(desk, {
      slug: 'quiet',
      name: 'Quiet',
      adminEmail: 'other@example.org',
    });
    for (const [email, role] of [
      ['super@example.org', 'supervisor'],
      ['coach@example.org', 'coach'],
    ] as const)
      await putStaffByEmail(desk, center, { email, role });
    for (const who of ['super', 'coach', 'other']) {
      const person = await app.repos.accounts.personByEmail(`${who}@example.org`);
      cookies[who] = (await startSession(desk, person!.id, 'email', undefined)).token;
    }
    await importResources(
      { resources: app.repos.resources, clock, limits: app.importDeps.limits },
      { source: 'valley', location: `${feed.origin}/hsds.json`, centerId: center.id },
    );
    expect(other.center.id).not.toBe(center.id);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await feed?.close();
  });

  it('refreshes on its schedule: the same snapshot changes nothing, then the server says 304', async () => {
    const imported = (await sourceNow()).lastImportAt;
    await scheduleResourceRefresh(deps, 'valley', 3600);
    clock.advance(1000);
    const first = await app.jobs.runDue();
    expect(first.map((r) => [r.job.kind, r.result.outcome])).toEqual([
      [resourceRefreshJobKind, 'unchanged'],
    ]);
    expect((await sourceNow()).lastImportAt).toBe(imported);
    // Nothing is due until the hour is up.
    expect(await app.jobs.runDue()).toEqual([]);

    clock.advance(hour);
    const second = await app.jobs.runDue();
    expect(second.map((r) => r.result.outcome)).toEqual(['not_modified']);
    // The first pass had no validators to send; the next one sent the ETag it was given.
    expect(conditional.slice(-2)).toEqual([undefined, '"v1"']);
    const source = await sourceNow();
    expect(source.lastImportAt).toBe(imported);
    expect(source.services).toBe(12);
    expect(source.lastReport).toMatchObject({ outcome: 'not_modified', counts: { services: 12 } });
  });

  it('holds a snapshot that would remove most services, keeping the directory, and reports it', async () => {
    upstream = { etag: '"v2"', body: services(3) };
    clock.advance(hour);
    const runs = await app.jobs.runDue();
    expect(runs.map((r) => r.result.outcome)).toEqual(['held']);
    const source = await sourceNow();
    expect(source.services).toBe(12);
    expect(source.lastReport).toMatchObject({
      outcome: 'held',
      error: { code: 'PL_SNAPSHOT_HELD' },
    });
    // The one unreadable service is named where it is.
    expect(source.lastReport!.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          index: 3,
          severity: 'error',
          code: expect.stringMatching(/^PL_/),
        }),
      ]),
    );
    expect(await searchTotal('valley')).toBe(0); // not published yet: the public sees nothing
  });

  it('applies a grown snapshot, and a person may apply a shrink on request', async () => {
    upstream = { etag: '"v3"', body: services(12, ['Valley naloxone kits']) };
    clock.advance(hour);
    expect((await app.jobs.runDue()).map((r) => r.result.outcome)).toEqual(['applied']);
    expect((await sourceNow()).services).toBe(13);

    upstream = { etag: '"v4"', body: services(4) };
    const runner = new JobRunner({ jobs: app.repos.jobs, clock, timers });
    runner.register(resourceRefreshJobKind, resourceRefreshHandler(deps, { allowShrink: true }));
    const report = await refreshResourcesNow(deps, runner, 'valley');
    expect(report.outcome).toBe('applied');
    expect((await sourceNow()).services).toBe(4);
    await expect(refreshResourcesNow(deps, runner, 'nowhere')).rejects.toMatchObject({
      code: 'PL_SOURCE_NOT_FOUND',
    });
  });

  it("shows the center's own sources on its desk, and its supervisors publish them", async () => {
    const page = await get('super', '/en/center/franklin/resources');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-source="valley"');
    expect(page.body).toContain('4 services');
    expect(page.body).toContain('Every 1h');
    expect(page.body).toContain('Staff only');

    const published = await post(
      'super',
      '/en/center/franklin/resources',
      '/en/center/franklin/resources/valley/publish',
    );
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe('/en/center/franklin/resources?said=published');
    expect(await searchTotal('valley')).toBe(4);
    expect((await get('super', '/es/center/franklin/resources')).body).toContain(
      'Dejar de publicar valley',
    );

    // A coach sees the directory but has no button; posting anyway is refused.
    const coachPage = await get('coach', '/en/center/franklin/resources');
    expect(coachPage.body).toContain('data-source="valley"');
    expect(coachPage.body).not.toContain('/resources/valley/unpublish');
    const refused = await postAs(
      'coach',
      '/en/center/franklin/members/new',
      '/en/center/franklin/resources/valley/unpublish',
    );
    expect(refused.statusCode).toBe(403);
    expect(await searchTotal('valley')).toBe(4);
  });

  it("lets no other center see or publish the source, and links the public finder from every page's footer", async () => {
    const theirs = await get('other', '/en/center/quiet/resources');
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain('valley');
    expect((await get('other', '/en/center/franklin/resources')).statusCode).toBe(404);
    // Posted by hand through their own center, the source is not theirs: as if it did not exist.
    const attempt = await postAs(
      'other',
      '/en/center/quiet/members/new',
      '/en/center/quiet/resources/valley/unpublish',
    );
    expect(attempt.statusCode).toBe(404);
    expect(await searchTotal('valley')).toBe(4);

    const home = await get(undefined, '/en/help');
    expect(home.body).toContain('href="/en/resources"');
  });
});
