/**
 * Closed-loop referrals through the real server: a coach finds a buprenorphine prescriber that
 * takes Medicaid, refers a member under a consent with every 42 CFR 2.31 element, the receiving
 * organization opens its signed link (no account), accepts and completes; the coach sees every
 * change; revoking consent makes the link answer 410; a tampered or expired link answers 404.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import { createTokenFor } from '../src/centers/center-tokens.js';
import { DEMO_CENTER } from '../src/centers/demo/seed-center.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { createTestApp } from './support/app.js';
import { manualClock } from './support/manual-clock.js';
import { bearerCall } from './support/bearer.js';

const clock = manualClock('2026-12-07T15:00:00.000Z');
const base = `/api/v1/centers/${DEMO_CENTER.slug}`;
let app: App;
let coach: string;
let serviceId: string;

const call = bearerCall(
  () => app,
  () => coach,
);

function consent(overrides: Record<string, unknown> = {}) {
  return {
    memberName: 'River J.',
    discloser: 'Franklin County Recovery Center',
    information: {
      description: 'My name, my phone number and why I am referred.',
      shares: ['name', 'phone', 'reason'],
    },
    recipient: 'Valley Bridge Health',
    purpose: 'To start treatment with buprenorphine.',
    revocation: 'I may revoke this consent at any time by telling my coach, in person or by phone.',
    expiry: { date: '2027-03-01' },
    signature: { signedBy: 'River J.', signedAt: '2026-12-07T14:55:00Z', method: 'electronic' },
    redisclosureNotice: '42 CFR part 2 prohibits unauthorized use or disclosure of these records.',
    ...overrides,
  };
}

async function newMember(contact: object): Promise<string> {
  const res = await call('POST', `${base}/members`, { chosenName: 'River J.', contact });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock, keyring: createKeyring(Buffer.alloc(32, 5)) });
  coach = (
    await createTokenFor(
      { repos: app.repos, clock },
      { email: DEMO_CENTER.coachEmail, centerSlug: DEMO_CENTER.slug },
    )
  ).token;
  const found = await app.server.inject({
    method: 'GET',
    url: '/api/v1/resources/search?near=01301&radius=30&moud=buprenorphine&cost=medicaid&q=office',
  });
  serviceId = found.json<{ results: { id: string }[] }>().results[0]!.id;
});
afterAll(async () => app?.close());

describe('referrals', () => {
  it('closes the loop: refer, open the link, accept, complete, the coach sees every change', async () => {
    const memberId = await newMember({ phone: '+14135550199', doNotContact: false });
    const created = await call('POST', `${base}/referrals`, {
      memberId,
      serviceId,
      need: 'health.addiction-recovery.medications-for-addiction',
      reason: 'Wants to start buprenorphine this week.',
      consent: consent(),
    });
    expect(created.statusCode).toBe(201);
    const { referral, link } = created.json<{
      referral: { id: string; status: string };
      link: string;
    }>();
    expect(referral.status).toBe('requested');

    const seen = await call('GET', `/api/v1/referral-links/${link}`, undefined, null);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['cache-control']).toBe('no-store');
    expect(seen.json()).toMatchObject({
      status: 'requested',
      service: 'Office-based buprenorphine',
      member: {
        name: 'River J.',
        phone: '+14135550199',
        reason: 'Wants to start buprenorphine this week.',
      },
      consent: { purpose: 'To start treatment with buprenorphine.' },
    });

    clock.advance(3600_000);
    const accepted = await call(
      'POST',
      `/api/v1/referral-links/${link}/status`,
      { status: 'accepted', note: 'Intake Tuesday 10am' },
      null,
    );
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    const backwards = await call(
      'POST',
      `/api/v1/referral-links/${link}/status`,
      { status: 'requested' },
      null,
    );
    expect(backwards.json()).toMatchObject({ error: { code: 'PL_INVALID_BODY' } });
    clock.advance(86_400_000);
    await call('POST', `/api/v1/referral-links/${link}/status`, { status: 'completed' }, null);
    const reopen = await call(
      'POST',
      `/api/v1/referral-links/${link}/status`,
      { status: 'accepted' },
      null,
    );
    expect([reopen.statusCode, reopen.json().error.code]).toEqual([409, 'PL_REFERRAL_STATUS']);

    const view = (await call('GET', `${base}/referrals/${referral.id}`)).json<{
      status: string;
      firstAnswerAt: string;
      events: { actor: string; status: string; note?: string }[];
    }>();
    expect(view.status).toBe('completed');
    expect(view.firstAnswerAt).toBe('2026-12-07T16:00:00.000Z');
    expect(view.events.map((e) => [e.actor, e.status, e.note])).toEqual([
      ['staff', 'requested', undefined],
      ['recipient', 'accepted', 'Intake Tuesday 10am'],
      ['recipient', 'completed', undefined],
    ]);

    const fhir = await call('GET', `${base}/referrals/${referral.id}/fhir`);
    expect(fhir.headers['content-type']).toContain('application/fhir+json');
    const bundle = fhir.json<{ type: string; entry: { resource: Record<string, unknown> }[] }>();
    expect(bundle.type).toBe('collection');
    expect(bundle.entry.map((e) => [e.resource.resourceType, e.resource.status])).toEqual([
      ['ServiceRequest', 'completed'],
      ['Task', 'completed'],
    ]);
    expect(bundle.entry[1]!.resource).toMatchObject({
      intent: 'order',
      focus: { reference: `ServiceRequest/${referral.id}` },
      for: { display: 'River J.' },
    });
  });

  it('reads only the service a link names, never the directory around it', async () => {
    const memberId = await newMember({});
    const created = await call('POST', `${base}/referrals`, {
      memberId,
      serviceId,
      consent: consent(),
    });
    const { link } = created.json<{ link: string }>();
    const wholeDirectory = vi.spyOn(app.repos.resources, 'load');
    const oneService = vi.spyOn(app.repos.resources, 'serviceById');
    try {
      const page = await app.server.inject({ method: 'GET', url: `/en/referral/${link}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Office-based buprenorphine');
      const api = await call('GET', `/api/v1/referral-links/${link}`, undefined, null);
      expect(api.json()).toMatchObject({ service: 'Office-based buprenorphine' });
      // Each answer reads one service (and its organization's row), by id; nothing else.
      expect(wholeDirectory).not.toHaveBeenCalled();
      expect(oneService.mock.calls).toEqual([[serviceId], [serviceId]]);
      expect((await app.repos.resources.load()).services.length).toBeGreaterThan(10);
    } finally {
      wholeDirectory.mockRestore();
      oneService.mockRestore();
    }
  });

  it('names the missing consent element in a 400, for every element of 42 CFR 2.31', async () => {
    const memberId = await newMember({});
    const cases: [Record<string, unknown>, string][] = [
      [{ memberName: '' }, 'consent.memberName'],
      [{ discloser: undefined }, 'consent.discloser'],
      [{ information: { description: 'x', shares: [] } }, 'consent.information.shares'],
      [{ information: { shares: ['name'] } }, 'consent.information.description'],
      [{ recipient: ' ' }, 'consent.recipient'],
      [{ purpose: undefined }, 'consent.purpose'],
      [{ revocation: undefined }, 'consent.revocation'],
      [{ expiry: {} }, 'consent.expiry'],
      [{ signature: undefined }, 'consent.signature'],
      [{ signature: { signedBy: 'R', method: 'electronic' } }, 'consent.signature.signedAt'],
      [{ redisclosureNotice: '' }, 'consent.redisclosureNotice'],
    ];
    for (const [override, field] of cases) {
      const res = await call('POST', `${base}/referrals`, {
        memberId,
        serviceId,
        consent: consent(override),
      });
      expect([field, res.statusCode, res.json().error.code]).toEqual([
        field,
        400,
        'PL_CONSENT_INCOMPLETE',
      ]);
      expect(res.json().error.message).toContain(field);
    }
    const none = await call('POST', `${base}/referrals`, { memberId, serviceId });
    expect(none.json().error.message).toContain('consent');
  });

  it("shares only what the consent allows, and never a way to reach a member who said don't contact me", async () => {
    const memberId = await newMember({
      phone: '+14135550198',
      email: 'r@example.org',
      doNotContact: true,
    });
    const { link } = (
      await call('POST', `${base}/referrals`, {
        memberId,
        serviceId,
        reason: 'not shared',
        consent: consent({
          information: {
            description: 'Name, phone and email.',
            shares: ['name', 'phone', 'email'],
          },
        }),
      })
    ).json<{ link: string }>();
    const member = (await call('GET', `/api/v1/referral-links/${link}`, undefined, null)).json<{
      member: object;
    }>().member;
    expect(member).toEqual({ name: 'River J.' });
  });

  it('answers 410 once consent is revoked or expired, and 404 for a tampered or expired link', async () => {
    const memberId = await newMember({ phone: '+14135550197' });
    const make = async (expiry: object) =>
      (
        await call('POST', `${base}/referrals`, {
          memberId,
          serviceId,
          consent: consent({ expiry }),
        })
      ).json<{
        referral: { id: string };
        link: string;
      }>();
    const revoked = await make({ event: 'When I finish treatment' });
    const out = await call('POST', `${base}/referrals/${revoked.referral.id}/revoke-consent`);
    expect(out.json()).toMatchObject({ consentState: 'revoked', status: 'cancelled' });
    const gone = await call('GET', `/api/v1/referral-links/${revoked.link}`, undefined, null);
    expect([gone.statusCode, gone.json().error.code]).toEqual([410, 'PL_CONSENT_REVOKED']);
    expect(gone.body).not.toContain('River');
    expect((await call('GET', `${base}/referrals/${revoked.referral.id}/fhir`)).statusCode).toBe(
      410,
    );

    // A consent that ends on an event: the coach says it happened, and it has ended.
    const byEvent = await make({ event: 'When I leave the residence' });
    const ended = await call('POST', `${base}/referrals/${byEvent.referral.id}/consent-event`);
    expect(ended.json()).toMatchObject({ consentState: 'expired', status: 'cancelled' });
    const over = await call('GET', `/api/v1/referral-links/${byEvent.link}`, undefined, null);
    expect([over.statusCode, over.json().error.code]).toEqual([410, 'PL_CONSENT_EXPIRED']);
    expect(over.body).not.toContain('River');
    const dated = await make({ date: '2027-01-15' });
    const noEvent = await call('POST', `${base}/referrals/${dated.referral.id}/consent-event`);
    expect([noEvent.statusCode, noEvent.json().error.field]).toEqual([400, 'consent.expiry.event']);

    const tampered = revoked.link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(
      (await call('GET', `/api/v1/referral-links/${tampered}`, undefined, null)).statusCode,
    ).toBe(404);
    expect((await call('GET', '/api/v1/referral-links/nonsense', undefined, null)).statusCode).toBe(
      404,
    );

    const soon = await make({ date: '2026-12-20' });
    clock.set('2026-12-21T12:00:00.000Z');
    const expired = await call('GET', `/api/v1/referral-links/${soon.link}`, undefined, null);
    expect([expired.statusCode, expired.json().error.code]).toEqual([410, 'PL_CONSENT_EXPIRED']);
    clock.set('2027-03-01T12:00:00.000Z'); // past the link's own 60 days
    const old = await call('GET', `/api/v1/referral-links/${revoked.link}`, undefined, null);
    expect([old.statusCode, old.json().error.code]).toEqual([404, 'PL_REFERRAL_LINK_INVALID']);
  });

  it('reports referrals by need and status, with the time to first answer, hiding small counts', async () => {
    clock.set('2027-03-01T09:00:00.000Z');
    const admin = (
      await createTokenFor(
        { repos: app.repos, clock },
        { email: DEMO_CENTER.adminEmail, centerSlug: DEMO_CENTER.slug },
      )
    ).token;
    const memberId = await newMember({});
    const expiry = { date: '2027-06-01' };
    for (let i = 0; i < 12; i++) {
      const { link } = (
        await call('POST', `${base}/referrals`, {
          memberId,
          serviceId,
          need: i < 11 ? 'health.addiction-recovery.medications-for-addiction' : 'food.food-pantry',
          consent: consent({ expiry }),
        })
      ).json<{ link: string }>();
      clock.advance(2 * 3600_000);
      await call('POST', `/api/v1/referral-links/${link}/status`, { status: 'accepted' }, null);
      clock.advance(-2 * 3600_000);
    }
    const report = await call(
      'GET',
      `${base}/reports/referrals?from=2027-03-01&to=2027-03-01`,
      undefined,
      admin,
    );
    expect(report.statusCode).toBe(200);
    expect(report.json()).toEqual({
      from: '2027-03-01',
      to: '2027-03-01',
      made: 12,
      completed: 0,
      byStatus: { accepted: 12 },
      byNeed: [
        {
          need: 'health.addiction-recovery.medications-for-addiction',
          name: 'Medications for Addiction',
          made: 11,
          completed: 0,
        },
        { need: 'food.food-pantry', name: 'Food Pantry', made: 'fewer than 11', completed: 0 },
      ],
      medianHoursToFirstAnswer: 2,
    });
    const coachTries = await call('GET', `${base}/reports/referrals?from=2027-03-01&to=2027-03-01`);
    expect(coachTries.statusCode).toBe(403);
  });
});
