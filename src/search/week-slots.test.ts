import fc from 'fast-check';
import { recurrenceArbitrary } from '../../test/factories/recurrences.js';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Recurrence, Weekday } from '../meetings/model.js';
import { nextOccurrence, occurrencesBetween } from './occurrences.js';
import {
  buildSlots,
  firstSlotStartingFrom,
  localDayAndMinute,
  localMinuteOfWeek,
  needsRebuild,
  nextSlot,
  slotInProgress,
  slotsStartingBetween,
  zoneOffsetSeconds,
} from './week-slots.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const ms = (iso: string): number => Temporal.Instant.from(iso).epochMilliseconds;
const minute = (iso: string): number => ms(iso) / MINUTE;

describe('slots (hand-checked)', () => {
  const zone = 'America/New_York';
  const schedule: Recurrence[] = [
    { kind: 'weekly', day: 5, start: '23:30', durationMinutes: 60 }, // Friday, past midnight
    { kind: 'monthly', day: 0, week: 1, start: '02:30', durationMinutes: 90 }, // first Sunday
    { kind: 'by_appointment' },
  ];
  const slots = buildSlots(schedule, zone, ms('2026-02-23T00:00Z'), 3);

  it('holds the horizon in sorted epoch minutes, spring-forward included', () => {
    expect(Array.from(slots.starts, (m) => new Date(m * MINUTE).toISOString())).toEqual([
      '2026-02-28T04:30:00.000Z', // Fri 27 Feb 23:30 EST
      '2026-03-01T07:30:00.000Z', // Sun 1 Mar 02:30 EST (first Sunday)
      '2026-03-07T04:30:00.000Z', // Fri 6 Mar 23:30 EST
      '2026-03-14T03:30:00.000Z', // Fri 13 Mar 23:30 EDT
    ]);
    expect(Array.from(slots.durations)).toEqual([60, 90, 60, 60]);
    expect(Array.from(slots.recurrenceIndex)).toEqual([0, 1, 0, 0]);
    expect(slots.maxDuration).toBe(90);
  });

  it('nextSlot returns the meeting in progress after midnight', () => {
    const at = minute('2026-03-07T05:10Z'); // Saturday 00:10 EST
    const index = nextSlot(slots, at);
    expect(index).toBe(2);
    expect(slotInProgress(slots, index, at)).toBe(true);
    expect(nextSlot(slots, minute('2026-03-07T05:30Z'))).toBe(3); // ended at 00:30
  });

  it('nextSlot sees a long meeting still running behind a later one', () => {
    const long = buildSlots(
      [
        { kind: 'weekly', day: 1, start: '18:00', durationMinutes: 240 },
        { kind: 'weekly', day: 1, start: '19:00', durationMinutes: 30 },
      ],
      'UTC',
      ms('2026-01-05T00:00Z'),
      1,
    );
    expect(nextSlot(long, minute('2026-01-05T20:00Z'))).toBe(0);
    expect(nextSlot(long, minute('2026-01-05T22:00Z'))).toBe(-1); // beyond the one-week horizon
  });

  it('slotsStartingBetween is half-open', () => {
    const from = minute('2026-03-01T07:30Z');
    expect(slotsStartingBetween(slots, from, minute('2026-03-07T04:30Z'))).toEqual({
      first: 1,
      end: 2,
    });
    expect(slotsStartingBetween(slots, from + 1, from + 60)).toEqual({ first: 2, end: 2 });
    expect(firstSlotStartingFrom(slots, from)).toBe(1);
  });

  it('needsRebuild near the end of the horizon', () => {
    expect(needsRebuild(slots, slots.horizonStart)).toBe(false);
    expect(needsRebuild(slots, slots.horizonEnd - 1440)).toBe(true);
    expect(needsRebuild(slots, slots.horizonStart - 1)).toBe(true);
  });

  it('localDayAndMinute reads the wall clock in a zone', () => {
    // 2026-03-08T07:30Z is Sunday 03:30 EDT in New York and Sunday 13:00 in Kolkata.
    expect(localDayAndMinute(minute('2026-03-08T07:30Z'), zone)).toEqual({ day: 0, minute: 210 });
    expect(localDayAndMinute(minute('2026-03-08T06:59Z'), zone)).toEqual({ day: 0, minute: 119 });
    expect(localDayAndMinute(minute('2026-03-08T07:30Z'), 'Asia/Kolkata')).toEqual({
      day: 0,
      minute: 780,
    });
    // St John's changes at 02:00 local = 05:30 UTC, inside a UTC hour.
    expect(zoneOffsetSeconds(minute('2026-03-08T05:29Z'), 'America/St_Johns')).toBe(-210 * 60);
    expect(zoneOffsetSeconds(minute('2026-03-08T05:30Z'), 'America/St_Johns')).toBe(-150 * 60);
  });
});

// Properties against occurrences.ts, which its own tests check against a day-by-day reference.

