/**
 * A ride from request to purge against a real database with the demo meetings: the rider
 * confirms with the code sent, only the drivers who fit are offered it, the first to accept
 * takes it, reminders go the day and the hour before, the ride completes, and 30 days on the
 * pickup and contact are gone. Messages are recorded by key, as the delivery queue sends them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../test/support/manual-clock.js';
import { createTestApp } from '../../test/support/app.js';
import type { App } from '../app.js';
import { createKeyring } from '../platform/crypto/keyring.js';
import { nextOccurrence } from '../search/occurrences.js';
import type { Meeting } from '../meetings/model.js';
import { askRide, confirmRide } from './ask-ride.js';
import { rideByLink, riderDetails } from './rider-records.js';
import { acceptRide, declineRide } from './answer-ride.js';
import type { RideDeps, RideMessage } from './deps.js';
import { approveDriver, enrolDriver } from './drivers.js';
import type { Contact, RideProgram } from './model.js';
import { createProgram } from './programs.js';
import { runRideUpkeep } from './ride-upkeep.js';
import { parseWeeklyHours } from './weekly-hours.js';

const clock = manualClock('2026-12-07T15:00:00.000Z');
const sent = new Map<string, { to: Contact; message: RideMessage }>();
let app: App;
let deps: RideDeps;
let program: RideProgram;
let meeting: Meeting;
const links = new Map<string, string>();

function lastTo(address: string): RideMessage | undefined {
  const mine = [...sent.values()].filter((m) =>
    m.to.channel === 'sms' ? m.to.phone === address : m.to.email === address,
  );
  return mine.at(-1)?.message;
}

async function driver(
  name: string,
  phone: string,
  home: { latitude: number; longitude: number },
  hours: string,
) {
  const enrolled = await enrolDriver(deps, program, {
    contact: { channel: 'sms', phone, name },
    home,
    radiusKm: 25,
    onCall: parseWeeklyHours(hours)!,
    seats: 3,
    wheelchair: false,
  });
  await approveDriver(
    deps,
    program,
    enrolled.id,
    { licenceCheckedOn: '2026-12-01', insuranceCheckedOn: '2026-12-01' },
    'coordinator',
  );
  links.set(name, /\/rides\/driver\/([A-Za-z0-9_-]{43})/.exec(lastTo(phone)!.text)![1]!);
  return enrolled;
}

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock, keyring: createKeyring(Buffer.alloc(32, 7)) });
  deps = {
    repos: app.repos,
    clock,
    keyring: app.keyring,
    publicUrl: 'https://meetings.example.org',
    messenger: {
      send: (to, message, key) => {
        if (!sent.has(key)) sent.set(key, { to, message });
        return Promise.resolve();
      },
    },
  };
  meeting = (await app.repos.meetings.all()).find(
    (m) =>
      m.attendance === 'in_person' &&
      m.place.address.city === 'Greenfield' &&
      m.schedule.some((r) => r.kind === 'weekly'),
  )!;
  const center = (await app.repos.centers.list())[0]!;
  program = await createProgram(deps, {
    slug: 'greenfield-test-rides',
    name: 'Greenfield Test Rides',
    owner: { kind: 'center', centerId: center.id },
    timeZone: 'America/New_York',
    // Centred on the meeting, so it, not the demo's program, serves it.
    area: { latitude: meeting.place.latitude!, longitude: meeting.place.longitude!, radiusKm: 40 },
    rules: { peerEscort: true, backgroundCheckRequired: false, maxDaysAhead: 14, minHoursAhead: 2 },
  });
}, 60_000);
afterAll(async () => app.close());

describe('a ride to a meeting', () => {
  it('goes from the rider’s request to the first driver who accepts, reminds, completes and forgets', async () => {
    const start = nextOccurrence(
      meeting.schedule,
      meeting.timeZone,
      clock.now().getTime() + 86_400_000,
    )!;
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: program.timeZone,
      weekday: 'short',
    }).format(start.start);
    const around = (from: number, to: number) => `${local} ${hhmm(from)}-${hhmm(to)}`;
    const at = (ms: number) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: program.timeZone,
        hour: '2-digit',
        minute: '2-digit',
      }).format(ms);
    const hhmm = (ms: number) => at(ms);
    const onCall = around(start.start - 3_600_000, start.end + 3_600_000);
    // At the pickup, and nearer the meeting (a longer detour: 13 km to the pickup and back 5),
    // both on call; at the pickup but off call; on call but 55 km away.
    const near = await driver(
      'Near',
      '+14135550101',
      { latitude: 42.53, longitude: -72.79 },
      onCall,
    );
    const nearer = await driver(
      'Nearer',
      '+14135550102',
      { latitude: 42.57, longitude: -72.65 },
      onCall,
    );
    await driver('Off', '+14135550103', { latitude: 42.53, longitude: -72.79 }, 'Sun 01:00-02:00');
    await driver('Far', '+14135550104', { latitude: 42.1, longitude: -72.59 }, onCall);

    const { ride, link } = await askRide(deps, {
      meetingSlug: meeting.slug,
      occurrenceStart: new Date(start.start).toISOString(),
      pickup: { latitude: 42.5261, longitude: -72.7883, text: '12 Main St, Ashfield' },
      contact: { channel: 'sms', phone: '+14135550199' },
      returnTrip: true,
      wheelchair: false,
      passengers: 1,
      locale: 'es',
    });
    expect(ride.pickupArea).toEqual({ latitude: 42.53, longitude: -72.79 });
    const codeMessage = lastTo('+14135550199')!;
    expect(codeMessage.text).toContain('/es/rides/');
    const code = /código es (\d{6})/.exec(codeMessage.text)![1]!;
    await expect(
      confirmRide(deps, link, code === '000000' ? '111111' : '000000'),
    ).rejects.toMatchObject({ code: 'PL_RIDE_CODE_WRONG' });
    expect((await confirmRide(deps, link, code)).status).toBe('open');

    const offers = await app.repos.rides.offersOfRide(ride.id);
    expect(offers.map((o) => o.driverId)).toEqual([near.id, nearer.id]);
    expect(lastTo('+14135550103')!.subject).toContain('approved');
    expect(lastTo('+14135550101')!.text).toContain('First to accept');

    await declineRide(deps, links.get('Nearer')!, ride.id);
    const taken = await acceptRide(deps, links.get('Near')!, ride.id);
    expect(taken.status).toBe('accepted');
    await expect(acceptRide(deps, links.get('Nearer')!, ride.id)).rejects.toMatchObject({
      code: 'PL_RIDE_TAKEN',
    });
    await expect(acceptRide(deps, links.get('Off')!, ride.id)).rejects.toMatchObject({
      code: 'PL_RIDE_NOT_FOUND',
    });
    expect(lastTo('+14135550199')!.text).toContain('aceptó su viaje');

    clock.set(new Date(start.start - 20 * 3_600_000).toISOString());
    await runRideUpkeep(deps);
    await runRideUpkeep(deps);
    expect(sent.has(`ride-reminder:${ride.id}:day:rider`)).toBe(true);
    expect(sent.has(`ride-reminder:${ride.id}:day:driver`)).toBe(true);
    expect(sent.has(`ride-reminder:${ride.id}:hour:rider`)).toBe(false);
    clock.set(new Date(start.start - 30 * 60_000).toISOString());
    await runRideUpkeep(deps);
    expect(sent.get(`ride-reminder:${ride.id}:hour:driver`)!.to).toMatchObject({
      phone: '+14135550101',
    });
    expect(sent.get(`ride-reminder:${ride.id}:hour:rider`)!.message.text).toContain(
      'le recordamos',
    );

    clock.set(new Date(start.end + 60_000).toISOString());
    expect((await runRideUpkeep(deps)).completed).toBe(1);
    const done = (await app.repos.rides.rideById(ride.id))!;
    expect(done.status).toBe('completed');
    expect(done.tripKm).toBeGreaterThan(20);
    expect(riderDetails(deps, done)?.pickup.text).toBe('12 Main St, Ashfield');

    clock.set(new Date(start.end + 31 * 86_400_000).toISOString());
    expect((await runRideUpkeep(deps)).purged).toBe(1);
    const purged = (await app.repos.rides.rideById(ride.id))!;
    expect(riderDetails(deps, purged)).toBeUndefined();
    expect(purged.pickupArea).toBeUndefined();
    expect(purged.status).toBe('completed');
  });

  it('keeps no contact, name or pickup of a rider or a driver in the clear', async () => {
    clock.set('2026-12-07T15:00:00.000Z');
    const start = nextOccurrence(
      meeting.schedule,
      meeting.timeZone,
      clock.now().getTime() + 86_400_000,
    )!;
    const { link } = await askRide(deps, {
      meetingSlug: meeting.slug,
      occurrenceStart: new Date(start.start).toISOString(),
      pickup: { latitude: 42.5261, longitude: -72.7883, text: '12 Main St, Ashfield' },
      contact: { channel: 'email', email: 'river@example.net', name: 'River' },
      returnTrip: false,
      wheelchair: false,
      passengers: 1,
      locale: 'en',
    });
    const rows = [
      ...(await app.database.db
        .selectFrom('ride_requests' as never)
        .selectAll()
        .execute()),
      ...(await app.database.db
        .selectFrom('ride_drivers' as never)
        .selectAll()
        .execute()),
    ];
    const text = JSON.stringify(rows);
    for (const secret of [
      'river@example.net',
      'River',
      '12 Main St',
      '-72.7883',
      '+1413555010',
      link,
      'Near',
    ])
      expect(text).not.toContain(secret);
    // A master key rotation rewraps the ride's key: its details open under the new key alone.
    const next = createKeyring(Buffer.alloc(32, 8), [Buffer.alloc(32, 7)]);
    expect(await app.repos.rides.rewrapKeys(app.keyring(), next)).toBeGreaterThan(4);
    const ride = await rideByLink(deps, link);
    expect(
      riderDetails({ keyring: () => createKeyring(Buffer.alloc(32, 8)) }, ride)?.contact,
    ).toMatchObject({
      email: 'river@example.net',
    });
  });

  it('refuses an occurrence the meeting does not have, or one too far ahead', async () => {
    const ask = {
      meetingSlug: meeting.slug,
      pickup: { latitude: 42.5261, longitude: -72.7883 },
      contact: { channel: 'sms' as const, phone: '+14135550199' },
      returnTrip: false,
      wheelchair: false,
      passengers: 1,
      locale: 'en' as const,
    };
    const next = nextOccurrence(
      meeting.schedule,
      meeting.timeZone,
      clock.now().getTime() + 86_400_000,
    )!;
    await expect(
      askRide(deps, { ...ask, occurrenceStart: new Date(next.start + 60_000).toISOString() }),
    ).rejects.toMatchObject({ code: 'PL_RIDE_INVALID' });
    const later = nextOccurrence(
      meeting.schedule,
      meeting.timeZone,
      clock.now().getTime() + 20 * 86_400_000,
    )!;
    await expect(
      askRide(deps, { ...ask, occurrenceStart: new Date(later.start).toISOString() }),
    ).rejects.toMatchObject({ code: 'PL_RIDE_TOO_SOON' });
    await expect(
      askRide(deps, {
        ...ask,
        occurrenceStart: new Date(next.start).toISOString(),
        pickup: { latitude: 41.0, longitude: -72.0 },
      }),
    ).rejects.toMatchObject({ code: 'PL_RIDE_NOT_OFFERED' });
  });
});
