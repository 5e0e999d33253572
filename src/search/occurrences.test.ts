import fc from 'fast-check';
import { recurrenceArbitrary } from '../../test/factories/recurrences.js';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Recurrence, Weekday, WeekOfMonth } from '../meetings/model.js';
import { formatInZone, isInProgress, nextOccurrence, occurrencesBetween } from './occurrences.js';
import type { Occurrence } from './occurrences.js';
import { civilFromDays, daysFromCivil } from './week-math.js';

const ms = (iso: string): number => Temporal.Instant.from(iso).epochMilliseconds;
const iso = (epochMs: number): string => new Date(epochMs).toISOString().replace(/:00\.000Z$/, 'Z');
/** Epoch ms of a local wall-clock time, for windows ("2026-03-01T00:00" in the zone). */
const local = (dateTime: string, timeZone: string): number =>
  Temporal.PlainDateTime.from(dateTime).toZonedDateTime(timeZone).epochMilliseconds;
const starts = (found: Occurrence[]): string[] => found.map((o) => iso(o.start));

const weekly = (day: Weekday, start: string, durationMinutes = 60): Recurrence => ({
  kind: 'weekly',
  day,
  start,
  durationMinutes,
});
const monthly = (day: Weekday, week: WeekOfMonth, start = '19:00'): Recurrence => ({
  kind: 'monthly',
  day,
  week,
  start,
  durationMinutes: 60,
});
const biweekly = (day: Weekday, anchorDate: string, start = '19:00'): Recurrence => ({
  kind: 'biweekly',
  day,
  anchorDate,
  start,
  durationMinutes: 60,
});

describe('daylight-saving changes (hand-checked)', () => {
  it('New York spring-forward: Sunday 02:30 on 2026-03-08 moves to 03:30 EDT', () => {
    const found = occurrencesBetween(
      [weekly(0, '02:30')],
      'America/New_York',
      ms('2026-03-01T00:00Z'),
      ms('2026-03-16T00:00Z'),
    );
    expect(starts(found)).toEqual([
      '2026-03-01T07:30Z', // 02:30 EST
      '2026-03-08T07:30Z', // 02:30 does not exist: 03:30 EDT, the same UTC instant as a week before
      '2026-03-15T06:30Z', // 02:30 EDT
    ]);
    expect(formatInZone(found[1]!.start, 'America/New_York', 'en-US')).toEqual({
      date: 'Sunday, March 8',
      time: '3:30 AM',
      zoneName: 'EDT',
    });
  });

  it('New York fall-back: 02:30 is unambiguous, 01:30 takes the earlier (EDT) instant', () => {
    const from = ms('2026-10-25T00:00Z');
    const to = ms('2026-11-09T00:00Z');
    expect(starts(occurrencesBetween([weekly(0, '02:30')], 'America/New_York', from, to))).toEqual([
      '2026-10-25T06:30Z',
      '2026-11-01T07:30Z',
      '2026-11-08T07:30Z',
    ]);
    const early = occurrencesBetween([weekly(0, '01:30')], 'America/New_York', from, to);
    expect(starts(early)).toEqual(['2026-10-25T05:30Z', '2026-11-01T05:30Z', '2026-11-08T06:30Z']);
    // Duration is elapsed time: 01:30 EDT + 60 min = 01:30 EST.
    expect(iso(early[1]!.end)).toBe('2026-11-01T06:30Z');
    expect(formatInZone(early[1]!.end, 'America/New_York', 'en-US').zoneName).toBe('EST');
  });

  it('London: 01:30 on 2026-03-29 moves to 02:30 BST; 01:30 on 2026-10-25 is BST', () => {
    const schedule = [weekly(0, '01:30'), weekly(0, '02:30')];
    expect(
      starts(
        occurrencesBetween(
          schedule,
          'Europe/London',
          ms('2026-03-22T00:00Z'),
          ms('2026-03-30T00:00Z'),
        ),
      ),
    ).toEqual([
      '2026-03-22T01:30Z', // 01:30 GMT
      '2026-03-22T02:30Z', // 02:30 GMT
      '2026-03-29T01:30Z', // 01:30 is in the gap: 02:30 BST ...
      '2026-03-29T01:30Z', // ... the same instant as the 02:30 BST meeting (ties by schedule order)
    ]);
    expect(
      starts(
        occurrencesBetween(
          schedule,
          'Europe/London',
          ms('2026-10-18T00:00Z'),
          ms('2026-10-26T00:00Z'),
        ),
      ),
    ).toEqual([
      '2026-10-18T00:30Z', // 01:30 BST
      '2026-10-18T01:30Z', // 02:30 BST
      '2026-10-25T00:30Z', // 01:30 happens twice: the earlier, BST
      '2026-10-25T02:30Z', // 02:30 GMT
    ]);
  });

  it('Sydney: 02:30 on 2026-04-05 is the earlier (AEDT); 02:30 on 2026-10-04 moves to 03:30 AEDT', () => {
    const schedule = [weekly(0, '02:30')];
    const zone = 'Australia/Sydney';
    expect(
      starts(occurrencesBetween(schedule, zone, ms('2026-03-28T00:00Z'), ms('2026-04-12T00:00Z'))),
    ).toEqual([
      '2026-03-28T15:30Z', // Sun 29 Mar 02:30 AEDT (+11)
      '2026-04-04T15:30Z', // Sun 5 Apr: 02:30 happens twice, the earlier is AEDT
      '2026-04-11T16:30Z', // Sun 12 Apr 02:30 AEST (+10)
    ]);
    expect(
      starts(occurrencesBetween(schedule, zone, ms('2026-09-26T00:00Z'), ms('2026-10-11T00:00Z'))),
    ).toEqual([
      '2026-09-26T16:30Z', // Sun 27 Sep 02:30 AEST
      '2026-10-03T16:30Z', // Sun 4 Oct: 02:30 does not exist, 03:30 AEDT
      '2026-10-10T15:30Z', // Sun 11 Oct 02:30 AEDT
    ]);
  });
});

