/**
 * The center's calendar through the real server, on every dialect: a coach puts a weekly group
 * on the calendar with the plain form, an administrator says where the center is, and the group
 * is then a meeting in the finder (search API and finder page) with the center's source; a
 * change to the series is the same meeting changed, and taking it off the calendar takes it out
 * of the finder. The public calendar shows public events only, in both languages, and a center
 * without any has no such page. A refused field brings the form back with what was typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { startSession } from '../src/accounts/sessions.js';
import { createCenter, putStaffByEmail } from '../src/centers/centers.js';
import { scheduleCenterListings } from '../src/centers/events/listing-job.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { createTestApp } from './support/app.js';
import { testDialects } from './support/databases.js';
import { formFields } from './support/html-form.js';
import { manualClock } from './support/manual-clock.js';

const keyring = createKeyring(Buffer.alloc(32, 11));

interface Found {
  slug: string;
  name: string;
  program: string;
  next: { local: string };
}

describe.each(testDialects)('the center calendar on $name', ({ url }) => {
  // Monday 2 March 2026, 10:00 in Greenfield; clocks go forward on Sunday 8 March.
  const clock = manualClock('2026-03-02T15:00:00.000Z');
  let app: App;
  const cookies: Record<string, string> = {};

  const get = (who: string | undefined, path: string) =>
    app.server.inject({
      method: 'GET',
      url: path,
      headers: who === undefined ? {} : { cookie: `pl_session=${cookies[who]}` },
    });

  /** Posts a page's form as a browser would, with the fields changed as given. */
  const submit = async (
    who: string,
    page: string,
    action: string,
    changes: Record<string, string> = {},
  ) => {
    const html = (await get(who, page)).body;
    const fields = { ...formFields(html, action), ...changes };
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields))
      for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
    return app.server.inject({
      method: 'POST',
      url: action,
      headers: {
        cookie: `pl_session=${cookies[who]}`,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost:8080',
      },
      payload: body.toString(),
    });
  };

  const finder = async (query: string): Promise<Found[]> => {
    const res = await app.server.inject({ method: 'GET', url: `/api/v1/search?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json<{ results: Found[] }>().results;
  };

  const group = {
    title: 'All Recovery Meeting',
    kind: 'group',
    description: 'Any pathway welcome.',
    repeat: 'weekly',
    startsOn: '2026-03-03',
    start: '18:00',
    durationMinutes: '60',
    visibility: 'public',
  };

  beforeAll(async () => {
    app = await createTestApp(
      { databaseUrl: url, publicUrl: 'http://localhost:8080' },
      { clock, keyring },
    );
    const deps = { repos: app.repos, clock };
    const { center } = await createCenter(deps, {
      slug: 'franklin',
      name: 'Franklin Recovery Center',
      adminEmail: 'admin@example.org',
      timeZone: 'America/New_York',
    });
    await createCenter(deps, { slug: 'quiet', name: 'Quiet', adminEmail: 'q@example.org' });
    for (const [email, role] of [
      ['coach@example.org', 'coach'],
      ['door@example.org', 'volunteer'],
    ] as const)
      await putStaffByEmail(deps, center, { email, role });
    for (const who of ['admin', 'coach', 'door']) {
      const person = await app.repos.accounts.personByEmail(`${who}@example.org`);
      cookies[who] = (await startSession(deps, person!.id, 'email', undefined)).token;
    }
  }, 120_000);
  afterAll(async () => app?.close());

  let groupId: string;
  let meetingSlug: string;

  it('puts a weekly group on the calendar, at the same wall-clock time across the clock change', async () => {
    const saved = await submit(
      'coach',
      '/en/center/franklin/calendar/new',
      '/en/center/franklin/calendar',
      group,
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/en/center/franklin/calendar?saved=1');
    const page = await get('coach', '/en/center/franklin/calendar?saved=1');
    expect(page.statusCode).toBe(200);
    groupId = /data-series="([0-9a-f-]{36})"/.exec(page.body)![1]!;
    // Four Tuesdays in the next four weeks, each at 6:00 PM, before and after 8 March.
    expect(page.body.match(new RegExp(`data-event="${groupId}"`, 'g'))).toHaveLength(4);
    expect(page.body.match(/6:00\s?PM to 7:00\s?PM/g)).toHaveLength(4);
    expect(page.body).toContain('Every Tuesday at 6:00');

    const api = await app.server.inject({
      method: 'GET',
      url: '/api/v1/search?near=01301&radius=10',
    });
    expect(api.json<{ results: Found[] }>().results.map((r) => r.name)).not.toContain(group.title);
  });

  it('lists the public group in the meeting finder once the center says where it is', async () => {
    const saved = await submit(
      'admin',
      '/en/center/franklin/calendar',
      '/en/center/franklin/place',
      {
        street: '68 Federal Street',
        city: 'Greenfield',
        region: 'MA',
        postalCode: '01301',
      },
    );
    expect(saved.statusCode).toBe(303);
    const found = (await finder('near=01301&radius=5&program=all-recovery')).filter(
      (r) => r.name === group.title,
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.next.local).toBe('2026-03-03T18:00:00-05:00');
    meetingSlug = found[0]!.slug;
    const meeting = await get(undefined, `/en/meetings/${meetingSlug}`);
    expect(meeting.statusCode).toBe(200);
    expect(meeting.body).toContain('68 Federal Street');
    expect(meeting.body).toContain('Any pathway welcome.');
    const sources = await app.repos.sources.list();
    expect(sources.map((s) => s.name)).toContain('center-franklin');
    const finderPage = await get(undefined, '/en/?near=01301&radius=5&program=all-recovery');
    expect(finderPage.body).toContain(group.title);
  });

  it('changes the group in the finder when its series changes, keeping its address', async () => {
    const saved = await submit(
      'coach',
      `/en/center/franklin/calendar/${groupId}/edit`,
      `/en/center/franklin/calendar/${groupId}`,
      { start: '18:30', program: 'smart-recovery' },
    );
    expect(saved.statusCode).toBe(303);
    const found = (await finder('near=01301&radius=5')).filter((r) => r.slug === meetingSlug);
    expect(found).toHaveLength(1);
    expect(found[0]!.program).toBe('smart-recovery');
    expect(found[0]!.next.local).toBe('2026-03-03T18:30:00-05:00');
    // After the clock change, still 6:30 PM on the wall clock.
    clock.set('2026-03-09T12:00:00.000Z');
    const later = (await finder('near=01301&radius=5')).find((r) => r.slug === meetingSlug);
    expect(later!.next.local).toBe('2026-03-10T18:30:00-04:00');
    clock.set('2026-03-02T15:00:00.000Z');
  });

  it('shows the public calendar to anyone, in both languages, without staff-only events', async () => {
    const staffOnly = await submit(
      'coach',
      '/en/center/franklin/calendar/new',
      '/en/center/franklin/calendar',
      {
        ...group,
        title: 'Staff meeting',
        kind: 'event',
        repeat: 'once',
        startsOn: '2026-03-05',
        visibility: 'staff',
      },
    );
    expect(staffOnly.statusCode).toBe(303);
    const monthly = await submit(
      'coach',
      '/en/center/franklin/calendar/new',
      '/en/center/franklin/calendar',
      {
        ...group,
        title: 'Recovery yoga',
        kind: 'class',
        repeat: 'monthly',
        startsOn: '2026-03-27',
        weekOfMonth: 'last',
        start: '10:00',
      },
    );
    expect(monthly.statusCode).toBe(303);

    const en = await get(undefined, '/en/centers/franklin/events');
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('Calendar of Franklin Recovery Center');
    expect(en.body).toContain('68 Federal Street, Greenfield, MA 01301');
    expect(en.body).toContain('All Recovery Meeting');
    expect(en.body).toContain('Recovery yoga');
    expect(en.body).toContain('Last Friday of the month at 10:00');
    expect(en.body).not.toContain('Staff meeting');
    const es = await get(undefined, '/es/centers/franklin/events');
    expect(es.statusCode).toBe(200);
    expect(es.body).toContain('Calendario de Franklin Recovery Center');
    expect(es.body).toContain('Clase');
    // The desk sees both; a class is not a meeting, so the finder does not list it.
    const desk = await get('door', '/en/center/franklin/calendar');
    expect(desk.body).toContain('Staff meeting');
    expect(desk.body).not.toContain('Change Staff meeting');
    expect((await finder('near=01301&radius=5')).map((r) => r.name)).not.toContain('Recovery yoga');
  });

  it('has no public calendar for a center without public events, as for no center', async () => {
    const quiet = await get(undefined, '/en/centers/quiet/events');
    const none = await get(undefined, '/en/centers/no-such-center/events');
    expect(quiet.statusCode).toBe(404);
    expect(none.statusCode).toBe(404);
    for (const res of [quiet, none])
      expect(res.body).toContain('data-error-code="PL_CENTER_NOT_FOUND"');
  });

  it('brings a refused form back with what was typed and the reason beside the field', async () => {
    const refused = await submit(
      'coach',
      '/en/center/franklin/calendar/new',
      '/en/center/franklin/calendar',
      { ...group, title: 'Evening group', start: '25:00' },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('data-problem-code="PL_INVALID_EVENT"');
    expect(refused.body).toContain('value="Evening group"');
    expect(refused.body).toMatch(/id="event-start"[^>]*aria-invalid="true"/);
    const volunteer = await get('door', '/en/center/franklin/calendar/new');
    expect(volunteer.statusCode).toBe(403);
  });

  it('takes the group out of the finder when it comes off the calendar', async () => {
    const html = (await get('coach', `/en/center/franklin/calendar/${groupId}/edit`)).body;
    const fields = formFields(html, `/en/center/franklin/calendar/${groupId}/delete`);
    const removed = await app.server.inject({
      method: 'POST',
      url: `/en/center/franklin/calendar/${groupId}/delete`,
      headers: {
        cookie: `pl_session=${cookies.coach}`,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost:8080',
      },
      payload: new URLSearchParams(fields as Record<string, string>).toString(),
    });
    expect(removed.statusCode).toBe(303);
    expect((await finder('near=01301&radius=5')).map((r) => r.slug)).not.toContain(meetingSlug);
    expect((await get(undefined, `/en/meetings/${meetingSlug}`)).statusCode).toBe(404);
  });

  it('drops a series from the finder the day after its last date', async () => {
    const saved = await submit(
      'coach',
      '/en/center/franklin/calendar/new',
      '/en/center/franklin/calendar',
      { ...group, title: 'Spring women’s group', startsOn: '2026-03-04', endsOn: '2026-03-11' },
    );
    expect(saved.statusCode).toBe(303);
    const names = async () => (await finder('near=01301&radius=5')).map((r) => r.name);
    expect(await names()).toContain('Spring women’s group');
    await scheduleCenterListings(
      { repos: app.repos, clock, keyring: () => keyring },
      app.repos.jobs,
    );
    clock.set('2026-03-11T20:00:00.000Z');
    await app.jobs.runDue();
    expect(await names()).toContain('Spring women’s group');
    clock.set('2026-03-12T20:00:00.000Z');
    await app.jobs.runDue();
    expect(await names()).not.toContain('Spring women’s group');
    clock.set('2026-03-02T15:00:00.000Z');
  });
});
