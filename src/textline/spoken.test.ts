import { describe, expect, it } from 'vitest';
import { spokenMeeting, spokenTime } from './spoken.js';
import { spokenDigits } from './voice-line.js';

describe('meetings said aloud', () => {
  it('says times as words', () => {
    expect(spokenTime('19:30')).toBe('seven thirty P M');
    expect(spokenTime('07:05')).toBe('seven oh five A M');
    expect(spokenTime('12:00')).toBe('twelve noon');
    expect(spokenTime('00:00')).toBe('midnight');
    expect(spokenTime('12:45')).toBe('twelve forty five P M');
    expect(spokenTime('00:15')).toBe('twelve fifteen A M');
  });

  it('says a meeting with its day, its zone by name, and how far or how to join', () => {
    expect(
      spokenMeeting({
        name: 'Big Book',
        way: 'in_person',
        localDay: 2,
        localTime: '19:00',
        town: 'Greenfield',
        distanceMi: 3.4,
        link: 'x',
      }),
    ).toBe('Tuesday at seven P M: Big Book, in Greenfield, 3 miles away.');
    expect(
      spokenMeeting({
        name: 'Lifeline',
        way: 'phone',
        localDay: 0,
        localTime: '20:00',
        zoneLabel: 'CST',
        link: 'x',
      }),
    ).toBe('Sunday at eight P M Central time, by phone: Lifeline.');
  });

  it('reads a spoken ZIP code as digits', () => {
    expect(spokenDigits('Zero one three oh one.')).toBe('01301');
    expect(spokenDigits('0 1 3 0 1')).toBe('01301');
    expect(spokenDigits('01301')).toBe('01301');
  });
});
