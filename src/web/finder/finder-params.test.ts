import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchParamNames, type SearchParams } from '../../search/parse-params.js';
import {
  activeFilterCount,
  finderQueryString,
  isNarrowed,
  normaliseTypes,
  readFinderQuery,
  timeOfDayOf,
} from './finder-params.js';

/** What fastify's query parser hands a route for a query string (repeated keys become arrays). */
function parsed(query: string): Record<string, unknown> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const seen = out[key];
    out[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return out;
}

describe('reading the finder URL', () => {
  it('drops the empty fields a plain form sends and joins ticked boxes into one list', () => {
    const input = readFinderQuery(
      parsed('near=01301&q=&day=&types=women&types=beginners&wheelchair=true&sort='),
    );
    expect(input).toEqual({
      params: { near: '01301', types: 'women,beginners', wheelchair: 'true' },
    });
  });

  it('reads the time-of-day menu as the window it names, over an older window', () => {
    expect(readFinderQuery(parsed('time=evening')).params).toEqual({ from: '17:00', to: '21:00' });
    expect(readFinderQuery(parsed('from=06:00&to=07:00&time=night')).params).toEqual({
      from: '21:00',
      to: '05:00',
    });
    expect(readFinderQuery(parsed('time=')).params).toEqual({});
    expect(readFinderQuery(parsed('from=06:00&to=07:00&time=any')).params).toEqual({});
  });

  it('names a field it cannot read instead of passing it on', () => {
    expect(readFinderQuery(parsed('time=teatime')).unreadable).toEqual({
      field: 'time',
      value: 'teatime',
    });
    const long = readFinderQuery(parsed(`near=01301&q=${'x'.repeat(600)}`));
    expect(long.unreadable?.field).toBe('q');
    expect(long.params).toEqual({ near: '01301' });
  });

  it('keeps type ticks meaningful when the program changes', () => {
    // A tag ticked before choosing a program becomes that program's own type.
    expect(normaliseTypes('women,beginners', 'aa')).toBe('W,BE');
    expect(normaliseTypes('young_people', 'na')).toBe('YP');
    // A program's code, once the program is cleared, becomes the tag it means everywhere.
    expect(normaliseTypes('W,O', undefined)).toBe('women,open');
    expect(normaliseTypes('women,W', undefined)).toBe('women');
    // Anything else is left for the search to judge and name.
    expect(normaliseTypes('S,NOPE', undefined)).toBe('S,NOPE');
    expect(normaliseTypes('NOPE', 'aa')).toBe('NOPE');
    expect(normaliseTypes('women', 'aa,na')).toBe('women');
  });

  it('ignores parameters the search does not have', () => {
    expect(readFinderQuery(parsed('utm_source=x&near=01301&lang=es')).params).toEqual({
      near: '01301',
      lang: 'es',
    });
  });

  it('recognises a preset window, and only an exact one', () => {
    expect(timeOfDayOf({ from: '05:00', to: '12:00' })).toBe('morning');
    expect(timeOfDayOf({ from: '05:00', to: '11:00' })).toBeUndefined();
    expect(timeOfDayOf({})).toBeUndefined();
  });

  it('tells a search that asks for something from the default view', () => {
    expect(isNarrowed({})).toBe(false);
    expect(isNarrowed({ tz: 'America/Chicago', units: 'km', limit: '10', sort: 'time' })).toBe(
      false,
    );
    expect(isNarrowed({ program: 'aa' })).toBe(true);
    expect(isNarrowed({ near: '01301' })).toBe(true);
  });

  it('counts the filters that are on, ordering by distance included', () => {
    expect(activeFilterCount({ near: '01301', sort: 'time', tz: 'America/Chicago' })).toBe(0);
    expect(activeFilterCount({ near: '01301', q: 'speaker' })).toBe(1);
    expect(activeFilterCount({ day: '2', from: '17:00', to: '21:00', sort: 'distance' })).toBe(3);
  });
});

describe('building finder links', () => {
  it("uses the API's own parameters in the API's order, commas and colons readable", () => {
    expect(
      finderQueryString({
        types: 'women,open',
        near: 'Greenfield, MA',
        from: '17:00',
        to: '21:00',
      }),
    ).toBe('?near=Greenfield,%20MA&from=17:00&to=21:00&types=women,open');
    expect(finderQueryString({})).toBe('');
    expect(finderQueryString({ cursor: '' })).toBe('');
    expect(finderQueryString({ q: 'a&b=c#d' })).toBe('?q=a%26b%3Dc%23d');
  });

  it('reads back exactly what it wrote, whatever the values', () => {
    // A form field arrives trimmed, so values are generated trimmed.
    const value = fc.string({ minLength: 1, maxLength: 30 }).filter((v) => v.trim() === v);
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...searchParamNames), value) as fc.Arbitrary<SearchParams>,
        (params) => {
          const back = readFinderQuery(parsed(finderQueryString(params).slice(1)));
          const expected = { ...params };
          if (params.types !== undefined)
            expected.types = normaliseTypes(params.types, params.program);
          expect(back).toEqual({ params: expected });
        },
      ),
    );
  });
});
