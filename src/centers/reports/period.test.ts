import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateIn } from '../../meetings/time-zone.js';
import { dayBounds, parseDay, parsePeriod, startOfDay } from './period.js';

describe('report periods in the center’s time zone', () => {
  it('bounds a period by the starts of the center’s days', () => {
    expect(parsePeriod('2026-03-01', '2026-03-31', 'America/New_York')).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      start: '2026-03-01T05:00:00.000Z',
      // Daylight saving time began on March 8: April 1 starts at 04:00 UTC.
      end: '2026-04-01T04:00:00.000Z',
    });
    expect(parsePeriod('2026-01-01', '2026-01-31').start).toBe('2026-01-01T00:00:00.000Z');
  });

  it('counts an evening in Massachusetts on that evening’s day, not on the UTC day', () => {
    const evening = new Date('2026-03-03T02:30:00.000Z'); // March 2, 21:30 in Greenfield
    expect(localDateIn(evening.getTime(), 'America/New_York')).toBe('2026-03-02');
    expect(dayBounds(evening, 'America/New_York')).toEqual({
      start: '2026-03-02T05:00:00.000Z',
      end: '2026-03-03T05:00:00.000Z',
    });
    expect(parseDay(undefined, evening, 'on', 'America/New_York').toISOString()).toBe(
      '2026-03-02T00:00:00.000Z',
    );
    expect(parseDay(undefined, evening, 'on').toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('gives the day of a DST change its 23 hours', () => {
    const { start, end } = dayBounds(new Date('2026-03-08T12:00:00Z'), 'America/New_York');
    expect(Date.parse(end) - Date.parse(start)).toBe(23 * 3600_000);
  });

  it('refuses a period longer than ten years or backwards', () => {
    expect(() => parsePeriod('2026-03-02', '2026-03-01')).toThrow(/before/);
    expect(() => parsePeriod('2010-01-01', '2026-01-01')).toThrow(/ten years/);
  });

  it('holds every instant of a day, and only those, in that day’s bounds (property)', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'America/Los_Angeles',
      'Pacific/Chatham',
      'Asia/Kolkata',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2040-01-01') }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const at = new Date(ms);
          const { start, end } = dayBounds(at, zone);
          const date = localDateIn(at.getTime(), zone);
          return (
            start <= at.toISOString() &&
            at.toISOString() < end &&
            startOfDay(date, zone) === start &&
            localDateIn(Date.parse(start), zone) === date &&
            localDateIn(Date.parse(end) - 1, zone) === date
          );
        },
      ),
    );
  });
});
