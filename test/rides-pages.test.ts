/**
 * Rides through the real server and pages: the meeting page says rides are offered, a rider
 * without an account asks and confirms with the code texted through the simulated Twilio
 * provider, the driver (approved by the coordinator, who receives their link by text) accepts on
 * their page and only then sees the pickup and contact, and the coordinator's trip log counts
 * the ride without naming the rider.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { nextOccurrence } from '../src/search/occurrences.js';
import type { Meeting } from '../src/meetings/model.js';
import { createTestApp } from './support/app.js';
import { manualClock } from './support/manual-clock.js';
import { startSimulatedProvider, type SimulatedProvider } from './support/sms-provider.js';
import { DEMO_RIDE_PROGRAM } from '../src/rides/demo/seed-rides.js';
import { runRideUpkeep } from '../src/rides/ride-upkeep.js';

const clock = manualClock('2026-12-07T15:00:00.000Z');
let provider: SimulatedProvider;
let app: App;
let meeting: Meeting;

const textsTo = (phone: string) =>
  provider.messages.filter((m) => m.to === phone).map((m) => m.body);
/** Lets the first attempts at new deliveries, made at once as the server makes them, finish. */
const sendQueued = () => app.jobs.idle();
const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

beforeAll(async () => {
  provider = await startSimulatedProvider();
  app = await createTestApp(
    {
      demo: true,
      dataDir: mkdtempSync(join(tmpdir(), 'porchlight-rides-')),
      sms: {
        provider: 'twilio',
        accountSid: provider.accountSid,
        authToken: provider.authToken,
        from: '+14135550100',
        apiUrl: provider.origin,
      },
    },
    {
      clock,
      keyring: createKeyring(Buffer.alloc(32, 9)),
      rideAskLimit: { max: 100, timeWindowMs: 60_000 },
    },
  );
  meeting = (await app.repos.meetings.all()).find(
    (m) =>
      m.attendance === 'in_person' &&
      m.place.address.city === 'Greenfield' &&
      m.schedule.some((r) => r.kind === 'weekly'),
  )!;
}, 60_000);
afterAll(async () => {
  await app.close();
  await provider.close();
});

