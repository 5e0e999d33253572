import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { parseSearchParams, type SearchParams } from '../search/parse-params.js';
import { SearchIndex } from '../search/search-index.js';
import { search } from '../search/search.js';
import { makeMeeting } from '../search/test-meetings.js';
import { foundNoRoomNear, isNeed, needsOf } from './needs.js';

const now = Temporal.ZonedDateTime.from('2026-12-07T17:00[America/New_York]').epochMilliseconds;
const home = { latitude: 42.6731, longitude: -72.6887 };
const north = (km: number) => ({ latitude: home.latitude + km / 111.195, longitude: -72.6887 });

const parse = (params: SearchParams) =>
  parseSearchParams(params, {
    now,
    resolvePlace: () => home,
    defaultTimeZone: 'America/New_York',
  });

const index = SearchIndex.build(
  [
    makeMeeting({
      slug: 'women-far',
      types: ['W'],
      place: { ...north(120), address: { city: 'Far' }, regions: [] },
    }),
    makeMeeting({
      slug: 'plain-near',
      types: ['O'],
      place: { ...north(3), address: { city: 'Near' }, regions: [] },
    }),
  ],
  { now },
);

describe('tailored needs of a search', () => {
  it('names group tags, languages, programs and focus areas the way a service body reads them', () => {
    expect(needsOf(parse({ near: 'x', types: 'women' }))).toEqual(['women']);
    expect(needsOf(parse({ near: 'x', types: 'young people,lgbtq' })).sort()).toEqual([
      'lgbtq',
      'young_people',
    ]);
    expect(needsOf(parse({ near: 'x', lang: 'es-MX' }))).toEqual(['lang:es']);
    expect(needsOf(parse({ near: 'x', program: 'na', focus: 'gambling' }))).toEqual([
      'program:na',
      'focus:gambling',
    ]);
    // A type that is no group of people (open, wheelchair) is no tailored need.
    expect(needsOf(parse({ near: 'x', types: 'open' }))).toEqual([]);
  });

  it('is unmet only when no room matched near the place asked about', () => {
    const ask = (params: SearchParams) => {
      const query = parse(params);
      return foundNoRoomNear(query, search(index, query));
    };
    expect(ask({ near: 'x', types: 'women' })).toBe(true);
    expect(ask({ near: 'x', types: 'open' })).toBe(false);
    expect(ask({ near: 'x', types: 'women', radius: '200' })).toBe(false);
    expect(ask({ types: 'women' })).toBe(false);
    expect(ask({ near: 'x', types: 'women', attendance: 'online' })).toBe(false);
  });

  it('accepts only needs it counts', () => {
    for (const need of ['women', 'veterans', 'lang:es', 'program:aa', 'focus:gambling'])
      expect(isNeed(need)).toBe(true);
    for (const need of ['', 'open', 'lang:', 'lang:Spanish', 'program:nope', 'focus:x'])
      expect(isNeed(need)).toBe(false);
  });
});
