import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeMeeting } from '../../../test/factories/meeting.js';
import type { Meeting, Weekday } from '../../meetings/model.js';
import { parseSearchResultsQuery } from './client-interface-params.js';
import { searchResults } from './client-interface-search.js';
import { buildCatalogue } from './served-catalogue.js';

const rootServerUri = 'https://meetings.example.org';

/** Haversine, written independently of the code under test, in degrees of arc. */
function referenceDegrees(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return (2 * Math.asin(Math.min(1, Math.sqrt(a)))) / rad;
}

const point = fc.record({
  latitude: fc.double({ min: 41, max: 44, noNaN: true }),
  longitude: fc.double({ min: -74, max: -70, noNaN: true }),
});

const meetingsArbitrary = fc
  .array(
    fc.record({ at: fc.option(point, { nil: undefined }), day: fc.integer({ min: 0, max: 6 }) }),
    {
      minLength: 1,
      maxLength: 40,
    },
  )
  .map((specs) =>
    specs.map(({ at, day }, i): Meeting => {
      const base = makeMeeting();
      return makeMeeting({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        slug: `meeting-${i}`,
        program: 'na',
        types: ['O'],
        schedule: [{ kind: 'weekly', day: day as Weekday, start: '19:00', durationMinutes: 60 }],
        place: {
          ...base.place,
          ...(at === undefined ? { latitude: undefined, longitude: undefined } : at),
        } as Meeting['place'],
      });
    }),
  );

const idsOf = (meetings: Partial<Record<string, string>>[]) =>
  meetings.map((m) => Number(m.id_bigint)).sort((a, b) => a - b);

