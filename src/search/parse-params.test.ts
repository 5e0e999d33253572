import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPorchlightError } from '../platform/errors.js';
import { parseSearchParams, searchParamNames, type SearchParams } from './parse-params.js';

const greenfield = { latitude: 42.5876, longitude: -72.5995, label: 'Greenfield, MA' };
const context = {
  now: Date.parse('2026-11-26T12:00:00Z'),
  defaultTimeZone: 'America/New_York',
  resolvePlace: (text: string) => (text === '01301' ? greenfield : undefined),
};
const parse = (params: SearchParams) => parseSearchParams(params, context);
const refusal = (params: SearchParams) => {
  try {
    parse(params);
  } catch (error) {
    if (isPorchlightError(error)) return { code: error.code, field: error.details?.field };
    throw error;
  }
  return undefined;
};

describe('parseSearchParams', () => {
  it('has sensible defaults', () => {
    expect(parse({})).toMatchObject({
      sort: 'time',
      limit: 25,
      radiusKm: 40,
      includeClosed: false,
      viewerTimeZone: 'America/New_York',
    });
  });

  it('reads coordinates or a place, and a radius in miles or km', () => {
    expect(parse({ near: '42.5,-72.6' }).near).toEqual({ latitude: 42.5, longitude: -72.6 });
    expect(parse({ near: '01301', radius: '25' })).toMatchObject({
      near: greenfield,
      radiusKm: 25 * 1.609344,
    });
    expect(parse({ near: '01301', radius: '25', units: 'km' }).radiusKm).toBe(25);
    expect(parse({ near: '01301', nearest: '10' }).nearest).toBe(10);
  });

  it('reads the when filters', () => {
    expect(
      parse({
        day: '0,6',
        from: '18:00',
        to: '21:30',
        starting_within: '45',
        date: '2026-12-24',
        tz: 'europe/london',
      }),
    ).toMatchObject({
      days: [0, 6],
      fromMinute: 1080,
      toMinute: 1290,
      startingWithinMinutes: 45,
      date: '2026-12-24',
      viewerTimeZone: 'Europe/London',
    });
  });

  it('reads the what filters, resolving types in each program’s vocabulary', () => {
    const q = parse({
      attendance: 'online,phone',
      program: 'aa,na',
      focus: 'family & friends',
      lang: 'ES',
      wheelchair: 'true',
      q: ' big book ',
    });
    expect(q).toMatchObject({
      attendance: ['online', 'phone'],
      programs: ['aa', 'na'],
      focus: ['family_and_friends'],
      languages: ['es'],
      wheelchair: true,
      text: 'big book',
    });
    expect(parse({ program: 'aa', types: 'W,Y' }).typeGroups).toEqual([['aa:W'], ['aa:Y']]);
    expect(parse({ program: 'al-anon', types: 'Y' }).typeGroups).toEqual([['al-anon:Y']]);
    const women = parse({ types: 'women' }).typeGroups![0]!;
    expect(women).toEqual(expect.arrayContaining(['aa:W', 'na:W']));
  });

  it('refuses bad input with a stable code naming the parameter', () => {
    expect(refusal({ near: '95,10' })).toEqual({ code: 'PL_INVALID_QUERY', field: 'near' });
    expect(refusal({ near: 'Atlantis' })).toEqual({ code: 'PL_UNKNOWN_PLACE', field: 'near' });
    expect(refusal({ near: '01301', radius: '0' })).toEqual({
      code: 'PL_INVALID_QUERY',
      field: 'radius',
    });
    expect(refusal({ near: '01301', radius: '5000' })).toEqual({
      code: 'PL_INVALID_QUERY',
      field: 'radius',
    });
    expect(refusal({ radius: '10' })).toEqual({ code: 'PL_INVALID_QUERY', field: 'near' });
    expect(refusal({ day: '7' })).toEqual({ code: 'PL_INVALID_QUERY', field: 'day' });
    expect(refusal({ from: '7pm' })).toEqual({ code: 'PL_INVALID_QUERY', field: 'from' });
    expect(refusal({ date: '2026-02-30' })).toEqual({ code: 'PL_INVALID_QUERY', field: 'date' });
    expect(refusal({ program: 'aa', types: 'ZZZ' })).toEqual({
      code: 'PL_UNKNOWN_TYPE',
      field: 'types',
    });
    expect(refusal({ program: 'xx' })).toEqual({ code: 'PL_UNKNOWN_PROGRAM', field: 'program' });
    expect(refusal({ tz: 'Mars/Base' })).toEqual({ code: 'PL_INVALID_QUERY', field: 'tz' });
    expect(refusal({ sort: 'distance' })).toEqual({ code: 'PL_INVALID_QUERY', field: 'sort' });
    expect(refusal({ limit: '1000' })).toEqual({ code: 'PL_INVALID_QUERY', field: 'limit' });
    expect(refusal({ lang: '!!' })).toEqual({ code: 'PL_INVALID_QUERY', field: 'lang' });
  });

  it('either parses or refuses with a PorchlightError, for any input', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...searchParamNames), fc.string({ maxLength: 30 })),
        (params) => {
          try {
            parse(params);
          } catch (error) {
            expect(isPorchlightError(error)).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