describe('meetings that cross midnight', () => {
  const schedule = [weekly(5, '23:30')]; // Friday 23:30-00:30
  const zone = 'America/New_York';

  it('is in progress at 00:10 the next day and is the next occurrence then', () => {
    const at = local('2026-01-10T00:10', zone); // Saturday
    const next = nextOccurrence(schedule, zone, at);
    expect(next).toBeDefined();
    expect(iso(next!.start)).toBe('2026-01-10T04:30Z'); // Friday 23:30 EST
    expect(iso(next!.end)).toBe('2026-01-10T05:30Z');
    expect(isInProgress(next!, at)).toBe(true);
    expect(starts(occurrencesBetween(schedule, zone, at, at + 60_000))).toEqual([
      '2026-01-10T04:30Z',
    ]);
  });

  it('moves on to the next week once it has ended', () => {
    const next = nextOccurrence(schedule, zone, local('2026-01-10T00:30', zone));
    expect(iso(next!.start)).toBe('2026-01-17T04:30Z');
    // At the very start minute it is in progress.
    const atStart = nextOccurrence(schedule, zone, ms('2026-01-17T04:30Z'));
    expect(isInProgress(atStart!, ms('2026-01-17T04:30Z'))).toBe(true);
  });

  it('returns the occurrence that started first when several have not ended', () => {
    const long: Recurrence = { kind: 'weekly', day: 5, start: '18:00', durationMinutes: 240 };
    const short: Recurrence = { kind: 'weekly', day: 5, start: '19:00', durationMinutes: 30 };
    const next = nextOccurrence([short, long], 'UTC', ms('2026-01-09T20:00Z'));
    expect(next?.recurrence).toBe(long);
    expect(iso(next!.start)).toBe('2026-01-09T18:00Z');
  });
});

describe('monthly', () => {
  const zone = 'America/Chicago';
  const dates = (schedule: Recurrence[], from: string, to: string): string[] =>
    occurrencesBetween(schedule, zone, local(from, zone), local(to, zone)).map((o) =>
      Temporal.Instant.fromEpochMilliseconds(o.start)
        .toZonedDateTimeISO(zone)
        .toPlainDate()
        .toString(),
    );

  it('the first Sunday of each month', () => {
    expect(dates([monthly(0, 1)], '2026-01-01T00:00', '2026-07-01T00:00')).toEqual([
      '2026-01-04',
      '2026-02-01',
      '2026-03-01',
      '2026-04-05',
      '2026-05-03',
      '2026-06-07',
    ]);
  });

  it('the last Friday, including months with five Fridays', () => {
    expect(dates([monthly(5, -1)], '2026-01-01T00:00', '2026-07-01T00:00')).toEqual([
      '2026-01-30', // January 2026 has five Fridays
      '2026-02-27',
      '2026-03-27',
      '2026-04-24',
      '2026-05-29', // May 2026 has five Fridays
      '2026-06-26',
    ]);
    expect(dates([monthly(5, 5)], '2026-01-01T00:00', '2026-07-01T00:00')).toEqual([
      '2026-01-30',
      '2026-05-29',
    ]);
  });

  it('a month without a 5th Tuesday has no meeting', () => {
    expect(dates([monthly(2, 5)], '2026-02-01T00:00', '2026-07-01T00:00')).toEqual([
      '2026-03-31',
      '2026-06-30',
    ]);
    // From April, the next 5th Tuesday is two months away.
    const next = nextOccurrence([monthly(2, 5)], zone, local('2026-04-01T00:00', zone));
    expect(iso(next!.start)).toBe('2026-07-01T00:00Z'); // 30 June 19:00 CDT
  });
});

