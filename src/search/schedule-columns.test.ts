import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { recurrenceArbitrary } from '../../test/factories/recurrences.js';
import type { Recurrence, Weekday } from '../meetings/model.js';
import { indexedOccurrencesBetween, nextIndexedOccurrence } from './occurrences.js';
import { NO_MINUTE } from './row-codes.js';
import { ScheduleColumns } from './schedule-columns.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const ms = (iso: string): number => Temporal.Instant.from(iso).epochMilliseconds;
const zones = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];

const recurrenceArb = recurrenceArbitrary({
  day: fc.integer({ min: 0, max: 6 }).map((d) => d as Weekday),
  start: fc.oneof(
    fc.constantFrom('00:30', '01:30', '02:30', '23:30'),
    fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  ),
  durationMinutes: fc.oneof(fc.constantFrom(60, 90, 1440), fc.integer({ min: 1, max: 1440 })),
  anchorDate: fc
    .integer({ min: ms('2025-01-01T00:00Z') / DAY, max: ms('2027-12-31T00:00Z') / DAY })
    .map((n) => new Date(n * DAY).toISOString().slice(0, 10)),
});
const instantArb = fc.integer({ min: ms('2026-01-01T00:00Z'), max: ms('2027-06-30T00:00Z') });

/** The occurrences of a region of the pool, from its lists, as [start ms, position]. */
function fromLists(columns: ScheduleColumns, off: number, len: number): [number, number][] {
  const found: [number, number][] = [];
  for (let r = off; r < off + len; r++) {
    const list = columns.list.data[r]!;
    if (list < 0) continue;
    const from = columns.listOff.data[list]!;
    for (let i = from; i < from + columns.listLen.data[list]!; i++) {
      found.push([columns.listStarts.data[i]! * MINUTE, r - off]);
    }
  }
  return found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe('schedule columns', () => {
  it('hold exactly the occurrences of the horizon, as the schedule maths gives them', () => {
    fc.assert(
      fc.property(
        fc.array(recurrenceArb, { maxLength: 4 }),
        fc.constantFrom(...zones),
        instantArb,
        (schedule, zone, now) => {
          const columns = new ScheduleColumns(3, now);
          columns.add([{ kind: 'weekly', day: 1, start: '07:00', durationMinutes: 30 }], 0, 'UTC');
          const off = columns.length;
          columns.add(schedule, 1, zone);
          const expected = indexedOccurrencesBetween(
            schedule,
            zone,
            columns.horizonStart * MINUTE,
            columns.horizonEnd * MINUTE,
          ).map((o): [number, number] => [o.start, o.recurrenceIndex]);
          expect(fromLists(columns, off, schedule.length)).toEqual(expected);
          expect(columns.scheduleAt(off, schedule.length)).toEqual(schedule);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports the days and longest duration of a schedule, and keeps invalid recurrences inert', () => {
    const columns = new ScheduleColumns(5, ms('2026-11-04T22:00Z'));
    const schedule: Recurrence[] = [
      { kind: 'weekly', day: 2, start: '19:00', durationMinutes: 60 },
      { kind: 'by_appointment' },
      { kind: 'weekly', day: 4, start: '25:00', durationMinutes: 60 },
      { kind: 'monthly', day: 6, week: -1, start: '10:00', durationMinutes: 90 },
    ];
    const { days, maxDuration } = columns.add(schedule, 0, 'America/New_York');
    expect(days).toBe((1 << 2) | (1 << 6));
    expect(maxDuration).toBe(90);
    expect(Array.from(columns.minute.data.subarray(0, 4))).toEqual([
      2 * 1440 + 19 * 60,
      NO_MINUTE,
      NO_MINUTE,
      6 * 1440 + 600,
    ]);
    expect(columns.list.data[1]).toBe(-1);
    expect(columns.recurrenceAt(2)).toEqual({ kind: 'by_appointment' });
  });

  it('shares one list between the same recurrence in the same zone', () => {
    const columns = new ScheduleColumns(5, ms('2026-11-04T22:00Z'));
    const weekly: Recurrence = { kind: 'weekly', day: 2, start: '19:00', durationMinutes: 60 };
    columns.add([weekly], 0, 'America/New_York');
    columns.add([weekly, { ...weekly, durationMinutes: 90 }], 0, 'America/New_York');
    columns.add([weekly], 1, 'Europe/London');
    const lists = Array.from(columns.list.data.subarray(0, 4));
    expect(lists[1]).toBe(lists[0]);
    expect(new Set(lists).size).toBe(3);
  });

  it('finds the first occurrence past the horizon, and moves the horizon on', () => {
    fc.assert(
      fc.property(recurrenceArb, fc.constantFrom(...zones), instantArb, (recurrence, zone, now) => {
        const columns = new ScheduleColumns(2, now);
        columns.add([recurrence], 0, zone);
        const end = columns.horizonEnd * MINUTE;
        let expected = nextIndexedOccurrence([recurrence], zone, end);
        while (expected !== undefined && expected.start < end) {
          expected = nextIndexedOccurrence([recurrence], zone, expected.end);
        }
        const found = columns.firstAfterHorizon(0, zone);
        expect(found).toEqual(
          expected === undefined ? undefined : { start: expected.start, end: expected.end },
        );

        const later = now + 30 * DAY;
        columns.setHorizon(later);
        columns.relist(
          1,
          new Uint8Array(1),
          Int32Array.of(0),
          Uint16Array.of(1),
          Uint16Array.of(0),
          [zone],
        );
        expect(columns.horizonStart * MINUTE).toBeLessThan(later - DAY);
        expect(fromLists(columns, 0, 1)).toEqual(
          indexedOccurrencesBetween(
            [recurrence],
            zone,
            columns.horizonStart * MINUTE,
            columns.horizonEnd * MINUTE,
          ).map((o): [number, number] => [o.start, 0]),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('compacts the pool in row order', () => {
    const columns = new ScheduleColumns(2, ms('2026-11-04T22:00Z'));
    const a: Recurrence = { kind: 'weekly', day: 1, start: '08:00', durationMinutes: 60 };
    const b: Recurrence = { kind: 'weekly', day: 3, start: '20:00', durationMinutes: 45 };
    columns.add([a], 0, 'UTC');
    columns.add([b, a], 0, 'UTC');
    // Row 0 is the second schedule, row 1 the first.
    const off = columns.compact(2, Int32Array.of(1, 0), Uint16Array.of(2, 1));
    expect(Array.from(off)).toEqual([0, 2]);
    expect(columns.scheduleAt(0, 2)).toEqual([b, a]);
    expect(columns.scheduleAt(2, 1)).toEqual([a]);
    expect(() => new ScheduleColumns(1, 0)).toThrow(RangeError);
  });
});
