/**
 * The center desk's API through the real server: a member's record, encounters and BARC-10s,
 * the timeline in order, the front desk's search by chosen name, the access log, and bad input
 * refused with a stable code naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createTokenFor } from '../src/centers/center-tokens.js';
import { createCenter, putStaffByEmail } from '../src/centers/centers.js';
import { fixedClock } from '../src/platform/clock.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { flat, hasPdfToText, pdfPages } from '../src/print/pdf-text.test-support.js';
import { createTestApp } from './support/app.js';

const clock = fixedClock('2026-03-02T15:00:00.000Z');
const base = '/api/v1/centers/hilltown';
let app: App;
let coach: string;
let volunteer: string;
let coachId: string;

const call = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  app.server.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload !== undefined ? { payload } : {}),
  });

beforeAll(async () => {
  app = await createTestApp({}, { clock, keyring: createKeyring(Buffer.alloc(32, 3)) });
  const deps = { repos: app.repos, clock };
  const { center } = await createCenter(deps, {
    slug: 'hilltown',
    name: 'Hilltown Recovery Center',
    adminEmail: 'admin@example.org',
  });
  coachId = (await putStaffByEmail(deps, center, { email: 'coach@example.org', role: 'coach' }))
    .personId;
  await putStaffByEmail(deps, center, { email: 'desk@example.org', role: 'volunteer' });
  coach = (await createTokenFor(deps, { email: 'coach@example.org', centerSlug: 'hilltown' }))
    .token;
  volunteer = (await createTokenFor(deps, { email: 'desk@example.org' })).token;
});
afterAll(async () => app?.close());

async function putStaffEmail(email: string, role: 'supervisor' | 'coach') {
  const center = (await app.repos.centers.bySlug('hilltown'))!;
  await putStaffByEmail({ repos: app.repos, clock }, center, { email, role });
  return { email };
}

async function newMember(chosenName: string, extra: object = {}): Promise<string> {
  const res = await call(coach, 'POST', `${base}/members`, { chosenName, ...extra });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('the center desk API', () => {
  it('registers a pseudonymous member and reads the record back', async () => {
    const res = await call(coach, 'POST', `${base}/members`, {
      chosenName: '  Rosa   M. ',
      engagement: 'full',
      pathways: ['twelve_step', 'medication', 'twelve_step'],
      recoveryStartDate: '2025-11-30',
      contact: { phone: '(413) 555-0100', doNotContact: true },
    });
    expect(res.statusCode).toBe(201);
    const member = res.json();
    expect(member).toMatchObject({
      chosenName: 'Rosa M.',
      engagement: 'full',
      pathways: ['twelve_step', 'medication'],
      recoveryStartDate: '2025-11-30',
      contact: { phone: '(413) 555-0100', doNotContact: true },
      createdAt: '2026-03-02T15:00:00.000Z',
    });
    expect(member).not.toHaveProperty('centerId');
    const read = await call(coach, 'GET', `${base}/members/${member.id}`);
    expect(read.json()).toEqual(member);
    expect(read.headers['cache-control']).toBe('no-store');
    expect(res.headers['cache-control']).toBe('no-store');
    const minimal = await call(coach, 'POST', `${base}/members`, { chosenName: 'J' });
    expect(minimal.json()).toMatchObject({ chosenName: 'J', engagement: 'brief', pathways: [] });
  });

  it('keeps encounters and assessments on the member’s timeline in the order they happened', async () => {
    const id = await newMember('Timeline Tester');
    const later = await call(coach, 'POST', `${base}/members/${id}/encounters`, {
      type: 'care_coordination',
      occurredAt: '2026-03-01T10:00:00-05:00',
      durationMinutes: 45,
      note: 'housing referral',
    });
    expect(later.statusCode).toBe(201);
    expect(later.json()).toMatchObject({
      type: 'care_coordination',
      occurredAt: '2026-03-01T15:00:00.000Z',
      durationMinutes: 45,
      note: 'housing referral',
      recordedBy: coachId,
    });
    const barc = await call(coach, 'POST', `${base}/members/${id}/assessments`, {
      instrument: 'barc-10',
      answers: [1, 2, 3, 4, 5, 6, 5, 4, 3, 2],
      takenAt: '2026-02-01T12:00:00Z',
    });
    expect(barc.statusCode).toBe(201);
    expect(barc.json()).toMatchObject({ instrument: 'barc-10', total: 35 });
    const checkIn = await call(volunteer, 'POST', `${base}/members/${id}/check-ins`);
    expect(checkIn.json()).toMatchObject({
      type: 'brief_check_in',
      durationMinutes: 5,
      occurredAt: '2026-03-02T15:00:00.000Z',
    });
    const timeline = await call(coach, 'GET', `${base}/members/${id}/timeline`);
    const items = timeline.json().items as { kind: string; type?: string; total?: number }[];
    expect(items.map((i) => i.kind + ':' + (i.type ?? i.total))).toEqual([
      'assessment:35',
      'encounter:care_coordination',
      'encounter:brief_check_in',
    ]);
    expect(timeline.json().items[1].note).toBe('housing referral');
  });

  it('finds members by the beginnings of words of their chosen names, for the front desk', async () => {
    const ids = {
      jose: await newMember('José Álvarez'),
      josie: await newMember('Josie'),
      al: await newMember('Al Josephs'),
    };
    const find = async (q: string) =>
      (await call(volunteer, 'GET', `${base}/members?q=${encodeURIComponent(q)}`)).json()
        .members as { id: string; chosenName: string }[];
    expect((await find('jos')).map((m) => m.chosenName)).toEqual([
      'Al Josephs',
      'José Álvarez',
      'Josie',
    ]);
    expect((await find('ALVA')).map((m) => m.id)).toEqual([ids.jose]);
    expect((await find('jo al')).map((m) => m.id).sort()).toEqual([ids.al, ids.jose].sort());
    expect(await find('josex')).toEqual([]);
    expect(await find('j')).toEqual([]);
    // The front desk sees the chosen name only.
    expect(Object.keys((await find('josie'))[0]!).sort()).toEqual([
      'chosenName',
      'engagement',
      'id',
    ]);
    // Each listed member's record was found by someone: the log says who, never what.
    const log = await app.repos.centers.accessOf(
      (await app.repos.centers.bySlug('hilltown'))!.id,
      ids.josie,
    );
    // One instant on the fixed clock: the log's order among equal times is not the point.
    // Found by 'jos' and by 'josie' ('jo al' does not name her).
    expect(log.map((e) => e.action).sort()).toEqual([
      'member.create',
      'member.find',
      'member.find',
    ]);
    expect(JSON.stringify(log)).not.toContain('Josie');
  });

  it('writes every read of a member record to the access log', async () => {
    const id = await newMember('Logged Reader');
    await call(coach, 'GET', `${base}/members/${id}`);
    await call(coach, 'GET', `${base}/members/${id}/timeline`);
    const center = (await app.repos.centers.bySlug('hilltown'))!;
    const log = await app.repos.centers.accessOf(center.id, id);
    expect(log.map((e) => [e.action, e.actorId, e.at]).sort()).toEqual([
      ['member.create', coachId, '2026-03-02T15:00:00.000Z'],
      ['member.read', coachId, '2026-03-02T15:00:00.000Z'],
      ['member.timeline', coachId, '2026-03-02T15:00:00.000Z'],
    ]);
  });

  it('refuses bad input with a stable code naming the field', async () => {
    const id = await newMember('Bad Input');
    const cases: [string, object, string, string][] = [
      [
        `/members/${id}/assessments`,
        { instrument: 'barc-10', answers: [1, 2, 3, 4, 5, 6, 1, 2, 3] },
        'PL_INVALID_ANSWERS',
        'answers',
      ],
      [
        `/members/${id}/assessments`,
        { instrument: 'barc-10', answers: [1, 2, 3, 4, 5, 6, 7, 2, 3, 4] },
        'PL_INVALID_ANSWERS',
        'answers.6',
      ],
      [
        `/members/${id}/assessments`,
        { instrument: 'barc-10', answers: [1, 2, 3, 4, 5, 6, 1.5, 2, 3, 4] },
        'PL_INVALID_ANSWERS',
        'answers.6',
      ],
      [
        `/members/${id}/assessments`,
        { instrument: 'barc-10', answers: [0, 2, 3, 4, 5, 6, 1, 2, 3, 4] },
        'PL_INVALID_ANSWERS',
        'answers.0',
      ],
      [
        `/members/${id}/assessments`,
        { instrument: 'phq-9', answers: [1, 2, 3, 4, 5, 6, 1, 2, 3, 4] },
        'PL_UNKNOWN_INSTRUMENT',
        'instrument',
      ],
      [
        `/members/${id}/assessments`,
        {
          instrument: 'barc-10',
          answers: [1, 2, 3, 4, 5, 6, 1, 2, 3, 4],
          takenAt: '2026-03-03T15:00:00Z',
        },
        'PL_DATE_IN_FUTURE',
        'takenAt',
      ],
      [
        `/members/${id}/encounters`,
        { type: 'group_session', occurredAt: '2026-03-02T16:00:00Z' },
        'PL_DATE_IN_FUTURE',
        'occurredAt',
      ],
      [
        `/members/${id}/encounters`,
        { type: 'group_session', occurredAt: 'yesterday' },
        'PL_INVALID_ENCOUNTER',
        'occurredAt',
      ],
      [
        `/members/${id}/encounters`,
        { type: 'group_session', durationMinutes: 2000 },
        'PL_INVALID_ENCOUNTER',
        'durationMinutes',
      ],
      [`/members/${id}/encounters`, { type: 'coffee' }, 'PL_INVALID_BODY', 'type'],
      [
        '/members',
        { chosenName: 'Future', recoveryStartDate: '2026-03-03' },
        'PL_DATE_IN_FUTURE',
        'recoveryStartDate',
      ],
      [
        '/members',
        { chosenName: 'Odd', recoveryStartDate: '2026-02-30' },
        'PL_INVALID_MEMBER',
        'recoveryStartDate',
      ],
      ['/members', { chosenName: '   ' }, 'PL_INVALID_MEMBER', 'chosenName'],
      ['/members', { name: 'No chosen name' }, 'PL_INVALID_BODY', 'chosenName'],
      [
        '/members',
        { chosenName: 'X', contact: { email: 'not-an-email' } },
        'PL_INVALID_MEMBER',
        'contact.email',
      ],
      ['/members', { chosenName: 'X', pathways: ['astrology'] }, 'PL_INVALID_BODY', 'pathways.0'],
    ];
    for (const [path, payload, code, field] of cases) {
      const res = await call(coach, 'POST', `${base}${path}`, payload);
      expect({
        path,
        payload,
        status: res.statusCode,
        code: res.json().error?.code,
        field: res.json().error?.field,
      }).toEqual({
        path,
        payload,
        status: 400,
        code,
        field,
      });
    }
    const timeline = await call(coach, 'GET', `${base}/members/${id}/timeline`);
    expect(timeline.json().items).toEqual([]);
  });

  it('keeps a recovery plan: goals with steps added, read back and marked done', async () => {
    const id = await newMember('Planning Ahead');
    const added = await call(coach, 'POST', `${base}/members/${id}/plan/goals`, {
      domain: 'housing',
      title: 'A place of my own',
      dueDate: '2026-06-01',
      steps: ['Call the housing office', '', 'Visit two flats'],
    });
    expect(added.statusCode).toBe(201);
    const goal = added.json<{ id: string }>();
    expect(goal).toMatchObject({
      memberId: id,
      domain: 'housing',
      title: 'A place of my own',
      dueDate: '2026-06-01',
      steps: [{ text: 'Call the housing office' }, { text: 'Visit two flats' }],
      recordedBy: coachId,
    });
    const done = `${base}/members/${id}/plan/goals/${goal.id}/done`;
    const step = await call(coach, 'POST', done, { step: 1 });
    expect(step.statusCode).toBe(200);
    expect(step.json()).toMatchObject({
      steps: [{ text: 'Call the housing office' }, { doneAt: clock.now().toISOString() }],
    });
    expect(step.json().completedAt).toBeUndefined();
    const whole = await call(coach, 'POST', done, {});
    expect(whole.json()).toMatchObject({ completedAt: clock.now().toISOString() });
    const plan = await call(coach, 'GET', `${base}/members/${id}/plan`);
    expect(plan.statusCode).toBe(200);
    expect(plan.json()).toEqual({ goals: [whole.json()] });
    const center = (await app.repos.centers.bySlug('hilltown'))!;
    const log = (await app.repos.centers.accessOf(center.id, id)).map((e) => e.action);
    expect(log).toEqual(expect.arrayContaining(['plan.create', 'plan.read']));

    // Bad input names the field; a volunteer may not read a plan; another's goal is a 404.
    const bad = await call(coach, 'POST', `${base}/members/${id}/plan/goals`, {
      domain: 'money',
      title: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'PL_INVALID_BODY', field: 'domain' });
    const past = await call(coach, 'POST', done, { step: 5 });
    expect(past.json().error).toMatchObject({ code: 'PL_INVALID_GOAL', field: 'step' });
    expect((await call(volunteer, 'GET', `${base}/members/${id}/plan`)).statusCode).toBe(403);
    const other = await newMember('Someone Else');
    const elsewhere = await call(
      coach,
      'POST',
      `${base}/members/${other}/plan/goals/${goal.id}/done`,
      {},
    );
    expect(elsewhere.statusCode).toBe(404);
  });

  it('prints a member’s whole record as a PDF, in English and Spanish', async () => {
    const id = await newMember('Dolores Ñúñez', { contact: { phone: '413 555 0122' } });
    await call(coach, 'POST', `${base}/members/${id}/encounters`, {
      type: 'care_coordination',
      durationMinutes: 45,
      note: 'Went to the clinic together',
    });
    await call(coach, 'POST', `${base}/members/${id}/assessments`, {
      instrument: 'barc-10',
      answers: [4, 4, 4, 4, 4, 4, 4, 4, 4, 5],
    });
    await call(coach, 'POST', `${base}/members/${id}/plan/goals`, {
      domain: 'employment_education',
      title: 'Finish the GED',
      steps: ['Enrol at the library class'],
    });
    const res = await call(coach, 'GET', `${base}/members/${id}/export.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="member-${id}.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const es = await call(coach, 'GET', `${base}/members/${id}/export.pdf?lang=es`);
    expect(es.statusCode).toBe(200);
    if (hasPdfToText) {
      const text = flat(pdfPages(res.rawPayload).join(' '));
      for (const said of [
        'Record of Dolores Ñúñez',
        'Hilltown Recovery Center',
        '413 555 0122',
        'Employment and education: Finish the GED',
        '☐ Enrol at the library class',
        'Care coordination · 45 minutes',
        'Went to the clinic together',
        'BARC-10: 41 of 60',
        'member.export',
      ])
        expect(text).toContain(said);
      const spanish = flat(pdfPages(es.rawPayload).join(' '));
      expect(spanish).toContain('Expediente de Dolores Ñúñez');
      expect(spanish).toContain('Coordinación');
    }
    // The volunteer at the door may not print it.
    expect((await call(volunteer, 'GET', `${base}/members/${id}/export.pdf`)).statusCode).toBe(403);
  });

  it('exports a member’s whole record, and erases it for good', async () => {
    const id = await newMember('Leaving Soon', { contact: { phone: '413 555 0111' } });
    await call(coach, 'POST', `${base}/members/${id}/encounters`, {
      type: 'discharge',
      note: 'moving to Vermont',
    });
    const exported = await call(coach, 'GET', `${base}/members/${id}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['cache-control']).toBe('no-store');
    const record = exported.json();
    expect(record).toMatchObject({
      center: { slug: 'hilltown', name: 'Hilltown Recovery Center' },
      member: { id, chosenName: 'Leaving Soon', contact: { phone: '413 555 0111' } },
      timeline: [{ kind: 'encounter', type: 'discharge', note: 'moving to Vermont' }],
    });
    expect(record.access.map((e: { action: string }) => e.action)).toContain('member.export');

    const center = (await app.repos.centers.bySlug('hilltown'))!;
    const sealed = (await app.repos.centerMembers.byId(center.id, id))!.profile;
    const supervisorToken = (
      await createTokenFor(
        { repos: app.repos, clock },
        { email: (await putStaffEmail('boss@example.org', 'supervisor')).email },
      )
    ).token;
    const erased = await call(supervisorToken, 'DELETE', `${base}/members/${id}`);
    expect(erased.statusCode).toBe(204);
    expect((await call(coach, 'GET', `${base}/members/${id}`)).json().error.code).toBe(
      'PL_MEMBER_NOT_FOUND',
    );
    expect(await app.repos.centerMembers.keyOf(center.id, id)).toBeUndefined();
    expect(await app.repos.centerEncounters.ofMember(center.id, id)).toEqual([]);
    expect((await call(coach, 'GET', `${base}/members?q=leaving`)).json().members).toEqual([]);
    // A backup's copy of the sealed profile opens under no key the center still holds.
    const { open } = await import('../src/platform/crypto/envelope.js');
    const keyring = app.keyring();
    for (const k of await app.repos.centerReports.keysOf(
      center.id,
      (await app.repos.centerReports.membersAndAssessments(center.id)).members.map((m) => m.id),
    )) {
      const other = keyring.unwrapKey(
        k.wrappedKey,
        k.masterKeyId,
        `member:${center.id}:${k.memberId}`,
      );
      expect(() => open(other, sealed, `member:${id}:profile`)).toThrow();
    }
    // The log keeps that it was erased, by whom, and nothing of the member.
    const log = await app.repos.centers.accessOf(center.id, id);
    expect(log.filter((e) => e.action === 'member.erase')).toHaveLength(1);
    expect(Object.keys(log[0]!).sort()).toEqual([
      'action',
      'actorId',
      'at',
      'centerId',
      'id',
      'memberId',
    ]);
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = (await app.server.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/v1/centers/{slug}/members',
      '/api/v1/centers/{slug}/members/{id}',
      '/api/v1/centers/{slug}/members/{id}/timeline',
      '/api/v1/centers/{slug}/members/{id}/encounters',
      '/api/v1/centers/{slug}/members/{id}/check-ins',
      '/api/v1/centers/{slug}/members/{id}/assessments',
      '/api/v1/centers/{slug}/members/{id}/export',
      '/api/v1/centers/{slug}/members/{id}/export.pdf',
      '/api/v1/centers/{slug}/members/{id}/plan',
      '/api/v1/centers/{slug}/members/{id}/plan/goals',
      '/api/v1/centers/{slug}/members/{id}/plan/goals/{goalId}/done',
      '/api/v1/centers/{slug}/reports/summary',
      '/api/v1/centers/{slug}/reports/suprt.csv',
    ])
      expect(doc.paths).toHaveProperty([path]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