describe('biweekly', () => {
  const zone = 'America/Los_Angeles';
  const dates = (schedule: Recurrence[], from: string, to: string): string[] =>
    occurrencesBetween(schedule, zone, local(from, zone), local(to, zone)).map((o) =>
      Temporal.Instant.fromEpochMilliseconds(o.start)
        .toZonedDateTimeISO(zone)
        .toPlainDate()
        .toString(),
    );

  it('with an anchor in the past', () => {
    expect(dates([biweekly(2, '2025-12-30')], '2026-01-01T00:00', '2026-02-15T00:00')).toEqual([
      '2026-01-13',
      '2026-01-27',
      '2026-02-10',
    ]);
  });

  it('with an anchor in the future (earlier meetings count back from it)', () => {
    expect(dates([biweekly(2, '2026-06-09')], '2026-01-01T00:00', '2026-02-15T00:00')).toEqual([
      '2026-01-06',
      '2026-01-20',
      '2026-02-03',
    ]);
  });

  it('includes the anchor date itself', () => {
    expect(dates([biweekly(2, '2026-06-09')], '2026-06-05T00:00', '2026-07-01T00:00')).toEqual([
      '2026-06-09',
      '2026-06-23',
    ]);
  });

  it('an anchor on another weekday means that weekday of the anchor week (Sunday-first)', () => {
    // Anchor Wednesday 2026-03-04; the meeting is on Mondays: Monday 2 March of that week.
    expect(dates([biweekly(1, '2026-03-04')], '2026-02-20T00:00', '2026-03-31T00:00')).toEqual([
      '2026-03-02',
      '2026-03-16',
      '2026-03-30',
    ]);
  });

  it('a malformed anchor yields nothing rather than throwing', () => {
    expect(dates([biweekly(2, '2026-02-30')], '2026-01-01T00:00', '2026-03-01T00:00')).toEqual([]);
  });
});

