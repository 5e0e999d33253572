import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isWeekday, parseWeekday, weekdayNames } from './weekdays.js';

describe('parseWeekday', () => {
  it('accepts the numbers 0-6 and their strings', () => {
    for (let d = 0; d <= 6; d++) {
      expect(parseWeekday(d)).toBe(d);
      expect(parseWeekday(String(d))).toBe(d);
    }
    expect(parseWeekday('3')).toBe(3);
    expect(parseWeekday(' 3 ')).toBe(3);
  });

  it.each([
    ['Sunday', 0],
    ['Monday', 1],
    ['mon', 1],
    ['MONDAY ', 1],
    ['Tues', 2],
    ['wed.', 3],
    ['Thurs', 4],
    ['sat', 6],
    ['miércoles', 3],
    ['MIÉRCOLES', 3],
    ['miercoles', 3],
    ['sábado', 6],
    ['domingo', 0],
    ['lunes', 1],
    ['dimanche', 0],
    ['mercredi', 3],
    ['samedi', 6],
  ])('reads %j as %i', (input, day) => {
    expect(parseWeekday(input)).toBe(day);
  });

  it('reads every English name in any case', () => {
    weekdayNames.forEach((name, i) => {
      expect(parseWeekday(name)).toBe(i);
      expect(parseWeekday(name.toUpperCase())).toBe(i);
      expect(parseWeekday(name.slice(0, 3).toLowerCase())).toBe(i);
    });
  });

  it.each([
    7,
    -1,
    1.5,
    NaN,
    Infinity,
    '7',
    '-1',
    '1.5',
    '',
    'Funday',
    'mo',
    null,
    undefined,
    {},
    [],
    [1],
    true,
  ])('refuses %j', (input) => {
    expect(parseWeekday(input)).toBeUndefined();
  });

  it('returns only whole numbers 0-6 or undefined, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const day = parseWeekday(value);
        expect(day === undefined || isWeekday(day)).toBe(true);
      }),
    );
  });
});

describe('isWeekday', () => {
  it('is true only for whole numbers 0-6', () => {
    expect(isWeekday(0)).toBe(true);
    expect(isWeekday(6)).toBe(true);
    expect(isWeekday(7)).toBe(false);
    expect(isWeekday(-1)).toBe(false);
    expect(isWeekday(2.5)).toBe(false);
    expect(isWeekday('2')).toBe(false);
  });
});
