import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { clockMinutes, formatClockTime, isClockTime, parseClockTime } from './clock-time.js';

describe('parseClockTime', () => {
  it.each([
    ['19:30', 19 * 60 + 30],
    ['7:30', 7 * 60 + 30],
    ['07:30', 7 * 60 + 30],
    ['00:00', 0],
    ['23:59', 23 * 60 + 59],
    ['19:30:00', 19 * 60 + 30],
    ['7:30 PM', 19 * 60 + 30],
    ['7:30 am', 7 * 60 + 30],
    ['7 pm', 19 * 60],
    ['7pm', 19 * 60],
    ['7:30p.m.', 19 * 60 + 30],
    ['7:30 P.M.', 19 * 60 + 30],
    ['noon', 12 * 60],
    ['Noon', 12 * 60],
    ['midnight', 0],
    ['12:00 AM', 0],
    ['12:30 AM', 30],
    ['12:00 PM', 720],
    ['12:30 PM', 750],
    ['  19:30  ', 19 * 60 + 30],
    ['24:00', 24 * 60],
  ])('reads %j as %i minutes after midnight', (input, minutes) => {
    expect(parseClockTime(input)).toBe(minutes);
  });

  it.each([
    '25:00',
    '19:60',
    '19:5',
    'abc',
    '',
    '   ',
    '13:00 PM',
    '0:30 PM',
    '7:30 xm',
    '19.30',
    '-1:00',
    '24:01',
    '7:30 PM extra',
  ])('refuses %j', (input) => {
    expect(parseClockTime(input)).toBeUndefined();
  });

  it('round-trips every minute of the day through formatClockTime', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), (m) => {
        const text = formatClockTime(m);
        expect(isClockTime(text)).toBe(true);
        expect(parseClockTime(text)).toBe(m);
        expect(clockMinutes(text)).toBe(m);
      }),
    );
  });

  it('checks every minute exhaustively, too', () => {
    for (let m = 0; m < 1440; m++) {
      expect(parseClockTime(formatClockTime(m))).toBe(m);
    }
  });
});

describe('formatClockTime', () => {
  it('pads hours and minutes to HH:MM', () => {
    expect(formatClockTime(0)).toBe('00:00');
    expect(formatClockTime(65)).toBe('01:05');
    expect(formatClockTime(1439)).toBe('23:59');
  });

  it('wraps values past a day and negative values', () => {
    expect(formatClockTime(1440)).toBe('00:00');
    expect(formatClockTime(1440 + 90)).toBe('01:30');
    expect(formatClockTime(-30)).toBe('23:30');
    expect(formatClockTime(-1440)).toBe('00:00');
    expect(formatClockTime(-1441)).toBe('23:59');
  });

  it('wraps any whole number of minutes to the same time of day as its remainder', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (m) => {
        const text = formatClockTime(m);
        expect(isClockTime(text)).toBe(true);
        expect(clockMinutes(text)).toBe(((m % 1440) + 1440) % 1440);
      }),
    );
  });
});

describe('isClockTime', () => {
  it('accepts only canonical two-digit 24-hour times', () => {
    expect(isClockTime('07:30')).toBe(true);
    expect(isClockTime('23:59')).toBe(true);
    expect(isClockTime('7:30')).toBe(false);
    expect(isClockTime('24:00')).toBe(false);
    expect(isClockTime('19:30:00')).toBe(false);
    expect(isClockTime('12:60')).toBe(false);
  });
});