const zones = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Pacific/Auckland',
  'America/St_Johns',
  'UTC',
];
const transitions = [
  '2026-03-08',
  '2026-11-01',
  '2027-03-14',
  '2027-11-07',
  '2026-03-29',
  '2026-10-25',
  '2027-03-28',
  '2027-10-31',
  '2026-04-05',
  '2026-10-04',
  '2027-04-04',
  '2027-10-03',
  '2026-09-27',
  '2027-09-26',
].map((d) => ms(`${d}T00:00Z`));

const timeArb = fc.oneof(
  fc.constantFrom('00:30', '01:30', '02:00', '02:30', '03:30', '23:30'),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
);
const durationArb = fc.oneof(fc.constantFrom(1, 60, 90, 1440), fc.integer({ min: 1, max: 1440 }));
const dayArb = fc.integer({ min: 0, max: 6 }).map((d) => d as Weekday);
const anchorArb = fc
  .integer({ min: ms('2024-01-01T00:00Z') / DAY, max: ms('2028-12-31T00:00Z') / DAY })
  .map((n) => new Date(n * DAY).toISOString().slice(0, 10));
const recurrenceArb = recurrenceArbitrary({
  day: dayArb,
  start: timeArb,
  durationMinutes: durationArb,
  anchorDate: anchorArb,
});
const scheduleArb = fc.array(recurrenceArb, { minLength: 0, maxLength: 4 });
const zoneArb = fc.constantFrom(...zones);
const instantArb = fc.oneof(
  fc.integer({ min: ms('2026-01-01T00:00Z'), max: ms('2027-12-31T00:00Z') }),
  fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -4 * DAY, max: 4 * DAY }))
    .map(([t, offset]) => t + offset),
);

describe('slots agree with occurrences.ts', () => {
  it('buildSlots holds exactly the occurrences of its horizon', () => {
    fc.assert(
      fc.property(scheduleArb, zoneArb, instantArb, (schedule, zone, fromMs) => {
        const slots = buildSlots(schedule, zone, fromMs, 8);
        const expected = occurrencesBetween(
          schedule,
          zone,
          slots.horizonStart * MINUTE,
          slots.horizonEnd * MINUTE,
        );
        expect(
          Array.from(slots.starts, (start, i) => ({
            start: start * MINUTE,
            end: (start + slots.durations[i]!) * MINUTE,
            recurrence: schedule[slots.recurrenceIndex[i]!],
          })),
        ).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('nextSlot agrees with nextOccurrence inside the horizon', () => {
    fc.assert(
      fc.property(
        scheduleArb,
        zoneArb,
        instantArb,
        fc.integer({ min: 0, max: 8 * 7 * DAY - 1 }),
        (schedule, zone, fromMs, offset) => {
          const slots = buildSlots(schedule, zone, fromMs, 8);
          const at = fromMs + offset;
          const index = nextSlot(slots, Math.floor(at / MINUTE));
          const expected = nextOccurrence(schedule, zone, at);
          if (expected === undefined || expected.start >= slots.horizonEnd * MINUTE) {
            expect(index).toBe(-1);
          } else {
            expect(index).toBeGreaterThanOrEqual(0);
            expect(slots.starts[index]! * MINUTE).toBe(expected.start);
            expect((slots.starts[index]! + slots.durations[index]!) * MINUTE).toBe(expected.end);
            expect(schedule[slots.recurrenceIndex[index]!]).toBe(expected.recurrence);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('slotsStartingBetween holds the occurrences starting in the range', () => {
    fc.assert(
      fc.property(
        scheduleArb,
        zoneArb,
        instantArb,
        fc.integer({ min: 0, max: 8 * 7 * 1440 }),
        fc.integer({ min: 0, max: 3 * 1440 }),
        (schedule, zone, fromMs, offset, length) => {
          const slots = buildSlots(schedule, zone, fromMs, 8);
          const from = slots.horizonStart + offset;
          const to = Math.min(from + length, slots.horizonEnd);
          const { first, end } = slotsStartingBetween(slots, from, to);
          const expected = occurrencesBetween(
            schedule,
            zone,
            from * MINUTE,
            Math.max(to, from + 1) * MINUTE,
          )
            .filter((o) => o.start >= from * MINUTE && o.start < to * MINUTE)
            .map((o) => o.start);
          expect(Array.from(slots.starts.subarray(first, end), (m) => m * MINUTE)).toEqual(
            expected,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('localDayAndMinute agrees with Temporal', () => {
    fc.assert(
      fc.property(zoneArb, instantArb, (zone, at) => {
        const epochMinute = Math.floor(at / MINUTE);
        const zoned = Temporal.Instant.fromEpochMilliseconds(
          epochMinute * MINUTE,
        ).toZonedDateTimeISO(zone);
        const expected = { day: zoned.dayOfWeek % 7, minute: zoned.hour * 60 + zoned.minute };
        expect(localDayAndMinute(epochMinute, zone)).toEqual(expected);
        expect(localMinuteOfWeek(epochMinute, zone)).toBe(expected.day * 1440 + expected.minute);
      }),
      { numRuns: 500 },
    );
  });
});
