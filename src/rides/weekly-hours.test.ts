import { describe, expect, it } from 'vitest';
import { formatWeeklyHours, onCallAt, parseWeeklyHours, uncoveredHours } from './weekly-hours.js';

describe('weekly on-call hours', () => {
  it('reads days, ranges and windows past midnight, and writes them back', () => {
    const windows = parseWeeklyHours('Mon-Wed 18:00-22:00; Sat,Sun 09:00-21:00; Fri 22:00-02:00');
    expect(windows).toEqual([
      { day: 1, start: 1080, end: 1320 },
      { day: 2, start: 1080, end: 1320 },
      { day: 3, start: 1080, end: 1320 },
      { day: 6, start: 540, end: 1260 },
      { day: 0, start: 540, end: 1260 },
      { day: 5, start: 1320, end: 120 },
    ]);
    expect(parseWeeklyHours(formatWeeklyHours(windows!))).toEqual(windows);
    expect(parseWeeklyHours('Sat 00:00-24:00')).toEqual([{ day: 6, start: 0, end: 1440 }]);
    expect(parseWeeklyHours('Someday 18:00-22:00')).toBeUndefined();
    expect(parseWeeklyHours('Mon 18:00-18:00')).toBeUndefined();
    expect(parseWeeklyHours('Mon 25:00-26:00')).toBeUndefined();
  });

  it('reads an instant in the program zone, through a daylight-saving change', () => {
    const windows = parseWeeklyHours('Fri 22:00-02:00')!;
    expect(onCallAt(windows, Date.parse('2026-12-12T06:30:00Z'), 'America/New_York')).toBe(true); // Sat 01:30
    expect(onCallAt(windows, Date.parse('2026-12-12T07:30:00Z'), 'America/New_York')).toBe(false); // Sat 02:30
    // Sunday 8 March 2026 the clocks go forward: 19:00 local is 23:00 UTC, not 00:00.
    const sunday = parseWeeklyHours('Sun 18:30-19:30')!;
    expect(onCallAt(sunday, Date.parse('2026-03-08T23:00:00Z'), 'America/New_York')).toBe(true);
    expect(onCallAt(sunday, Date.parse('2026-03-09T00:00:00Z'), 'America/New_York')).toBe(false);
  });

  it('lists the hours of the week no window covers in full', () => {
    const uncovered = uncoveredHours(parseWeeklyHours('Sun 00:00-24:00; Mon 00:00-23:30')!);
    expect(uncovered[0]).toBe(47); // Monday 23:00-24:00 is half covered
    expect(uncovered).toHaveLength(168 - 47);
    expect(uncoveredHours([])).toHaveLength(168);
  });
});
