/**
 * Follow-up reminders for unanswered referrals, driven by the Clock: the coach who made a
 * referral is mailed after three and after seven days without an answer, once each however
 * often the job runs, never after the receiving organization answered, and the mail names the
 * service, never the member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createTokenFor } from '../src/centers/center-tokens.js';
import { DEMO_CENTER } from '../src/centers/demo/seed-center.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import type { MailMessage } from '../src/platform/mail/mailer.js';
import { sendReferralFollowUps } from '../src/referrals/follow-ups.js';
import { createTestApp } from './support/app.js';
import { manualClock } from './support/manual-clock.js';
import { bearerCall } from './support/bearer.js';

const clock = manualClock('2026-12-07T15:00:00.000Z');
const base = `/api/v1/centers/${DEMO_CENTER.slug}`;
let app: App;
let coach: string;

/** The queue as the job sees it: one message per idempotency key, as the real queue keeps. */
const queued = new Map<string, MailMessage>();
const queue = {
  enqueue: (request: { idempotencyKey: string; message: MailMessage }) => {
    if (!queued.has(request.idempotencyKey)) queued.set(request.idempotencyKey, request.message);
    return Promise.resolve();
  },
};

const call = bearerCall(
  () => app,
  () => coach,
);

async function refer(locale?: string): Promise<{ id: string; link: string }> {
  const member = await call('POST', `${base}/members`, { chosenName: 'Sky Morrow' });
  const found = await call(
    'GET',
    '/api/v1/resources/search?near=01301&radius=30&moud=buprenorphine&q=office',
  );
  const created = await call('POST', `${base}/referrals`, {
    ...(locale !== undefined ? { locale } : {}),
    memberId: member.json<{ id: string }>().id,
    serviceId: found.json<{ results: { id: string }[] }>().results[0]!.id,
    consent: {
      memberName: 'Sky Morrow',
      discloser: 'Franklin County Recovery Center',
      information: { description: 'My name.', shares: ['name'] },
      recipient: 'Valley Bridge Health',
      purpose: 'To start treatment.',
      revocation: 'By telling my coach.',
      expiry: { date: '2027-06-01' },
      signature: { signedBy: 'Sky Morrow', signedAt: '2026-12-07T14:55:00Z', method: 'electronic' },
      redisclosureNotice:
        '42 CFR part 2 prohibits unauthorized use or disclosure of these records.',
    },
  });
  expect(created.statusCode).toBe(201);
  const body = created.json<{ referral: { id: string }; link: string }>();
  return { id: body.referral.id, link: body.link };
}

const run = () =>
  sendReferralFollowUps({ repos: app.repos, clock, queue, publicUrl: 'https://porch.example' });

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock, keyring: createKeyring(Buffer.alloc(32, 6)) });
  coach = (
    await createTokenFor(
      { repos: app.repos, clock },
      { email: DEMO_CENTER.coachEmail, centerSlug: DEMO_CENTER.slug },
    )
  ).token;
});
afterAll(async () => app?.close());

describe('referral follow-ups', () => {
  it('reminds the coach at three and seven days, once each, and not once answered', async () => {
    const waiting = await refer();
    const answered = await refer();
    await run();
    expect([...queued.keys()]).toEqual([]);

    clock.set('2026-12-10T15:30:00.000Z');
    await run();
    await run();
    expect([...queued.keys()].sort()).toEqual(
      [`referral-follow-up:${answered.id}:3`, `referral-follow-up:${waiting.id}:3`].sort(),
    );
    const mail = queued.get(`referral-follow-up:${waiting.id}:3`)!;
    expect(mail.to).toBe(DEMO_CENTER.coachEmail);
    expect(mail.subject).toBe('No answer yet: a referral to Office-based buprenorphine');
    expect(mail.text).toContain(
      `https://porch.example/en/center/${DEMO_CENTER.slug}/referrals/${waiting.id}`,
    );
    expect(`${mail.subject} ${mail.text}`).not.toContain('Sky');

    const accepted = await call(
      'POST',
      `/api/v1/referral-links/${answered.link}/status`,
      { status: 'accepted' },
      null,
    );
    expect(accepted.statusCode).toBe(200);
    clock.set('2026-12-14T16:00:00.000Z');
    await run();
    expect(queued.has(`referral-follow-up:${waiting.id}:7`)).toBe(true);
    expect(queued.has(`referral-follow-up:${answered.id}:7`)).toBe(false);
    expect(queued.size).toBe(3);
  });

  it('writes the reminder in the language the referral was made in', async () => {
    const spanish = await refer('es');
    clock.set('2026-12-17T16:30:00.000Z');
    await run();
    const mail = queued.get(`referral-follow-up:${spanish.id}:3`)!;
    expect(mail.subject).toBe('Todavía sin respuesta: una referencia a Office-based buprenorphine');
    expect(mail.text).toContain('lleva 3 días sin respuesta');
    expect(mail.text).toContain(
      `https://porch.example/es/center/${DEMO_CENTER.slug}/referrals/${spanish.id}`,
    );
    expect(`${mail.subject} ${mail.text}`).not.toContain('Sky');
  });
});
