import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { makeMeeting } from '../../../test/factories/meeting.js';
import { recurrenceArbitrary } from '../../../test/factories/recurrences.js';
import type { Weekday } from '../../meetings/model.js';
import { occurrencesBetween } from '../../search/occurrences.js';
import { chosen, searchCalendar, searchCalendarLinks } from './search-calendar.js';

const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const DAY_MS = 86_400_000;

interface Event {
  uid: string;
  tzid: string;
  start: Temporal.PlainDateTime;
  rrule: Record<string, string>;
  durationMinutes: number;
}

/** The VEVENTs of a calendar, unfolded and read back (just the properties used here). */
function readEvents(ics: string): Event[] {
  const lines = ics.replace(/\r\n /g, '').split('\r\n');
  const events: Event[] = [];
  let current: Partial<Event> = {};
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    const dtstart = /^DTSTART;TZID=([^:]+):(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(line);
    if (dtstart !== null) {
      const [, tzid, y, mo, d, h, mi] = dtstart;
      current.tzid = tzid!;
      current.start = new Temporal.PlainDateTime(+y!, +mo!, +d!, +h!, +mi!);
    }
    if (line.startsWith('UID:')) current.uid = line.slice(4);
    if (line.startsWith('RRULE:'))
      current.rrule = Object.fromEntries(
        line
          .slice(6)
          .split(';')
          .map((p) => p.split('=')),
      );
    const duration = /^DURATION:PT(\d+)M$/.exec(line);
    if (duration !== null) current.durationMinutes = Number(duration[1]);
    if (line === 'END:VEVENT') events.push(current as Event);
  }
  return events;
}

/**
 * A small RFC 5545 expander for the rules Porchlight writes (FREQ=WEEKLY with one BYDAY and an
 * optional INTERVAL; FREQ=MONTHLY with one BYDAY such as 2TU or -1FR), written from the RFC
 * rather than from the schedule maths it checks. Local times resolve as RFC 5545 says: a time in
 * a gap uses the offset before the gap (so it moves forward), a repeated time its first instant.
 */
function expand(event: Event, until: number): number[] {
  const instants: number[] = [];
  const at = (date: Temporal.PlainDate) =>
    date
      .toPlainDateTime(event.start.toPlainTime())
      .toZonedDateTime(event.tzid, { disambiguation: 'compatible' }).epochMilliseconds;
  const first = event.start.toPlainDate();
  if (event.rrule.FREQ === 'WEEKLY') {
    expect(BYDAY[first.dayOfWeek % 7]).toBe(event.rrule.BYDAY);
    const step = 7 * Number(event.rrule.INTERVAL ?? 1);
    for (let date = first; at(date) < until; date = date.add({ days: step }))
      instants.push(at(date));
    return instants;
  }
  expect(event.rrule.FREQ).toBe('MONTHLY');
  const [, n, day] = /^(-?\d)([A-Z]{2})$/.exec(event.rrule.BYDAY!)!;
  const weekday = BYDAY.indexOf(day!);
  for (let month = first.toPlainYearMonth(); ; month = month.add({ months: 1 })) {
    const days: Temporal.PlainDate[] = [];
    for (let d = 1; d <= month.daysInMonth; d++) {
      const date = month.toPlainDate({ day: d });
      if (date.dayOfWeek % 7 === weekday) days.push(date);
    }
    const date = Number(n) > 0 ? days[Number(n) - 1] : days.at(Number(n));
    if (date === undefined) continue;
    if (Temporal.PlainDate.compare(date, first) < 0) continue;
    if (at(date) >= until) return instants;
    instants.push(at(date));
  }
}

const zones = [
  'America/New_York',
  'America/Denver',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/Sao_Paulo',
  'Pacific/Chatham',
];
const pad = (n: number) => String(n).padStart(2, '0');
const recurrence = recurrenceArbitrary({
  day: fc.integer({ min: 0, max: 6 }) as fc.Arbitrary<Weekday>,
  start: fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
    .map(([h, m]) => `${pad(h)}:${pad(m)}`),
  durationMinutes: fc.integer({ min: 15, max: 180 }),
  anchorDate: fc
    .date({
      min: new Date('2025-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
});

describe('searchCalendar', () => {
  it('writes RRULEs whose occurrences are exactly those of the schedule maths', () => {
    fc.assert(
      fc.property(
        fc.array(recurrence, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...zones),
        fc.date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2026-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (schedule, timeZone, now) => {
          const meeting = makeMeeting({ schedule, timeZone });
          const ics = searchCalendar(
            [meeting],
            {},
            { publicUrl: 'https://meetings.example.org', now, name: 'Test' },
          );
          const events = readEvents(ics);
          const from = now.getTime();
          const until = from + 120 * DAY_MS;
          expect(events).toHaveLength(schedule.filter((r) => r.kind !== 'by_appointment').length);
          for (const event of events) {
            const index = Number(/-(\d+)@/.exec(event.uid)![1]);
            const timed = schedule[index]!;
            expect(event.tzid).toBe(timeZone);
            const expected = occurrencesBetween([timed], timeZone, from, until).map((o) => o.start);
            const durationMs = event.durationMinutes * 60_000;
            const written = expand(event, until).filter((start) => start + durationMs > from);
            expect(written).toEqual(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps only the recurrences on the asked days and times', () => {
    const weekly = (day: Weekday, start: string) => ({
      kind: 'weekly' as const,
      day,
      start,
      durationMinutes: 60,
    });
    expect(chosen(weekly(2, '19:00'), { days: [2], fromMinute: 17 * 60, toMinute: 21 * 60 })).toBe(
      true,
    );
    expect(chosen(weekly(6, '19:00'), { days: [2] })).toBe(false);
    expect(chosen(weekly(2, '09:00'), { fromMinute: 17 * 60 })).toBe(false);
    // A window past midnight wraps.
    expect(chosen(weekly(2, '00:30'), { fromMinute: 22 * 60, toMinute: 60 })).toBe(true);
    expect(chosen({ kind: 'by_appointment' }, {})).toBe(false);
  });

  it('links the same search for download and for subscription', () => {
    const links = searchCalendarLinks('https://meetings.example.org', {
      near: '01301',
      radius: '10',
      q: undefined,
    });
    expect(links.https).toBe('https://meetings.example.org/api/v1/search.ics?near=01301&radius=10');
    expect(links.webcal).toBe(
      'webcal://meetings.example.org/api/v1/search.ics?near=01301&radius=10',
    );
  });
});
