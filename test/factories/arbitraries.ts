import fc from 'fast-check';
import { aaTypes } from '../../src/meetings/vocabularies/aa.js';

const towns = [
  { city: 'Greenfield', zip: '01301', lat: 42.5876, lng: -72.5995 },
  { city: 'Colrain', zip: '01340', lat: 42.6731, lng: -72.6887 },
  { city: 'Orange', zip: '01364', lat: 42.5904, lng: -72.3095 },
  { city: 'Tulsa', zip: '74103', lat: 36.154, lng: -95.9928 },
  { city: 'Costa Mesa', zip: '92626', lat: 33.6846, lng: -117.8726 },
];

const words = fc.constantFrom(
  'Serenity',
  'Hope',
  'Big Book',
  'Step',
  'Noon',
  'Grupo',
  'Café',
  'Women’s',
  '12 & 12',
  'Sobriety',
);
const text = fc.array(words, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const aaCode = fc.constantFrom(...aaTypes.map((t) => t.code));

/** A well-formed Meeting Guide row of the kinds real feeds contain, with a given slug. */
export function meetingGuideRow(slug: string): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(
      {
        name: text,
        day: fc.oneof(
          fc.integer({ min: 0, max: 6 }),
          fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }),
          fc.constant(undefined),
        ),
        time: hhmm,
        end_time: fc.option(hhmm, { nil: undefined }),
        types: fc.uniqueArray(aaCode, { maxLength: 5 }),
        town: fc.constantFrom(...towns),
        street: fc.option(
          fc.integer({ min: 1, max: 999 }).map((n) => `${n} Main St`),
          { nil: undefined },
        ),
        conference_url: fc.option(
          fc.constantFrom('https://zoom.us/j/85551234567', 'https://meet.google.com/abc-defg-hij'),
          { nil: undefined },
        ),
        conference_phone: fc.option(
          fc.constantFrom('+16465588656,,85551234567#', '+1 (929) 205-6099'),
          { nil: undefined },
        ),
        notes: fc.option(text, { nil: undefined }),
        group: fc.option(text, { nil: undefined }),
        venmo: fc.option(fc.constant('@group'), { nil: undefined }),
        withCoordinates: fc.boolean(),
        contact: fc.boolean(),
      },
      { requiredKeys: ['name', 'day', 'time', 'types', 'town', 'withCoordinates', 'contact'] },
    )
    .map((r) => {
      const row: Record<string, unknown> = { name: r.name, slug, types: r.types };
      if (r.day !== undefined) {
        row.day = r.day;
        row.time = r.time;
        if (r.end_time !== undefined) row.end_time = r.end_time;
      }
      row.formatted_address =
        r.street === undefined
          ? `${r.town.city}, MA, USA`
          : `${r.street}, ${r.town.city}, MA ${r.town.zip}, USA`;
      if (r.withCoordinates) {
        row.latitude = r.town.lat;
        row.longitude = r.town.lng;
      }
      for (const key of [
        'conference_url',
        'conference_phone',
        'notes',
        'group',
        'venmo',
      ] as const) {
        if (r[key] !== undefined) row[key] = r[key];
      }
      if (r.contact) {
        row.contact_1_name = 'Sam R.';
        row.contact_1_email = 'sam@example.org';
      }
      return row;
    });
}

/** A feed of 1 to `max` well-formed rows with unique slugs. */
export function meetingGuideFeed(max = 12): fc.Arbitrary<Record<string, unknown>[]> {
  return fc
    .integer({ min: 1, max })
    .chain((n) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => meetingGuideRow(`meeting-${i}`))),
    );
}