describe('edges', () => {
  it('by appointment has no occurrences and no next one', () => {
    const schedule: Recurrence[] = [{ kind: 'by_appointment' }];
    expect(occurrencesBetween(schedule, 'UTC', 0, ms('2030-01-01T00:00Z'))).toEqual([]);
    expect(nextOccurrence(schedule, 'UTC', 0)).toBeUndefined();
  });

  it('the window is half-open: a meeting ending at `from` or starting at `to` is out', () => {
    const schedule = [weekly(1, '10:00')]; // Monday 2026-01-05 10:00-11:00 UTC
    expect(
      occurrencesBetween(schedule, 'UTC', ms('2026-01-05T11:00Z'), ms('2026-01-05T12:00Z')),
    ).toEqual([]);
    expect(
      occurrencesBetween(schedule, 'UTC', ms('2026-01-05T09:00Z'), ms('2026-01-05T10:00Z')),
    ).toEqual([]);
    expect(
      occurrencesBetween(schedule, 'UTC', ms('2026-01-05T10:59Z'), ms('2026-01-05T11:00Z')),
    ).toHaveLength(1);
  });

  it('formats in the viewer zone too', () => {
    const start = ms('2026-03-08T07:30Z');
    expect(formatInZone(start, 'Asia/Kolkata', 'en-US')).toEqual({
      date: 'Sunday, March 8',
      time: '1:00 PM',
      zoneName: 'India Standard Time',
    });
  });

  it('names the zone in words in Spanish too, never as an offset', () => {
    const start = ms('2026-11-03T23:00Z');
    expect(formatInZone(start, 'America/New_York', 'es').zoneName).toBe('hora oriental');
    expect(formatInZone(start, 'America/Los_Angeles', 'es').zoneName).toBe('hora del Pacífico');
    expect(formatInZone(start, 'America/New_York', 'en-US').zoneName).toBe('EST');
    for (const zone of ['America/Chicago', 'America/Denver', 'Pacific/Honolulu', 'Asia/Kolkata']) {
      for (const locale of ['en', 'es']) {
        expect(formatInZone(start, zone, locale).zoneName).not.toMatch(/^(GMT|UTC)\s*[+\-−]/);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// An independent reference: walk local dates one by one with Temporal.PlainDate, test each
// recurrence's rule on the date in the most literal way, and resolve the wall-clock start with
// PlainDate.toZonedDateTime (always 'compatible').

function referenceMatches(recurrence: Recurrence, date: Temporal.PlainDate): boolean {
  if (recurrence.kind === 'by_appointment') return false;
  if (date.dayOfWeek % 7 !== recurrence.day) return false;
  switch (recurrence.kind) {
    case 'weekly':
      return true;
    case 'biweekly': {
      const anchor = Temporal.PlainDate.from(recurrence.anchorDate);
      const anchorSunday = anchor.subtract({ days: anchor.dayOfWeek % 7 });
      const sunday = date.subtract({ days: date.dayOfWeek % 7 });
      return anchorSunday.until(sunday, { largestUnit: 'days' }).days % 14 === 0;
    }
    case 'monthly':
      return recurrence.week === -1
        ? date.day + 7 > date.daysInMonth
        : Math.ceil(date.day / 7) === recurrence.week;
  }
}

function referenceBetween(
  schedule: readonly Recurrence[],
  timeZone: string,
  from: number,
  to: number,
): Occurrence[] {
  const localDate = (epochMs: number) =>
    Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).toPlainDate();
  const found: { occurrence: Occurrence; index: number }[] = [];
  const last = localDate(to).add({ days: 1 });
  for (
    let date = localDate(from - 1440 * 60_000).subtract({ days: 1 });
    Temporal.PlainDate.compare(date, last) <= 0;
    date = date.add({ days: 1 })
  ) {
    schedule.forEach((recurrence, index) => {
      if (recurrence.kind === 'by_appointment' || !referenceMatches(recurrence, date)) return;
      const start = date.toZonedDateTime({
        timeZone,
        plainTime: Temporal.PlainTime.from(recurrence.start),
      }).epochMilliseconds;
      const end = start + recurrence.durationMinutes * 60_000;
      if (start < to && end > from) found.push({ occurrence: { start, end, recurrence }, index });
    });
  }
  found.sort((a, b) => a.occurrence.start - b.occurrence.start || a.index - b.index);
  return found.map((f) => f.occurrence);
}

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

// Daylight-saving changes of the zones above in 2026-2027, to aim windows at.
const transitions = [
  '2026-03-08',
  '2026-11-01',
  '2027-03-14',
  '2027-11-07', // North America
  '2026-03-29',
  '2026-10-25',
  '2027-03-28',
  '2027-10-31', // Europe
  '2026-04-05',
  '2026-10-04',
  '2027-04-04',
  '2027-10-03', // Sydney; Auckland in April
  '2026-09-27',
  '2027-09-26', // Auckland in September
].map((d) => ms(`${d}T00:00Z`));

const DAY = 86_400_000;
const MIN_2026 = ms('2026-01-01T00:00Z');
const MAX_2027 = ms('2027-12-31T00:00Z');

const timeArb = fc.oneof(
  fc.constantFrom(
    '00:00',
    '00:30',
    '01:00',
    '01:30',
    '02:00',
    '02:30',
    '03:00',
    '03:30',
    '23:30',
    '23:59',
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
);
const durationArb = fc.oneof(fc.constantFrom(1, 60, 90, 1440), fc.integer({ min: 1, max: 1440 }));
const dayArb = fc.integer({ min: 0, max: 6 }).map((d) => d as Weekday);
const anchorArb = fc
  .integer({ min: daysFromCivil(2024, 1, 1), max: daysFromCivil(2028, 12, 31) })
  .map((n) => {
    const { year, month, day } = civilFromDays(n);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });

const recurrenceArb = recurrenceArbitrary({
  day: dayArb,
  start: timeArb,
  durationMinutes: durationArb,
  anchorDate: anchorArb,
});
const scheduleArb = fc.array(recurrenceArb, { minLength: 0, maxLength: 4 });
const zoneArb = fc.constantFrom(...zones);
/** An instant in 2026-2027, half the time within a few days of a daylight-saving change. */
const instantArb = fc.oneof(
  fc.integer({ min: MIN_2026, max: MAX_2027 }),
  fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -4 * DAY, max: 4 * DAY }))
    .map(([t, offset]) => t + offset),
);

describe('against the day-by-day reference', () => {
  it('occurrencesBetween equals the reference', () => {
    fc.assert(
      fc.property(
        scheduleArb,
        zoneArb,
        instantArb,
        fc.integer({ min: 1, max: 70 * DAY }),
        (schedule, zone, from, length) => {
          expect(occurrencesBetween(schedule, zone, from, from + length)).toEqual(
            referenceBetween(schedule, zone, from, from + length),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('nextOccurrence is the first reference occurrence that has not ended', () => {
    fc.assert(
      fc.property(scheduleArb, zoneArb, instantArb, (schedule, zone, at) => {
        // A 5th weekday recurs within a year, so 400 days always holds the answer.
        const expected = referenceBetween(schedule, zone, at, at + 400 * DAY).find(
          (o) => o.end > at,
        );
        expect(nextOccurrence(schedule, zone, at)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
