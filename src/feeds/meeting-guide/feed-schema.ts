import { Type } from 'typebox';
import { programs } from '../../meetings/programs.js';

/**
 * JSON Schema of the Meeting Guide feed format as real feeds write it: the fields the Meeting
 * Guide app and TSML UI read, with the variants they accept (a day as a number, a numeric
 * string or a list; times with or without seconds). Published at `/schemas/meeting-guide.json`.
 * The importer's rules are stricter in meaning (a real weekday, a real time zone); the
 * `porchlight validate` command applies both.
 */
const programIds = programs.map((p) => p.id);

const text = (description: string, maxLength = 10_000) => Type.String({ description, maxLength });
const optionalText = (description: string, maxLength?: number) =>
  Type.Optional(text(description, maxLength));
const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const Day = Type.Union([
  Type.Integer({ minimum: 0, maximum: 6 }),
  Type.String({ pattern: '^[0-6]$' }),
]);

const Time = Type.String({
  description: 'Local start time, 24-hour HH:MM (seconds and 12-hour forms are tolerated)',
  pattern:
    '^(([01]?\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?|(0?[1-9]|1[0-2])(:[0-5]\\d)?\\s*[AaPp]\\.?[Mm]\\.?)$',
});

const Link = Type.String({
  description: 'An http or https URL',
  pattern: '^https?://',
  maxLength: 2048,
});

export const MeetingGuideRowSchema = Type.Object(
  {
    name: text('Meeting name', 200),
    slug: Type.Union([
      text('Unique, stable identifier of the meeting in this feed', 200),
      Type.Integer(),
    ]),
    day: Type.Optional(
      Type.Union([Day, Type.Array(Day, { minItems: 1, maxItems: 7 }), Type.Null()], {
        description: '0 = Sunday ... 6 = Saturday, or a list of them; absent = by appointment',
      }),
    ),
    time: Type.Optional(Type.Union([Time, Type.Null()])),
    end_time: Type.Optional(Type.Union([Time, Type.Null()])),
    timezone: optionalText('IANA time zone, e.g. America/New_York', 100),
    types: Type.Optional(
      Type.Array(Type.String({ maxLength: 100 }), { description: 'Meeting type codes' }),
    ),
    program: Type.Optional(
      Type.Enum(programIds, {
        description:
          'Extension (Porchlight): the program whose vocabulary `types` uses, e.g. "aa", "na", "al-anon". Meeting Guide clients ignore it; a reader that knows it reads the codes in that vocabulary. Absent: the feed is one program\'s, as the Meeting Guide format assumes.',
      }),
    ),
    notes: Type.Optional(nullable(text('Notes about the meeting'))),
    updated: optionalText('When the meeting last changed, YYYY-MM-DD HH:MM:SS', 40),
    url: Type.Optional(Link),
    location: Type.Optional(nullable(text('Venue name', 500))),
    location_notes: Type.Optional(nullable(text('Notes about the venue'))),
    formatted_address: optionalText('Full address, comma-separated', 500),
    address: Type.Optional(nullable(text('Street address', 500))),
    city: optionalText('City', 500),
    state: optionalText('State or region', 500),
    postal_code: optionalText('Postal code', 500),
    country: optionalText('Country', 500),
    approximate: Type.Optional(
      Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Boolean()], {
        description: '"yes" when the address names only an area (typical of online meetings)',
      }),
    ),
    latitude: Type.Optional(
      Type.Union([
        Type.Number({ minimum: -90, maximum: 90 }),
        Type.String({ pattern: '^-?\\d+(\\.\\d+)?$' }),
      ]),
    ),
    longitude: Type.Optional(
      Type.Union([
        Type.Number({ minimum: -180, maximum: 180 }),
        Type.String({ pattern: '^-?\\d+(\\.\\d+)?$' }),
      ]),
    ),
    region: Type.Optional(nullable(text('Region', 500))),
    sub_region: optionalText('Sub-region', 500),
    regions: Type.Optional(
      Type.Array(Type.String({ maxLength: 500 }), { description: 'Region path, widest first' }),
    ),
    conference_url: Type.Optional(Type.Union([Link, Type.Null()])),
    conference_url_notes: Type.Optional(
      nullable(text('Meeting id, passcode and other joining notes')),
    ),
    conference_phone: Type.Optional(
      nullable(text('Dial-in number; commas are pauses before access codes', 500)),
    ),
    conference_phone_notes: Type.Optional(nullable(text('Dial-in notes'))),
    group: Type.Optional(nullable(text('Group name', 500))),
    group_id: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Integer()])),
    group_notes: Type.Optional(nullable(text('Notes about the group'))),
    district: optionalText('District', 500),
    website: Type.Optional(Link),
    email: optionalText('Group email', 500),
    phone: optionalText('Group phone', 500),
    venmo: optionalText('Venmo handle for contributions', 500),
    paypal: optionalText('PayPal username or link for contributions', 500),
    square: optionalText('Square cash tag for contributions', 500),
    attendance_option: Type.Optional(
      Type.Enum(['in_person', 'online', 'hybrid', 'inactive'] as const, {
        description:
          'Derived by TSML; readers derive it again from types, address and conference fields',
      }),
    ),
    entity: optionalText('The service entity publishing the feed', 500),
    entity_email: optionalText('Entity email', 500),
    entity_phone: optionalText('Entity phone', 500),
    entity_url: Type.Optional(Link),
    entity_location: optionalText('Entity location', 500),
    entity_logo: Type.Optional(Link),
  },
  { additionalProperties: true, description: 'One meeting' },
);

export const MeetingGuideFeedSchema = Type.Array(MeetingGuideRowSchema, {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: '/schemas/meeting-guide.json',
  title: 'Meeting Guide feed',
  description:
    'A JSON array of meetings in the Meeting Guide format (used by the Meeting Guide app, TSML and TSML UI).',
});
