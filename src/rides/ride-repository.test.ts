import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import type { RideProgram } from './model.js';
import { RideRepository, type StoredDriver, type StoredRide } from './ride-repository.js';

const program: RideProgram = {
  id: 'p1',
  slug: 'hilltown-rides',
  name: 'Hilltown Rides',
  owner: { kind: 'center', centerId: 'c1' },
  timeZone: 'America/New_York',
  area: { latitude: 42.55, longitude: -72.75, radiusKm: 40 },
  rules: { peerEscort: true, backgroundCheckRequired: false, maxDaysAhead: 14, minHoursAhead: 2 },
  coordinators: ['person-b', 'person-a'],
  createdAt: '2026-12-01T00:00:00.000Z',
};

function driver(id: string, status: StoredDriver['status'] = 'approved'): StoredDriver {
  return {
    id,
    programId: 'p1',
    status,
    home: { latitude: 42.53, longitude: -72.79, radiusKm: 20 },
    onCall: [{ day: 3, start: 1080, end: 1320 }],
    seats: 3,
    wheelchair: false,
    createdAt: `2026-12-01T00:00:0${id.length}.000Z`,
    sealedContact: 'v1.sealed-contact',
    wrappedKey: 'v1.wrapped',
    keyId: 'k1',
    linkHash: `link-${id}`,
  };
}

function ride(id: string, start: string): StoredRide {
  return {
    id,
    programId: 'p1',
    meetingId: 'm1',
    occurrenceStart: start,
    occurrenceEnd: new Date(Date.parse(start) + 3_600_000).toISOString(),
    pickupArea: { latitude: 42.53, longitude: -72.79 },
    meetingPoint: { latitude: 42.587, longitude: -72.599 },
    returnTrip: true,
    wheelchair: false,
    passengers: 1,
    status: 'open',
    createdAt: '2026-12-05T00:00:00.000Z',
    sealedDetails: 'v1.sealed-details',
    wrappedKey: 'v1.wrapped',
    keyId: 'k1',
    linkHash: `ride-link-${id}`,
    codeHash: 'code',
    codeAttempts: 0,
  };
}

describe.each(testDialects)('rides storage on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let rides: RideRepository;
  beforeEach(async () => {
    handle = await openTestDatabase(url);
    rides = new RideRepository(handle.db);
    await rides.insertProgram(program);
  });
  afterEach(async () => handle.close());

  it('keeps a program with its area, rules and coordinators', async () => {
    expect(await rides.programBySlug('hilltown-rides')).toEqual({
      ...program,
      coordinators: ['person-a', 'person-b'],
    });
    expect(await rides.programById('nope')).toBeUndefined();
    await rides.setCoordinators('p1', ['person-c']);
    expect((await rides.programs()).map((p) => p.coordinators)).toEqual([['person-c']]);
  });

  it('keeps drivers, finds them by link and by status, and saves vetting', async () => {
    await rides.insertDriver(driver('d1', 'pending'));
    await rides.insertDriver(driver('d22'));
    expect((await rides.driversOf('p1', 'approved')).map((d) => d.id)).toEqual(['d22']);
    const pending = (await rides.driverByLink('link-d1'))!;
    const vetting = {
      licenceCheckedOn: '2026-12-02',
      insuranceCheckedOn: '2026-12-02',
      checkedBy: 'person-a',
    };
    await rides.updateDriver(
      { ...pending, status: 'approved', vetting },
      '2026-12-03T00:00:00.000Z',
    );
    expect(await rides.driverById('d1')).toEqual({ ...driver('d1'), vetting });
    expect((await rides.driversOf('p1')).map((d) => d.id)).toEqual(['d1', 'd22']);
  });

  it('gives an open ride to the first driver who accepts, and only to them', async () => {
    await rides.insertDriver(driver('d1'));
    await rides.insertDriver(driver('d22'));
    await rides.insertRide(ride('r1', '2026-12-09T23:00:00.000Z'));
    await rides.insertOffers(
      ['d1', 'd22'].map((driverId, rank) => ({
        id: `o-${driverId}`,
        requestId: 'r1',
        driverId,
        rank,
        detourKm: 10 + rank,
        state: 'offered' as const,
        createdAt: '2026-12-05T00:00:00.000Z',
      })),
    );
    const [first, second] = await Promise.all([
      rides.claimRide('r1', 'd22', 31.5, '2026-12-05T01:00:00.000Z'),
      rides.claimRide('r1', 'd1', 30.25, '2026-12-05T01:00:00.000Z'),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    const taken = (await rides.rideById('r1'))!;
    expect(taken.status).toBe('accepted');
    expect(taken.driverId).toBe(first ? 'd22' : 'd1');
    expect(taken.tripKm).toBe(first ? 31.5 : 30.25);
    await rides.answerOffers('r1', 'accepted', '2026-12-05T01:00:00.000Z', {
      driverId: taken.driverId!,
    });
    await rides.answerOffers('r1', 'withdrawn', '2026-12-05T01:00:00.000Z', { onlyOffered: true });
    expect((await rides.offersOfRide('r1')).map((o) => o.state).sort()).toEqual([
      'accepted',
      'withdrawn',
    ]);
    // Given back, it is open for the others again.
    expect(await rides.releaseRide('r1', 'someone-else')).toBe(false);
    expect(await rides.releaseRide('r1', taken.driverId!)).toBe(true);
    expect((await rides.rideById('r1'))!.status).toBe('open');
  });

  it('finds rides by link and by time, and forgets pickups and contacts of rides long past', async () => {
    await rides.insertRide(ride('old', '2026-11-01T23:00:00.000Z'));
    await rides.insertRide(ride('new', '2026-12-09T23:00:00.000Z'));
    expect((await rides.rideByLink('ride-link-new'))!.id).toBe('new');
    expect(
      (await rides.ridesOf('p1', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z')).map(
        (r) => r.id,
      ),
    ).toEqual(['new']);
    expect(
      (
        await rides.ridesStarting(['open'], '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z')
      ).map((r) => r.id),
    ).toEqual(['old', 'new']);
    expect(await rides.purgeDetails('2026-11-08T00:00:00.000Z', '2026-12-08T00:00:00.000Z')).toBe(
      1,
    );
    expect(await rides.purgeDetails('2026-11-08T00:00:00.000Z', '2026-12-08T00:00:00.000Z')).toBe(
      0,
    );
    const old = (await rides.rideById('old'))!;
    expect(old.pickupArea).toBeUndefined();
    expect(old.sealedDetails).toBeUndefined();
    expect(old.wrappedKey).toBeUndefined();
    expect(old.codeHash).toBeUndefined();
    expect(old.purgedAt).toBe('2026-12-08T00:00:00.000Z');
    expect(old.meetingPoint).toEqual(ride('old', '2026-11-01T23:00:00.000Z').meetingPoint);
    expect((await rides.rideById('new'))!.sealedDetails).toBe('v1.sealed-details');
  });
});
