import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recurrence, WeekOfMonth, Weekday } from '../../../meetings/model.js';
import { occurrencesBetween } from '../../../search/occurrences.js';
import { nextStart, zonedInstant } from './next-start.js';

const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'UTC',
];
const DAY_MS = 86_400_000;

describe("a saved meeting's next start, on the device", () => {
  it('resolves wall-clock times in the zone, across daylight-saving changes', () => {
    expect(new Date(zonedInstant('2026-12-07', '19:30', 'America/New_York')).toISOString()).toBe(
      '2026-12-08T00:30:00.000Z',
    );
    expect(new Date(zonedInstant('2026-07-07', '19:30', 'America/New_York')).toISOString()).toBe(
      '2026-07-07T23:30:00.000Z',
    );
  });

  it('is the first start the server computes, for weekly, fortnightly and monthly rows', () => {
    const weekday = fc.integer({ min: 0, max: 6 }) as fc.Arbitrary<Weekday>;
    const start = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const row: fc.Arbitrary<Recurrence> = fc.oneof(
      fc.record({
        kind: fc.constant('weekly' as const),
        day: weekday,
        start,
        durationMinutes: fc.constant(60),
      }),
      fc.tuple(weekday, start, fc.integer({ min: 0, max: 400 })).map(([day, at, weeks]) => {
        // An anchor on the row's weekday, some weeks back from a Sunday in 2026.
        const anchor = new Date(Date.UTC(2026, 0, 4 + day) - weeks * 7 * DAY_MS);
        return {
          kind: 'biweekly' as const,
          day,
          start: at,
          durationMinutes: 60,
          anchorDate: anchor.toISOString().slice(0, 10),
        };
      }),
      fc.record({
        kind: fc.constant('monthly' as const),
        day: weekday,
        start,
        durationMinutes: fc.constant(60),
        week: fc.constantFrom<WeekOfMonth>(1, 2, 3, 4, -1),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 11, 31) }),
        (schedule, zone, now) => {
          const server = occurrencesBetween(schedule, zone, now, now + 45 * DAY_MS)
            .map((o) => o.start)
            .filter((s) => s >= now)[0];
          expect(nextStart(schedule, zone, now)).toBe(server);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('has no next start by appointment or in an unknown zone', () => {
    const now = Date.UTC(2026, 11, 7);
    expect(nextStart([{ kind: 'by_appointment' }], 'UTC', now)).toBeUndefined();
    expect(
      nextStart([{ kind: 'weekly', day: 1, start: '10:00' }], 'Not/AZone', now),
    ).toBeUndefined();
  });
});
