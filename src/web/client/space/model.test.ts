import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  clampGoal,
  daysBetween,
  daysCounted,
  isDay,
  lastMilestone,
  looksHard,
  nextMilestone,
  restartFrom,
  thisWeek,
  trendPoints,
  weekStart,
  type CheckIn,
  type RecoveryDate,
} from './model.js';

const date: RecoveryDate = { id: 'a', label: 'Alcohol', since: '2026-01-01', history: [] };

function checkIn(day: string, at: string, mood: number, craving: number): CheckIn {
  return { id: `${day}${at}`, day, at, mood, craving, sleep: 7, risks: [], note: '' };
}

describe('recovery dates', () => {
  it('counts the day after the start as day one, across a leap day and a year', () => {
    expect(daysCounted(date, '2026-01-01')).toBe(0);
    expect(daysCounted(date, '2026-01-02')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysCounted(date, '2027-01-01')).toBe(365);
    // A start set in the future (a clock moved back) never counts below zero.
    expect(daysCounted(date, '2025-12-30')).toBe(0);
  });

  it('names the last and the next milestone, then one a year', () => {
    expect(lastMilestone(0)).toBeUndefined();
    expect(nextMilestone(0)).toBe(1);
    expect([lastMilestone(8), nextMilestone(8)]).toEqual([7, 14]);
    expect([lastMilestone(364), nextMilestone(364)]).toEqual([270, 365]);
    expect([lastMilestone(365), nextMilestone(365)]).toEqual([365, 730]);
    expect([lastMilestone(800), nextMilestone(800)]).toEqual([730, 1095]);
  });

  it('keeps the earlier stretch on a slip and refuses a restart before the start', () => {
    const again = restartFrom(date, '2026-03-01');
    expect(again.since).toBe('2026-03-01');
    expect(again.history).toEqual([{ since: '2026-01-01', until: '2026-03-01' }]);
    const twice = restartFrom(again, '2026-04-10');
    expect(twice.history).toHaveLength(2);
    expect(restartFrom(date, '2025-12-01')).toBe(date);
    expect(restartFrom(date, '2026-02-30')).toBe(date);
  });

  it('reads only real calendar days', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-2-1')).toBe(false);
  });
});

describe('the week of meetings', () => {
  it('starts weeks on Monday and lists only this week, oldest first', () => {
    // 2026-12-07 is a Monday.
    expect(weekStart('2026-12-07')).toBe('2026-12-07');
    expect(weekStart('2026-12-13')).toBe('2026-12-07');
    expect(weekStart('2026-12-14')).toBe('2026-12-14');
    const records = [
      { id: '1', day: '2026-12-09', name: 'B' },
      { id: '2', day: '2026-12-06', name: 'last week' },
      { id: '3', day: '2026-12-07', name: 'A' },
      { id: '4', day: '2026-12-14', name: 'next week' },
    ];
    expect(thisWeek(records, '2026-12-10').map((r) => r.name)).toEqual(['A', 'B']);
  });

  it('keeps any day within its week (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (offset) => {
        const day = addDays('2000-01-01', offset);
        const start = weekStart(day);
        const into = daysBetween(start, day);
        return into >= 0 && into < 7 && new Date(`${start}T00:00:00Z`).getUTCDay() === 1;
      }),
    );
  });

  it('keeps a goal between 1 and 14', () => {
    expect([clampGoal(0), clampGoal(3.4), clampGoal(99), clampGoal(Number.NaN)]).toEqual([
      1, 3, 14, 3,
    ]);
  });
});

describe('check-ins', () => {
  it('looks hard on a low mood, a strong craving, little sleep with craving, or many risks', () => {
    const calm = { mood: 4, craving: 2, sleep: 7, risks: [] };
    expect(looksHard(calm)).toBe(false);
    expect(looksHard({ ...calm, mood: 2 })).toBe(true);
    expect(looksHard({ ...calm, craving: 7 })).toBe(true);
    expect(looksHard({ ...calm, sleep: 3 })).toBe(false);
    expect(looksHard({ ...calm, sleep: 3, craving: 4 })).toBe(true);
    expect(looksHard({ ...calm, risks: ['alone', 'stress', 'money'] })).toBe(true);
  });

  it("charts each day's latest check-in of the last two weeks on one scale", () => {
    const points = trendPoints(
      [
        checkIn('2026-12-07', '2026-12-07T08:00:00Z', 1, 10),
        checkIn('2026-12-07', '2026-12-07T20:00:00Z', 5, 0),
        checkIn('2026-11-24', '2026-11-24T08:00:00Z', 3, 5),
        checkIn('2026-11-23', '2026-11-23T08:00:00Z', 3, 5),
      ],
      '2026-12-07',
    );
    // The 23rd is 15 days back: outside the chart. The 24th is its left edge, today its right.
    expect(points).toEqual([
      { day: '2026-11-24', x: 8, mood: 60, craving: 60 },
      { day: '2026-12-07', x: 312, mood: 8, craving: 112 },
    ]);
  });
});
