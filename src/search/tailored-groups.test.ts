/**
 * Groups for the people small places lack most (people of color, Black, Native American and
 * Indigenous, seniors, veterans): one cross-program tag each, found in every program's own
 * words, counted as facets, and kept by the rural fallback's online and phone suggestions.
 */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Meeting } from '../meetings/model.js';
import { parseSearchParams, type SearchParams } from './parse-params.js';
import { SearchIndex } from './search-index.js';
import { search, type SearchFacets } from './search.js';
import { makeMeeting } from './test-meetings.js';

const now = Temporal.ZonedDateTime.from('2026-11-03T17:00[America/New_York]').epochMilliseconds;
/** Colrain, MA: the viewer. */
const home = { latitude: 42.6731, longitude: -72.6887 };
const north = (km: number) => ({ latitude: home.latitude + km / 111.195, longitude: -72.6887 });

const inPerson = (slug: string, program: string, types: string[], km: number): Meeting =>
  makeMeeting({
    slug,
    name: `${slug} group`,
    program,
    types,
    place: { ...north(km), address: { city: 'Somewhere' }, regions: [] },
  });
const online = (slug: string, program: string, types: string[]): Meeting =>
  makeMeeting({
    slug,
    name: `${slug} online`,
    program,
    types,
    attendance: 'online',
    place: { address: {}, approximate: true, regions: [] },
    online: { url: 'https://zoom.us/j/1' },
  });

const meetings = [
  inPerson('aa-poc-far', 'aa', ['POC'], 70),
  online('al-anon-poc', 'al-anon', ['POC']),
  online('smart-bipoc', 'smart-recovery', ['BIPOC']),
  online('ga-poc', 'ga', ['POC']),
  online('rd-black', 'recovery-dharma', ['BLK']),
  online('na-black', 'ca', ['BLK']),
  inPerson('aa-native-far', 'aa', ['N'], 90),
  online('aa-indigenous', 'aa', ['NDG']),
  online('oa-indigenous', 'oa', ['NDG']),
  inPerson('aa-seniors-far', 'aa', ['SEN'], 60),
  online('coda-seniors', 'coda', ['SEN']),
  online('smart-veterans', 'smart-recovery', ['VFR']),
  online('ga-veterans', 'ga', ['VET']),
  inPerson('aa-near-plain', 'aa', ['O'], 3),
];
const index = SearchIndex.build(meetings, { now });

function ask(params: SearchParams) {
  const query = parseSearchParams(params, {
    now,
    resolvePlace: () => home,
    defaultTimeZone: 'America/New_York',
  });
  return search(index, { ...query, limit: 100 });
}
const slugsOf = (results: readonly { meeting: { slug: string } }[]) =>
  results.map((r) => r.meeting.slug).sort();

const expected: Record<string, string[]> = {
  people_of_color: ['aa-poc-far', 'al-anon-poc', 'ga-poc', 'smart-bipoc'],
  black: ['na-black', 'rd-black'],
  indigenous: ['aa-indigenous', 'aa-native-far', 'oa-indigenous'],
  seniors: ['aa-seniors-far', 'coda-seniors'],
  veterans: ['ga-veterans', 'smart-veterans'],
};

describe('tailored groups across programs', () => {
  for (const [tag, slugs] of Object.entries(expected)) {
    it(`finds "${tag}" in every program's own words, and counts it`, () => {
      const answer = ask({ types: tag });
      expect(slugsOf(answer.results)).toEqual(slugs);
      expect(answer.facets!.tags[tag as keyof SearchFacets['tags']]).toBe(slugs.length);
    });

    it(`keeps "${tag}" in the rural fallback's suggestions`, () => {
      const answer = ask({ near: 'Colrain, MA', radius: '10', types: tag });
      const fallback = answer.fallback!;
      expect(fallback.relaxed.remote).toEqual([]);
      const suggested = [...fallback.nearestBeyond, ...fallback.remote];
      expect(suggested.length).toBeGreaterThan(0);
      for (const slug of slugsOf(suggested)) expect(slugs).toContain(slug);
      expect(slugsOf(fallback.remote)).toEqual(slugs.filter((s) => !s.endsWith('-far')).sort());
    });
  }

  it('counts every tag on an untailored search', () => {
    const { tags } = ask({}).facets!;
    for (const [tag, slugs] of Object.entries(expected)) {
      expect(tags[tag as keyof typeof tags], tag).toBe(slugs.length);
    }
  });
});