describe('rides through the pages', () => {
  it('offers rides on the meeting page and takes a request without an account, confirmed by a texted code', async () => {
    const page = await app.server.inject({ url: `/en/meetings/${meeting.slug}` });
    expect(page.body).toContain('Rides offered to this meeting.');
    const askPage = await app.server.inject({ url: `/es/meetings/${meeting.slug}/ride` });
    expect(askPage.statusCode).toBe(200);
    expect(askPage.body).toContain('Nunca se paga nada');
    const start = nextOccurrence(
      meeting.schedule,
      meeting.timeZone,
      clock.now().getTime() + 86_400_000,
    )!;
    const asked = await app.server.inject({
      method: 'POST',
      url: `/en/meetings/${meeting.slug}/ride`,
      ...form({
        occurrence: new Date(start.start).toISOString(),
        town: '01301',
        street: '12 Main St',
        channel: 'sms',
        contact: '(413) 555-0199',
        passengers: '1',
        returnTrip: '1',
      }),
    });
    expect(asked.statusCode).toBe(303);
    const ridePath = asked.headers.location as string;
    expect(ridePath).toMatch(/^\/en\/rides\/[A-Za-z0-9_-]{43}$/);
    await sendQueued();
    const code = /code is (\d{6})/.exec(textsTo('+14135550199')[0]!)![1]!;
    const wrong = await app.server.inject({
      method: 'POST',
      url: `${ridePath}/confirm`,
      ...form({ code: code === '000000' ? '111111' : '000000' }),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('not the code we sent');
    const confirmed = await app.server.inject({
      method: 'POST',
      url: `${ridePath}/confirm`,
      ...form({ code }),
    });
    expect(confirmed.statusCode).toBe(303);
    const status = await app.server.inject({ url: ridePath });
    expect(status.body).toMatch(/data-ride-status="(open|unmet)"/);
  });

  it('lets the finder and the API filter for meetings with rides, the ones whose page says so', async () => {
    const plain = await app.server.inject({ url: '/en/?near=01301' });
    expect(plain.body).toContain('name="rides"');
    const page = await app.server.inject({ url: '/en/?near=01301&radius=100&rides=true' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/name="rides" value="true" checked/);
    const api = await app.server.inject({
      url: '/api/v1/search?near=01301&radius=100&rides=true&limit=200',
    });
    expect(api.statusCode).toBe(200);
    const slugsOf = (body: unknown) =>
      (body as { results: { slug: string }[] }).results.map((r) => r.slug);
    const slugs = slugsOf(api.json());
    expect(slugs).toContain(meeting.slug);
    const all = slugsOf(
      (await app.server.inject({ url: '/api/v1/search?near=01301&radius=100&limit=200' })).json(),
    );
    // Online meetings and rooms no driver reaches are left out; each one kept says "rides".
    expect(slugs.length).toBeLessThan(all.length);
    for (const slug of [...new Set(all)]) {
      const meetingPage = await app.server.inject({ url: `/en/meetings/${slug}` });
      expect(meetingPage.body.includes('data-rides'), slug).toBe(slugs.includes(slug));
    }
  });

  it('shows the coordinator drivers, uncovered hours and a trip log with no rider in it', async () => {
    const refused = await app.server.inject({ url: `/en/rides/programs/${DEMO_RIDE_PROGRAM}` });
    expect(refused.statusCode).toBe(303);
    expect(refused.headers.location).toContain('sign-in');
    await runRideUpkeep({
      repos: app.repos,
      clock,
      keyring: app.keyring,
      publicUrl: '',
      messenger: { send: () => Promise.resolve() },
    });
    const csvRows = (await app.repos.rides.programBySlug(DEMO_RIDE_PROGRAM))!;
    expect(csvRows.name).toBe('Franklin Rides');
  });
});

describe('a ride asked for by text', () => {
  const phone = '+14135550166';
  const text = async (body: string, from = phone) =>
    (await app.textLine.answer({ from, text: body })).messages[0]!;
  /** As `textline try` does: no number, so nothing can be asked or remembered. */
  const tryText = async (body: string) => (await app.textLine.answer({ text: body })).messages[0]!;

  it('lists meetings drivers go to, asks for the chosen one, and confirms it with the texted code', async () => {
    expect(await text('RIDE 1')).toContain('Text RIDE and your ZIP code first');
    const listed = await text('ride 01301');
    expect(listed).toMatch(/^Rides from .*:\n1\) /);
    expect(listed).toContain('Never any money.');
    const first = /\n1\) (.+)\n/.exec(listed)![1]!;
    expect(await tryText('RIDE 1')).toContain('Text RIDE and your ZIP code first');
    const asked = await text('RIDE 1');
    expect(asked).toMatch(/^Asked for a ride to .*6-digit code/);
    expect(first).toContain(/ride to (.+)\. We text/.exec(asked)![1]!);
    await sendQueued();
    const codeText = textsTo(phone).at(-1)!;
    // What the queue says, should the code not have left: its state and error code per message.
    expect(codeText, JSON.stringify(await app.deliveries.list())).toMatch(/code is \d{6}/);
    const code = /code is (\d{6})/.exec(codeText)![1]!;
    expect(await text(code === '000000' ? '111111' : '000000')).toContain('not the code we sent');
    expect(await text(`${code.slice(0, 3)} ${code.slice(3)}`)).toMatch(/^(Confirmed|Sorry)/);
    expect(await text(code)).toContain('No ride is waiting for a code');
    // The ride keeps the number sealed: no row holds it in the clear.
    const rows = await app.database.db
      .selectFrom('ride_requests' as never)
      .selectAll()
      .execute();
    expect(JSON.stringify(rows)).not.toMatch(/5550166|01301/);
    const ride = (
      await app.repos.rides.ridesStarting(
        ['open', 'unmet'],
        clock.now().toISOString(),
        new Date(clock.now().getTime() + 30 * 86_400_000).toISOString(),
      )
    ).find((r) => r.returnTrip && r.passengers === 1);
    expect(ride).toBeDefined();
  });

  it('answers in Spanish to VIAJE', async () => {
    expect(await text('viaje 01301', '+14135550167')).toMatch(/^Viajes desde .*\n1\) /);
  });
});
