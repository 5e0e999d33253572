/**
 * The desk's pages through the real server: a signed-in coach registers, checks in, records an
 * encounter and a BARC-10 with plain forms; a volunteer keeps the door and nothing else; another
 * center's records answer the same 404 page as ids that never existed; every read is in the
 * access log; forms without the session's CSRF token are refused.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { startSession } from '../src/accounts/sessions.js';
import { createTokenFor } from '../src/centers/center-tokens.js';
import { createCenter, putStaffByEmail } from '../src/centers/centers.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { createTestApp } from './support/app.js';
import { formFields } from './support/html-form.js';
import { manualClock } from './support/manual-clock.js';

const clock = manualClock('2026-03-02T15:00:00.000Z');
const keyring = createKeyring(Buffer.alloc(32, 7));
const NEVER = '00000000-0000-4000-8000-000000000000';

describe('the center desk pages', () => {
  let app: App;
  const cookies: Record<string, string> = {};
  let otherMember: string;

  const get = (who: string | undefined, url: string) =>
    app.server.inject({
      method: 'GET',
      url,
      headers: who === undefined ? {} : { cookie: `pl_session=${cookies[who]}` },
    });

  /** Posts a page's form as a browser would, with the fields changed as given. */
  const submit = async (
    who: string,
    page: string,
    action: string,
    changes: Record<string, string | string[]> = {},
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

  beforeAll(async () => {
    app = await createTestApp({ publicUrl: 'http://localhost:8080' }, { clock, keyring });
    const deps = { repos: app.repos, clock };
    const { center } = await createCenter(deps, {
      slug: 'franklin',
      name: 'Franklin Recovery Center',
      adminEmail: 'admin@example.org',
    });
    const other = await createCenter(deps, {
      slug: 'hampshire',
      name: 'Hampshire',
      adminEmail: 'other@example.org',
    });
    for (const [email, role] of [
      ['coach@example.org', 'coach'],
      ['door@example.org', 'volunteer'],
    ] as const)
      await putStaffByEmail(deps, center, { email, role });
    for (const who of ['admin', 'coach', 'door', 'other']) {
      const person = await app.repos.accounts.personByEmail(`${who}@example.org`);
      cookies[who] = (await startSession(deps, person!.id, 'email', undefined)).token;
    }
    const token = (await createTokenFor(deps, { email: 'other@example.org' })).token;
    const made = await app.server.inject({
      method: 'POST',
      url: `/api/v1/centers/${other.center.slug}/members`,
      headers: { authorization: `Bearer ${token}` },
      payload: { chosenName: 'Someone Elsewhere' },
    });
    otherMember = made.json<{ id: string }>().id;
  }, 60_000);
  afterAll(async () => app?.close());

  it('sends a visitor without a session to sign in', async () => {
    const res = await get(undefined, '/en/center/franklin');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/sign-in');
  });

  it('lists the centers a person is staff of', async () => {
    const res = await get('coach', '/en/center');
    expect(res.body).toContain('href="/en/center/franklin"');
    expect(res.body).not.toContain('Hampshire');
  });

  let memberId: string;

  it('walks a coach through register, check-in, encounter, BARC-10 and edit', async () => {
    const made = await submit(
      'coach',
      '/en/center/franklin/members/new',
      '/en/center/franklin/members',
      {
        chosenName: 'Jordan Rivers',
        pathways: ['smart', 'medication'],
        phone: '413-555-0100',
      },
    );
    expect(made.statusCode).toBe(303);
    memberId = /members\/([0-9a-f-]{36})/.exec(made.headers.location as string)![1]!;

    const desk = await get('coach', '/en/center/franklin?q=jor');
    expect(desk.body).toContain('Check in Jordan Rivers');
    const checkIn = await submit(
      'coach',
      '/en/center/franklin?q=jor',
      '/en/center/franklin/check-ins',
    );
    expect(checkIn.headers.location).toBe('/en/center/franklin?checked=1');
    const after = await get('coach', '/en/center/franklin?checked=1');
    expect(after.body).toContain('Check-in recorded.');
    expect(after.body).toMatch(/data-check-in="[^"]+"[\s\S]*Jordan Rivers/);

    const base = `/en/center/franklin/members/${memberId}`;
    const encounter = await submit('coach', `${base}/encounters/new`, `${base}/encounters`, {
      durationMinutes: '45',
      note: 'Talked about the new job',
    });
    expect(encounter.statusCode).toBe(303);
    for (const [i, answers] of [
      ['3', '4'],
      ['5', '5'],
    ].entries()) {
      const fields: Record<string, string> = {};
      for (let n = 1; n <= 10; n++) fields[`item${n}`] = n % 2 === 0 ? answers[0]! : answers[1]!;
      clock.advance(7 * 86_400_000);
      const barc = await submit('coach', `${base}/barc-10`, `${base}/barc-10`, fields);
      expect({ i, status: barc.statusCode }).toEqual({ i, status: 303 });
    }
    const edited = await submit('coach', `${base}/edit`, `${base}/edit`, {
      chosenName: 'Jordan R.',
      engagement: 'full',
    });
    expect(edited.statusCode).toBe(303);

    const page = await get('coach', base);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<h1>Jordan R.</h1>');
    expect(page.body).toContain('Full engagement');
    expect(page.body).toContain('SMART Recovery, Medication');
    expect(page.body).toContain('Talked about the new job');
    expect(page.body).toContain('Follow-up engagement');
    expect(page.body).toContain('BARC-10: 50 of 60');
    expect(page.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="barc-title barc-desc"/);
    expect(page.body).toMatch(/<td>35<\/td><td><\/td>[\s\S]*<td>50<\/td><td>\+15<\/td>/);
    // The edit found the new name and dropped the old one from the blind index.
    expect((await get('coach', '/en/center/franklin?q=jor')).body).toContain('Jordan R.');
    expect((await get('coach', '/en/center/franklin?q=rivers')).body).not.toContain('Jordan');

    const log = await app.repos.centers.accessOf(
      (await app.repos.centers.bySlug('franklin'))!.id,
      memberId,
    );
    const actions = log.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'member.create',
        'member.find',
        'desk.day',
        'encounter.create',
        'assessment.create',
        'member.update',
        'member.read',
        'member.timeline',
      ]),
    );
  });

  it('keeps a recovery plan: goals with steps, sealed at rest, completed from the page', async () => {
    const base = `/en/center/franklin/members/${memberId}`;
    const added = await submit('coach', `${base}/plan/new`, `${base}/plan`, {
      domain: 'housing',
      title: 'Find a sober living house',
      dueDate: '2026-06-30',
      steps: 'Call two houses\nVisit one',
    });
    expect(added.statusCode).toBe(303);
    let page = (await get('coach', base)).body;
    expect(page).toContain('<h3>Find a sober living house</h3>');
    expect(page).toContain('Housing · Due Jun 30, 2026');
    expect(page).toContain('No goal completed yet of 1');
    const goalId = /data-goal="([^"]+)"/.exec(page)![1]!;
    const raw = await sql<{ content: string }>`select content from center_plan_goals`.execute(
      app.database.db,
    );
    expect(raw.rows[0]!.content).toMatch(/^v1\./);
    expect(JSON.stringify(raw.rows)).not.toContain('sober');

    const step = await submit('coach', base, `${base}/plan/${goalId}/done`, { step: '1' });
    expect(step.statusCode).toBe(303);
    page = (await get('coach', base)).body;
    expect(page).toMatch(/Visit one <span class="muted">\(Done [^)]+\)<\/span>/);
    expect(page).toContain('Mark “Call two houses” done');
    // The goal's own button is the form without a step field.
    const done = await app.server.inject({
      method: 'POST',
      url: `${base}/plan/${goalId}/done`,
      headers: {
        cookie: `pl_session=${cookies.coach}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `_csrf=${encodeURIComponent(/name="_csrf" value="([^"]+)"/.exec(page)![1]!)}`,
    });
    expect(done.statusCode).toBe(303);
    page = (await get('coach', base)).body;
    expect(page).toContain('1 goal completed of 1');
    expect(page).not.toContain('Mark the goal');

    // The member's export carries the plan; the period's report counts completed goals.
    const deps = { repos: app.repos, clock };
    const coachToken = (await createTokenFor(deps, { email: 'coach@example.org' })).token;
    const adminToken = (await createTokenFor(deps, { email: 'admin@example.org' })).token;
    const exported = await app.server.inject({
      method: 'GET',
      url: `/api/v1/centers/franklin/members/${memberId}/export`,
      headers: { authorization: `Bearer ${coachToken}` },
    });
    expect(exported.json().plan).toMatchObject([
      {
        domain: 'housing',
        title: 'Find a sober living house',
        steps: [{ text: 'Call two houses' }, { text: 'Visit one', doneAt: expect.any(String) }],
        completedAt: expect.any(String),
      },
    ]);
    const summary = await app.server.inject({
      method: 'GET',
      url: '/api/v1/centers/franklin/reports/summary?from=2026-01-01&to=2026-12-31',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(summary.json().planGoalsCompleted).toBe('fewer than 11');

    // Another member's goal, reached through this one, is not there.
    const elsewhere = await app.server.inject({
      method: 'POST',
      url: `/en/center/franklin/members/${otherMember}/plan/${goalId}/done`,
      headers: {
        cookie: `pl_session=${cookies.coach}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `_csrf=${encodeURIComponent(/name="_csrf" value="([^"]+)"/.exec(page)![1]!)}`,
    });
    expect(elsewhere.statusCode).toBe(404);
    const bad = await submit('coach', `${base}/plan/new`, `${base}/plan`, {
      domain: 'money',
      title: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('PL_INVALID_GOAL');
  });

  it('keeps the volunteer shifts: added by a supervisor, signed up for until full', async () => {
    const tomorrow = new Date(clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
    const added = await submit(
      'admin',
      '/en/center/franklin/shifts',
      '/en/center/franklin/shifts',
      {
        title: 'Front desk',
        date: tomorrow,
        start: '09:00',
        end: '12:30',
        capacity: '1',
      },
    );
    expect(added.statusCode).toBe(303);
    let page = (await get('coach', '/en/center/franklin/shifts')).body;
    expect(page).toContain('<h2>Front desk</h2>');
    expect(page).toContain('9:00 AM to 12:30 PM');
    expect(page).toContain('0 of 1 signed up');
    expect(page).not.toContain('Add a shift');
    const shiftId = /data-shift="([^"]+)"/.exec(page)![1]!;
    const mine = await submit(
      'coach',
      '/en/center/franklin/shifts',
      `/en/center/franklin/shifts/${shiftId}/sign-up`,
    );
    expect(mine.statusCode).toBe(303);
    expect((await get('coach', '/en/center/franklin/shifts')).body).toContain('You are signed up.');
    page = (await get('door', '/en/center/franklin/shifts')).body;
    expect(page).toContain('<strong>Full</strong>');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(
      (await get('door', '/en/center/franklin?q=jor')).body,
    )![1]!;
    const post = (who: string, url: string, body = '') =>
      app.server.inject({
        method: 'POST',
        url,
        headers: {
          cookie: `pl_session=${cookies[who]}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: `_csrf=${encodeURIComponent(csrf)}${body}`,
      });
    const full = await post('door', `/en/center/franklin/shifts/${shiftId}/sign-up`);
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain('PL_SHIFT_FULL');
    expect(
      (
        await post(
          'door',
          '/en/center/franklin/shifts',
          '&title=x&date=2026-04-01&start=09:00&end=10:00&capacity=1',
        )
      ).statusCode,
    ).toBe(403);
    const off = await submit(
      'coach',
      '/en/center/franklin/shifts',
      `/en/center/franklin/shifts/${shiftId}/withdraw`,
    );
    expect(off.statusCode).toBe(303);
    expect((await post('door', `/en/center/franklin/shifts/${shiftId}/sign-up`)).statusCode).toBe(
      303,
    );
    expect((await get('admin', '/en/center/franklin/shifts')).body).toContain(
      '1 of 1 signed up: door@example.org',
    );
    // Another center's staff cannot reach this shift through their own center.
    const otherCsrf = /name="_csrf" value="([^"]+)"/.exec(
      (await get('other', '/en/center/hampshire/shifts')).body,
    )![1]!;
    const throughOther = await app.server.inject({
      method: 'POST',
      url: `/en/center/hampshire/shifts/${shiftId}/sign-up`,
      headers: {
        cookie: `pl_session=${cookies.other}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `_csrf=${encodeURIComponent(otherCsrf)}`,
    });
    expect(throughOther.statusCode).toBe(404);
    const bad = await submit('admin', '/en/center/franklin/shifts', '/en/center/franklin/shifts', {
      title: 'Late',
      date: tomorrow,
      start: '18:00',
      end: '17:00',
      capacity: '1',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('PL_INVALID_SHIFT');
  });

  it('shows the pages in Spanish', async () => {
    const page = await get('coach', `/es/center/franklin/members/${memberId}`);
    expect(page.body).toContain('lang="es"');
    expect(page.body).toContain('Capital de recuperación (BARC-10)');
    expect(page.body).toContain('Seguimiento');
  });

  it('lets a volunteer find and check in, and nothing else', async () => {
    const desk = await get('door', '/en/center/franklin?q=jor');
    expect(desk.body).toContain('Check in Jordan R.');
    expect(desk.body).not.toContain(`/members/${memberId}"`);
    const checkIn = await submit(
      'door',
      '/en/center/franklin?q=jor',
      '/en/center/franklin/check-ins',
    );
    expect(checkIn.statusCode).toBe(303);
    for (const path of ['', '/edit', '/barc-10', '/encounters/new']) {
      const res = await get('door', `/en/center/franklin/members/${memberId}${path}`);
      expect({ path, status: res.statusCode }).toEqual({ path, status: 403 });
      expect(res.body).toContain('PL_FORBIDDEN');
    }
    expect((await get('door', '/en/center/franklin/members/new')).statusCode).toBe(403);
    expect((await get('door', '/en/center/franklin/tokens')).statusCode).toBe(403);
  });

  it('answers another center, and its members, exactly as things that do not exist', async () => {
    const theirs = await get('coach', '/en/center/hampshire');
    const none = await get('coach', '/en/center/no-such-center');
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body.replaceAll('hampshire', 'x')).toBe(
      none.body.replaceAll('no-such-center', 'x'),
    );
    for (const path of ['', '/edit', '/barc-10', '/encounters/new']) {
      const other = await get('coach', `/en/center/franklin/members/${otherMember}${path}`);
      const never = await get('coach', `/en/center/franklin/members/${NEVER}${path}`);
      expect({ path, status: other.statusCode }).toEqual({ path, status: 404 });
      expect(other.body.replaceAll(otherMember, 'x')).toBe(never.body.replaceAll(NEVER, 'x'));
    }
    const checkIn = await submit(
      'coach',
      '/en/center/franklin?q=jor',
      '/en/center/franklin/check-ins',
      {
        memberId: otherMember,
      },
    );
    expect(checkIn.statusCode).toBe(404);
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const res = await app.server.inject({
      method: 'POST',
      url: '/en/center/franklin/check-ins',
      headers: {
        cookie: `pl_session=${cookies.coach}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `memberId=${memberId}`,
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('PL_CSRF_REJECTED');
  });

  it('refuses bad answers with a stable code naming the field', async () => {
    const base = `/en/center/franklin/members/${memberId}`;
    const res = await submit('coach', `${base}/barc-10`, `${base}/barc-10`, { item3: '7' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('PL_INVALID_ANSWERS');
  });

  it('shows a refused form again with the reason beside the field and the values kept', async () => {
    const base = `/en/center/franklin/members/${memberId}`;
    const encounter = await submit('coach', `${base}/encounters/new`, `${base}/encounters`, {
      type: 'group_session',
      durationMinutes: '9999',
      note: 'Talked about the <walk> to the meeting',
    });
    expect(encounter.statusCode).toBe(400);
    expect(encounter.headers['content-type']).toContain('text/html');
    const page = encounter.body;
    // The form, not the error page: its fields hold what was typed.
    expect(formFields(page, `${base}/encounters`)).toMatchObject({
      type: 'group_session',
      durationMinutes: '9999',
      note: 'Talked about the <walk> to the meeting',
    });
    expect(page).toMatch(
      /<input[^>]*id="durationMinutes"[^>]*aria-invalid="true"[^>]*aria-describedby="durationMinutes-problem"/,
    );
    expect(page).toMatch(
      /<span class="problem" id="durationMinutes-problem" data-problem-code="PL_INVALID_ENCOUNTER">durationMinutes must be 0-1440\.<\/span>/,
    );
    expect(page).not.toContain('<walk>');

    // A member's form keeps every field, checkboxes too; in Spanish the reason is Spanish.
    const es = '/es/center/franklin/members/new';
    const member = await submit('coach', es, '/es/center/franklin/members', {
      chosenName: '',
      pathways: ['smart', 'faith_based'],
      phone: '413 555 0100',
    });
    expect(member.statusCode).toBe(400);
    expect(formFields(member.body, '/es/center/franklin/members')).toMatchObject({
      chosenName: '',
      pathways: ['smart', 'faith_based'],
      phone: '413 555 0100',
    });
    expect(member.body).toMatch(
      /<span class="problem" id="chosenName-problem" data-problem-code="PL_INVALID_MEMBER">Un campo del miembro no es válido\.<\/span>/,
    );

    // A BARC-10 answer out of range stands beside its item; the other answers are kept.
    const barc = await submit('coach', `${base}/barc-10`, `${base}/barc-10`, {
      ...Object.fromEntries([1, 2, 4, 5, 6, 7, 8, 9, 10].map((n) => [`item${n}`, '4'])),
      item3: '7',
    });
    expect(barc.statusCode).toBe(400);
    expect(barc.body).toContain('id="item3-problem"');
    expect(formFields(barc.body, `${base}/barc-10`)).toMatchObject({ item1: '4', item10: '4' });
  });

  it('gives the member’s whole record as a PDF from the member page', async () => {
    const base = `/en/center/franklin/members/${memberId}`;
    const page = (await get('coach', base)).body;
    expect(page).toContain(`href="${base}/record.pdf" download`);
    const pdf = await get('coach', `${base}/record.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await get('door', `${base}/record.pdf`)).statusCode).toBe(403);
    expect((await get('other', `${base}/record.pdf`)).statusCode).toBe(404);
  });

  it('lists the center’s API tokens for its administrator, who can revoke one', async () => {
    const { token } = await createTokenFor(
      { repos: app.repos, clock },
      { email: 'coach@example.org', centerSlug: 'franklin' },
    );
    const list = await get('admin', '/en/center/franklin/tokens');
    expect(list.body).toContain('coach@example.org');
    expect(list.body).not.toContain(token.slice(3, 20));
    const tokenId = /data-token="([^"]+)"/.exec(list.body)![1]!;
    const revoke = await submit(
      'admin',
      '/en/center/franklin/tokens',
      `/en/center/franklin/tokens/${tokenId}/revoke`,
    );
    expect(revoke.statusCode).toBe(303);
    expect((await get('admin', '/en/center/franklin/tokens')).body).toContain(
      'No token is limited to this center.',
    );
    const api = await app.server.inject({
      method: 'GET',
      url: `/api/v1/centers/franklin/members?q=jo`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(401);
    expect((await get('coach', '/en/center/franklin/tokens')).statusCode).toBe(403);
  });
});
