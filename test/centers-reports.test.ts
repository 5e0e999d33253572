/**
 * The desk's reports through the real server on every dialect: a period's summary with small
 * counts shown as "fewer than 11", and the SUPRT-style follow-up list as CSV, with baseline and
 * six-month reassessment statuses moving as the days pass.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createTokenFor } from '../src/centers/center-tokens.js';
import { createCenter, putStaffByEmail } from '../src/centers/centers.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { createTestApp } from './support/app.js';
import { testDialects } from './support/databases.js';
import { manualClock } from './support/manual-clock.js';

const base = '/api/v1/centers/ridge';

describe.each(testDialects)('center reports on $name', ({ url }) => {
  const clock = manualClock('2026-01-05T14:00:00.000Z');
  let app: App;
  const tokens: Record<string, string> = {};
  const reassessed: string[] = [];
  let late: string;

  const call = (who: string, path: string, method: 'GET' | 'POST' = 'GET', payload?: object) =>
    app.server.inject({
      method,
      url: `${base}${path}`,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(payload !== undefined ? { payload } : {}),
    });

  beforeAll(async () => {
    app = await createTestApp(
      { databaseUrl: url },
      { clock, keyring: createKeyring(Buffer.alloc(32, 4)) },
    );
    const deps = { repos: app.repos, clock };
    const { center } = await createCenter(deps, {
      slug: 'ridge',
      name: 'Ridge',
      adminEmail: 'a@example.org',
    });
    for (const role of ['supervisor', 'coach', 'volunteer'] as const) {
      await putStaffByEmail(deps, center, { email: `${role}@example.org`, role });
      tokens[role] = (await createTokenFor(deps, { email: `${role}@example.org` })).token;
    }
    const barc = (n: number) => Array.from({ length: 10 }, () => n);
    for (let i = 0; i < 12; i += 1) {
      const made = await call('coach', '/members', 'POST', {
        chosenName: `Full ${i}`,
        engagement: 'full',
      });
      const id = made.json<{ id: string }>().id;
      clock.set('2026-07-20T12:00:00.000Z');
      await call('coach', `/members/${id}/assessments`, 'POST', {
        instrument: 'barc-10',
        answers: barc(3),
        takenAt: '2026-01-10T15:00:00Z',
      });
      await call('volunteer', `/members/${id}/encounters`, 'POST', {
        type: 'brief_check_in',
        occurredAt: '2026-01-10T15:00:00Z',
      });
      await call('coach', `/members/${id}/encounters`, 'POST', {
        type: 'follow_up_engagement',
        occurredAt: '2026-02-01T15:00:00Z',
        durationMinutes: 60,
      });
      if (i < 5) {
        await call('coach', `/members/${id}/assessments`, 'POST', {
          instrument: 'barc-10',
          answers: barc(4),
          takenAt: '2026-07-01T15:00:00Z',
        });
        reassessed.push(id);
      }
      clock.set('2026-01-05T14:00:00.000Z');
    }
    await call('coach', '/members', 'POST', { chosenName: 'Brief only' });
    clock.set('2026-07-10T12:00:00.000Z');
    late = (
      await call('coach', '/members', 'POST', { chosenName: 'Late', engagement: 'full' })
    ).json<{ id: string }>().id;
    clock.set('2026-07-20T12:00:00.000Z');
  }, 120_000);
  afterAll(async () => app?.close());

  it('summarises a period, with counts of 1 to 10 shown as fewer than 11', async () => {
    const q1 = await call('supervisor', '/reports/summary?from=2026-01-01&to=2026-03-31');
    expect(q1.statusCode).toBe(200);
    expect(q1.json()).toEqual({
      center: 'ridge',
      from: '2026-01-01',
      to: '2026-03-31',
      membersServed: 12,
      newMembers: 13,
      checkIns: 12,
      encounters: 24,
      encountersByType: {
        brief_check_in: 12,
        follow_up_engagement: 12,
        care_coordination: 0,
        group_session: 0,
        phone_text_outreach: 0,
        discharge: 0,
      },
      hoursOfPeerSupport: 13,
      planGoalsCompleted: 0,
      barc10: { membersAssessed: 12, membersReassessed: 0, meanChange: 'fewer than 11' },
    });
    const july = (
      await call('supervisor', '/reports/summary?from=2026-07-01&to=2026-07-31')
    ).json();
    expect(july).toMatchObject({
      membersServed: 0,
      newMembers: 'fewer than 11',
      encounters: 0,
      hoursOfPeerSupport: 'fewer than 11',
      barc10: {
        membersAssessed: 'fewer than 11',
        membersReassessed: 'fewer than 11',
        meanChange: 'fewer than 11',
      },
    });
    // The year: twelve members assessed, five of them twice (+10 each), still too few for a mean.
    const year = (
      await call('supervisor', '/reports/summary?from=2026-01-01&to=2026-12-31')
    ).json();
    expect(year.barc10).toEqual({
      membersAssessed: 12,
      membersReassessed: 'fewer than 11',
      meanChange: 'fewer than 11',
    });
  });

  it('lets supervisors read reports, not coaches or volunteers, and refuses bad periods', async () => {
    for (const who of ['coach', 'volunteer']) {
      expect((await call(who, '/reports/summary?from=2026-01-01&to=2026-01-31')).statusCode).toBe(
        403,
      );
      expect((await call(who, '/reports/suprt.csv')).statusCode).toBe(403);
    }
    for (const [query, field] of [
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['from=2026-03-01&to=2026-02-01', 'to'],
      ['from=2026-01-01', 'to'],
      ['from=2020-01-01&to=2031-01-01', 'to'],
    ] as const) {
      const res = await call('supervisor', `/reports/summary?${query}`);
      expect({
        query,
        status: res.statusCode,
        code: res.json().error.code,
        field: res.json().error.field,
      }).toEqual({
        query,
        status: 400,
        code: 'PL_INVALID_QUERY',
        field,
      });
    }
  });

  it('lists baseline and six-month follow-ups as CSV, done, due, overdue or not yet due', async () => {
    const rowsOn = async (day: string) => {
      const res = await call('supervisor', `/reports/suprt.csv?on=${day}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      return parse<Record<string, string>>(res.body, { columns: true });
    };
    const july = await rowsOn('2026-07-15');
    expect(july).toHaveLength(13);
    expect(Object.keys(july[0]!)).toEqual([
      'member_id',
      'intake_date',
      'baseline_due_by',
      'baseline_date',
      'baseline_barc10_total',
      'baseline_status',
      'reassessment_window_start',
      'reassessment_window_end',
      'reassessment_date',
      'reassessment_barc10_total',
      'reassessment_status',
    ]);
    const byId = new Map(july.map((r) => [r.member_id, r]));
    expect(byId.get(reassessed[0] ?? '')).toMatchObject({
      intake_date: '2026-01-05',
      baseline_due_by: '2026-02-04',
      baseline_date: '2026-01-10',
      baseline_barc10_total: '30',
      baseline_status: 'done',
      reassessment_window_start: '2026-06-04',
      reassessment_window_end: '2026-08-03',
      reassessment_date: '2026-07-01',
      reassessment_barc10_total: '40',
      reassessment_status: 'done',
    });
    const waiting = july.filter(
      (r) => r.intake_date === '2026-01-05' && r.reassessment_status !== 'done',
    );
    expect(waiting.map((r) => r.reassessment_status)).toEqual(Array(7).fill('due'));
    expect(byId.get(late)).toMatchObject({
      baseline_status: 'due',
      reassessment_status: 'not_yet_due',
      baseline_barc10_total: '',
    });
    const september = new Map((await rowsOn('2026-09-01')).map((r) => [r.member_id, r]));
    expect(september.get(late)).toMatchObject({ baseline_status: 'overdue' });
    expect(september.get(waiting[0]!.member_id)).toMatchObject({ reassessment_status: 'overdue' });
    const march = new Map((await rowsOn('2026-03-01')).map((r) => [r.member_id, r]));
    expect(march.get(waiting[0]!.member_id)).toMatchObject({ reassessment_status: 'not_yet_due' });
    // No chosen name leaves in the list.
    const body = (await call('supervisor', '/reports/suprt.csv')).body;
    expect(body).not.toContain('Full');
    expect(body).not.toContain('Late');
  });
});
