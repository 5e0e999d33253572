import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detourKm, kmBetween } from './detour.js';
import { driverFits, matchDrivers, type RideNeed } from './matching.js';
import type { Driver, OnCallWindow } from './model.js';
import { minuteOfWeek, windowCovers } from './weekly-hours.js';

const zone = 'America/New_York';
// A rural county and its surroundings: about 60 km across.
const point = fc.record({
  latitude: fc.double({ min: 42.3, max: 42.8, noNaN: true }),
  longitude: fc.double({ min: -73.1, max: -72.4, noNaN: true }),
});
const window: fc.Arbitrary<OnCallWindow> = fc
  .record({
    day: fc.integer({ min: 0, max: 6 }),
    start: fc.integer({ min: 0, max: 1439 }),
    end: fc.integer({ min: 0, max: 1439 }),
  })
  .filter((w) => w.start !== w.end);
const driver = (id: number): fc.Arbitrary<Driver> =>
  fc.record({
    id: fc.constant(`d-${String(id).padStart(3, '0')}`),
    programId: fc.constant('p'),
    status: fc.constantFrom('approved', 'approved', 'approved', 'pending', 'paused'),
    home: fc.record({
      latitude: fc.double({ min: 42.3, max: 42.8, noNaN: true }),
      longitude: fc.double({ min: -73.1, max: -72.4, noNaN: true }),
      radiusKm: fc.integer({ min: 1, max: 50 }),
    }),
    onCall: fc.array(window, { maxLength: 4 }),
    seats: fc.integer({ min: 1, max: 6 }),
    wheelchair: fc.boolean(),
    createdAt: fc.constant('2026-12-01T00:00:00.000Z'),
  });
const drivers = fc
  .integer({ min: 0, max: 20 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => driver(i))));
const need: fc.Arbitrary<RideNeed> = fc
  .record({
    pickup: point,
    meeting: point,
    // Any minute across a year, DST changes included.
    start: fc.integer({ min: 0, max: 365 * 1440 }).map((m) => Date.UTC(2026, 0, 1) + m * 60_000),
    minutes: fc.constantFrom(60, 90),
    returnTrip: fc.boolean(),
    wheelchair: fc.boolean(),
    passengers: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ minutes, ...rest }) => ({ ...rest, end: rest.start + minutes * 60_000 }));

/** On call, read the slow way: the window list against the local minute of the week. */
function onCallSlow(d: Driver, at: number): boolean {
  const minute = minuteOfWeek(at, zone);
  return d.onCall.some((w) => windowCovers(w, minute));
}

describe('matching drivers to a ride', () => {
  it('offers only approved drivers on call whose area covers the pickup, every one of them, by detour', () => {
    fc.assert(
      fc.property(drivers, need, (all, asked) => {
        const offered = matchDrivers(all, asked, zone);
        const ids = new Set(offered.map((m) => m.driverId));
        for (const d of all) {
          const covers = kmBetween(d.home, asked.pickup) <= d.home.radiusKm;
          const onCall =
            onCallSlow(d, asked.start) && (!asked.returnTrip || onCallSlow(d, asked.end));
          const fits =
            d.status === 'approved' &&
            covers &&
            onCall &&
            d.seats >= asked.passengers &&
            (!asked.wheelchair || d.wheelchair);
          expect(ids.has(d.id)).toBe(fits);
        }
        for (let i = 1; i < offered.length; i += 1)
          expect(offered[i]!.detourKm).toBeGreaterThanOrEqual(offered[i - 1]!.detourKm);
        for (const m of offered) {
          const d = all.find((x) => x.id === m.driverId)!;
          expect(m.detourKm).toBeCloseTo(detourKm(d.home, asked.pickup, asked.meeting), 9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ranks the driver with the smaller detour first, not the one nearer the pickup', () => {
    const base = {
      programId: 'p',
      status: 'approved' as const,
      onCall: [{ day: 3, start: 18 * 60, end: 22 * 60 }],
      seats: 3,
      wheelchair: false,
      createdAt: '2026-12-01T00:00:00.000Z',
    };
    // Pickup in Ashfield, meeting in Greenfield. One driver lives 3 km behind the pickup (away
    // from the meeting); the other 8 km on the way to the meeting, so their round trip is shorter.
    const pickup = { latitude: 42.526, longitude: -72.788 };
    const meeting = { latitude: 42.587, longitude: -72.599 };
    const behind = {
      ...base,
      id: 'behind',
      home: { latitude: 42.526, longitude: -72.825, radiusKm: 20 },
    };
    const onTheWay = {
      ...base,
      id: 'on-the-way',
      home: { latitude: 42.55, longitude: -72.7, radiusKm: 20 },
    };
    const asked: RideNeed = {
      pickup,
      meeting,
      start: Date.parse('2026-12-09T19:00:00-05:00'),
      end: Date.parse('2026-12-09T20:00:00-05:00'),
      returnTrip: true,
      wheelchair: false,
      passengers: 1,
    };
    expect(matchDrivers([behind, onTheWay], asked, zone).map((m) => m.driverId)).toEqual([
      'on-the-way',
      'behind',
    ]);
    // Off call for the way home (the window ends at 20:00 sharp): not offered a return trip.
    const early = { ...onTheWay, onCall: [{ day: 3, start: 18 * 60, end: 20 * 60 }] };
    expect(driverFits(early, asked, zone)).toBe(false);
    expect(driverFits(early, { ...asked, returnTrip: false }, zone)).toBe(true);
  });
});
