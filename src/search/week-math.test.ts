import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  clockMinute,
  clockText,
  daysFromCivil,
  isoDateText,
  localDayWindow,
  localMinuteOfWeek,
  lowerBound,
  parseIsoDate,
  weekdayOf,
  zoneOffsetSeconds,
} from './week-math.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const ms = (iso: string): number => Temporal.Instant.from(iso).epochMilliseconds;
const minute = (iso: string): number => ms(iso) / MINUTE;

describe('calendar arithmetic', () => {
  it('epoch days round-trip and agree with Temporal', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 800_000 }), (n) => {
        const { year, month, day } = civilFromDays(n);
        expect(daysFromCivil(year, month, day)).toBe(n);
        const date = new Temporal.PlainDate(year, month, day);
        expect(
          Temporal.PlainDate.from('1970-01-01').until(date, { largestUnit: 'days' }).days,
        ).toBe(n);
        expect(weekdayOf(n)).toBe(date.dayOfWeek % 7);
      }),
      { numRuns: 300 },
    );
  });

  it('reads only real dates, and writes them back', () => {
    expect(parseIsoDate('2028-02-29')).toBe(daysFromCivil(2028, 2, 29));
    expect(parseIsoDate('2026-02-29')).toBeUndefined();
    expect(parseIsoDate('2026-13-01')).toBeUndefined();
    expect(parseIsoDate('2026-1-01')).toBeUndefined();
    expect(parseIsoDate(20260101)).toBeUndefined();
    expect(isoDateText(daysFromCivil(2026, 3, 8))).toBe('2026-03-08');
    expect(isoDateText(0)).toBe('1970-01-01');
  });
});

describe('clock times', () => {
  it('reads canonical HH:MM only, as the model does', () => {
    expect(clockMinute('00:00')).toBe(0);
    expect(clockMinute('23:59')).toBe(1439);
    expect(clockMinute('19:30')).toBe(1170);
    for (const bad of ['24:00', '7:30', '07:60', '07-30', '07:3', ' 7:30', undefined, 730]) {
      expect(clockMinute(bad)).toBe(-1);
    }
  });

  it('agrees with a regular expression on every five-character string of its alphabet', () => {
    const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
    const chars = fc.constantFrom(...'0123456789:-a ');
    fc.assert(
      fc.property(fc.array(chars, { minLength: 5, maxLength: 5 }), (parts) => {
        const text = parts.join('');
        const match = HHMM.exec(text);
        const expected = match === null ? -1 : Number(match[1]) * 60 + Number(match[2]);
        expect(clockMinute(text)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('writes minutes after midnight as HH:MM', () => {
    expect(clockText(0)).toBe('00:00');
    expect(clockText(1170)).toBe('19:30');
    expect(clockText(1439)).toBe('23:59');
  });
});

describe('lowerBound', () => {
  it('finds the first value at or above the target within the range', () => {
    const values = Int32Array.from([1, 3, 3, 5, 8]);
    expect(lowerBound(values, 0, 5, 3)).toBe(1);
    expect(lowerBound(values, 0, 5, 4)).toBe(3);
    expect(lowerBound(values, 0, 5, 9)).toBe(5);
    expect(lowerBound(values, 2, 4, 0)).toBe(2);
    expect(lowerBound(values, 0, 3, 9)).toBe(3);
  });
});

describe('local time in a zone', () => {
  const zone = 'America/New_York';

  it('reads the wall clock in a zone', () => {
    // 2026-03-08T07:30Z is Sunday 03:30 EDT in New York and Sunday 13:00 in Kolkata.
    expect(localMinuteOfWeek(minute('2026-03-08T07:30Z'), zone)).toBe(0 * 1440 + 210);
    expect(localMinuteOfWeek(minute('2026-03-08T06:59Z'), zone)).toBe(0 * 1440 + 119);
    expect(localMinuteOfWeek(minute('2026-03-08T07:30Z'), 'Asia/Kolkata')).toBe(0 * 1440 + 780);
    // St John's changes at 02:00 local = 05:30 UTC, inside a UTC hour.
    expect(zoneOffsetSeconds(minute('2026-03-08T05:29Z'), 'America/St_Johns')).toBe(-210 * 60);
    expect(zoneOffsetSeconds(minute('2026-03-08T05:30Z'), 'America/St_Johns')).toBe(-150 * 60);
  });

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
  const instantArb = fc.oneof(
    fc.integer({ min: ms('2026-01-01T00:00Z'), max: ms('2027-12-31T00:00Z') }),
    fc
      .tuple(fc.constantFrom(...transitions), fc.integer({ min: -4 * DAY, max: 4 * DAY }))
      .map(([t, offset]) => t + offset),
  );

  it('localMinuteOfWeek agrees with Temporal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instantArb, (zone, at) => {
        const epochMinute = Math.floor(at / MINUTE);
        const zoned = Temporal.Instant.fromEpochMilliseconds(
          epochMinute * MINUTE,
        ).toZonedDateTimeISO(zone);
        const expected = { day: zoned.dayOfWeek % 7, minute: zoned.hour * 60 + zoned.minute };
        expect(localMinuteOfWeek(epochMinute, zone)).toBe(expected.day * 1440 + expected.minute);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the bounds of a local day, short on a spring-forward day', () => {
    const { start, end } = localDayWindow('2026-03-08', zone);
    expect(start).toBe(ms('2026-03-08T05:00Z'));
    expect(end).toBe(ms('2026-03-09T04:00Z'));
  });
});