describe('GetSearchResults geography', () => {
  it('returns exactly the meetings within geo_width miles or geo_width_km kilometres', () => {
    fc.assert(
      fc.property(
        meetingsArbitrary,
        point,
        fc.double({ min: 0.5, max: 150, noNaN: true }),
        fc.boolean(),
        (meetings, center, width, km) => {
          const catalogue = buildCatalogue(1, meetings, new Map(), rootServerUri);
          const perDegree = km ? 111.111 : 69;
          const distances = catalogue.meetings.flatMap((m) =>
            m.latitude === undefined || m.longitude === undefined
              ? []
              : [
                  {
                    id: m.id,
                    d:
                      referenceDegrees(center.latitude, center.longitude, m.latitude, m.longitude) *
                      perDegree,
                  },
                ],
          );
          // Points on the circle itself are decided by rounding; keep the property about the rest.
          fc.pre(distances.every(({ d }) => Math.abs(d - width) > 1e-6));
          const expected = distances
            .filter(({ d }) => d <= width)
            .map(({ id }) => id)
            .sort((a, b) => a - b);
          const query = parseSearchResultsQuery({
            switcher: 'GetSearchResults',
            lat_val: String(center.latitude),
            long_val: String(center.longitude),
            [km ? 'geo_width_km' : 'geo_width']: String(width),
          });
          const answer = searchResults(catalogue, query);
          expect(idsOf(answer.meetings)).toEqual(expected);
          for (const m of answer.meetings) {
            const unit = Number(km ? m.distance_in_km : m.distance_in_miles);
            expect(unit).toBeLessThanOrEqual(width);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('returns the N nearest for a negative width, with the other filters kept', () => {
    fc.assert(
      fc.property(
        meetingsArbitrary,
        point,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 7 }),
        (meetings, center, n, weekday) => {
          const catalogue = buildCatalogue(1, meetings, new Map(), rootServerUri);
          const ranked = catalogue.meetings
            .filter((m) => m.latitude !== undefined && m.weekday !== weekday)
            .map((m) => ({
              id: m.id,
              d: referenceDegrees(center.latitude, center.longitude, m.latitude!, m.longitude!),
            }))
            .sort((a, b) => a.d - b.d || a.id - b.id);
          // Ties within rounding at the cut would make "the N nearest" ambiguous.
          const cut = ranked[n - 1];
          const next = ranked[n];
          fc.pre(cut === undefined || next === undefined || next.d - cut.d > 1e-9);
          const expected = ranked
            .slice(0, n)
            .map((r) => r.id)
            .sort((a, b) => a - b);
          const query = parseSearchResultsQuery({
            lat_val: String(center.latitude),
            long_val: String(center.longitude),
            geo_width: String(-n),
            weekdays: String(-weekday),
            sort_results_by_distance: '1',
          });
          const answer = searchResults(catalogue, query);
          expect(idsOf(answer.meetings)).toEqual(expected);
          const shown = answer.meetings.map((m) => Number(m.distance_in_miles));
          expect([...shown].sort((a, b) => a - b)).toEqual(shown);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers nothing for a point without a width, as root servers do', () => {
    const catalogue = buildCatalogue(1, [makeMeeting({ program: 'na' })], new Map(), rootServerUri);
    expect(
      searchResults(catalogue, parseSearchResultsQuery({ lat_val: '42', long_val: '-72' }))
        .meetings,
    ).toEqual([]);
    expect(
      searchResults(
        catalogue,
        parseSearchResultsQuery({
          lat_val: '42.5',
          long_val: '-72.6',
          data_field_key: 'id_bigint,distance_in_km',
        }),
      ).meetings,
    ).toHaveLength(1);
  });
});

describe('GetSearchResults filters', () => {
  const meetings = [
    makeMeeting({
      id: 'a',
      slug: 'a',
      program: 'na',
      name: 'Monday Night Hope',
      types: ['O', 'W'],
      attendance: 'in_person',
      schedule: [
        { kind: 'weekly', day: 1, start: '19:00', durationMinutes: 60 },
        { kind: 'monthly', day: 6, week: 2, start: '10:00', durationMinutes: 90 },
      ],
    }),
    makeMeeting({
      id: 'b',
      slug: 'b',
      program: 'na',
      name: 'Zoom Recovery',
      types: ['C'],
      attendance: 'online',
      schedule: [{ kind: 'weekly', day: 3, start: '12:00', durationMinutes: 60 }],
    }),
    makeMeeting({
      id: 'c',
      slug: 'c',
      program: 'na',
      name: 'Gone',
      status: 'inactive',
      schedule: [{ kind: 'weekly', day: 3, start: '12:00', durationMinutes: 60 }],
    }),
  ];
  const catalogue = buildCatalogue(1, meetings, new Map([['source-1', 'demo']]), rootServerUri);
  const names = (query: Record<string, unknown>) =>
    searchResults(catalogue, parseSearchResultsQuery(query)).meetings.map(
      (m) => `${m.meeting_name}@${m.weekday_tinyint}`,
    );

  it('serves one BMLT meeting per recurrence and says a monthly rhythm in comments', () => {
    const all = searchResults(catalogue, parseSearchResultsQuery({})).meetings;
    expect(all.map((m) => m.meeting_name)).toEqual([
      'Monday Night Hope',
      'Zoom Recovery',
      'Monday Night Hope',
    ]);
    expect(all[2]!.comments).toMatch(/^The second Saturday of the month\./);
    expect(all[1]).toMatchObject({
      venue_type: '2',
      formats: 'C,VM',
      format_shared_id_list: '4,54',
    });
    expect(new Set(all.map((m) => m.id_bigint)).size).toBe(3);
  });

  it('reads weekdays in both list forms, and negatives exclude', () => {
    expect(names({ weekdays: '2' })).toEqual(['Monday Night Hope@2']);
    expect(names({ 'weekdays[]': ['2', '4'] })).toEqual(names({ weekdays: '2,4' }));
    expect(names({ weekdays: '-2,-7' })).toEqual(['Zoom Recovery@4']);
  });

  it('filters by venue type, formats (AND, OR, exclusions), start time and text', () => {
    expect(names({ venue_types: '2' })).toEqual(['Zoom Recovery@4']);
    expect(names({ venue_types: '-2' })).toHaveLength(2);
    expect(names({ formats: '17,32' })).toHaveLength(2);
    expect(names({ formats: '17,4' })).toEqual([]);
    expect(names({ formats: '17,4', formats_comparison_operator: 'OR' })).toHaveLength(3);
    expect(names({ formats: '-54' })).toHaveLength(2);
    expect(names({ StartsAfterH: '11', StartsBeforeH: '19' })).toEqual(['Zoom Recovery@4']);
    expect(names({ StartsAfterH: '19' })).toEqual([]);
    expect(names({ SearchString: 'zoom recov' })).toEqual(['Zoom Recovery@4']);
    expect(names({ SearchString: 'zo' })).toHaveLength(3);
  });

  it('sorts by sort_keys, pages, and keeps only the asked fields', () => {
    expect(names({ sort_keys: 'start_time' })).toEqual([
      'Monday Night Hope@7',
      'Zoom Recovery@4',
      'Monday Night Hope@2',
    ]);
    expect(names({ page_size: '1', page_num: '2' })).toEqual(['Zoom Recovery@4']);
    const picked = searchResults(
      catalogue,
      parseSearchResultsQuery({ data_field_key: 'meeting_name,start_time,nonsense' }),
    ).meetings;
    expect(Object.keys(picked[0]!)).toEqual(['start_time', 'meeting_name']);
  });

  it('never throws on nonsense', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))),
        (query) => {
          searchResults(catalogue, parseSearchResultsQuery(query));
        },
      ),
    );
  });
});
