import { Type, type Static } from 'typebox';
import { attendanceModes, contributionKinds, focusAreas, meetingStatuses } from './model.js';

/**
 * The public JSON shape of a meeting (API v1). One schema validates, serialises (fields not
 * listed here never leave the server) and documents the response in the OpenAPI document.
 */
const Time = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  description: 'Local time, HH:MM',
});
const Day = Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday ... 6 = Saturday' });
const Duration = Type.Integer({ minimum: 1, maximum: 1440, description: 'Minutes' });

export const RecurrenceSchema = Type.Union([
  Type.Object({ kind: Type.Literal('weekly'), day: Day, start: Time, durationMinutes: Duration }),
  Type.Object({
    kind: Type.Literal('biweekly'),
    day: Day,
    start: Time,
    durationMinutes: Duration,
    anchorDate: Type.String({ format: 'date', description: 'A date of a week the meeting meets' }),
  }),
  Type.Object({
    kind: Type.Literal('monthly'),
    day: Day,
    start: Time,
    durationMinutes: Duration,
    week: Type.Union(
      [
        Type.Literal(1),
        Type.Literal(2),
        Type.Literal(3),
        Type.Literal(4),
        Type.Literal(5),
        Type.Literal(-1),
      ],
      {
        description: 'Week of the month; -1 is the last',
      },
    ),
  }),
  Type.Object({ kind: Type.Literal('by_appointment') }),
]);

const Str = Type.String();
const OptStr = Type.Optional(Str);

export const PlaceSchema = Type.Object({
  name: OptStr,
  address: Type.Object({
    street: OptStr,
    city: OptStr,
    region: OptStr,
    postalCode: OptStr,
    country: OptStr,
  }),
  formattedAddress: OptStr,
  latitude: Type.Optional(Type.Number()),
  longitude: Type.Optional(Type.Number()),
  geocoded: Type.Optional(
    Type.Enum(['address', 'postal_code', 'town'] as const, {
      description:
        'Set when the source gave no coordinates and they were found from the address: address (a geocoder placed the street address), postal_code or town (only the centre of the ZIP code or town: approximate)',
    }),
  ),
  approximate: Type.Boolean({ description: 'True when only a town or area is known' }),
  notes: OptStr,
  wheelchairAccessible: Type.Optional(Type.Boolean()),
  accessibilityNotes: OptStr,
  regions: Type.Array(Str),
});

export const OnlineSchema = Type.Object({
  url: OptStr,
  provider: OptStr,
  urlNotes: OptStr,
  phone: Type.Optional(
    Type.String({ description: 'Dial string; commas are pauses before access codes' }),
  ),
  phoneNotes: OptStr,
});

const ContactSchema = Type.Object({ name: OptStr, email: OptStr, phone: OptStr });

export const GroupSchema = Type.Object({
  name: OptStr,
  notes: OptStr,
  district: OptStr,
  website: OptStr,
  email: OptStr,
  phone: OptStr,
  contacts: Type.Array(ContactSchema, {
    description: 'Empty unless the group made its contacts public',
  }),
});

const LinkCheckSchema = Type.Object({
  result: Type.Enum(['ok', 'unreachable', 'not_found', 'invalid'] as const),
  checkedAt: Type.String(),
  httpStatus: Type.Optional(Type.Integer()),
  detail: Type.Optional(Type.String()),
});

export const MeetingSchema = Type.Object({
  id: Str,
  slug: Str,
  url: Type.String({ description: 'The meeting page' }),
  name: Str,
  program: Str,
  types: Type.Array(Str, { description: "Codes of the program's type vocabulary" }),
  languages: Type.Array(Str, { description: 'BCP-47 tags' }),
  focus: Type.Array(Type.Enum(focusAreas)),
  attendance: Type.Enum(attendanceModes),
  status: Type.Enum(meetingStatuses),
  timeZone: Type.String({ description: 'IANA time zone of the local start times' }),
  schedule: Type.Array(RecurrenceSchema),
  place: PlaceSchema,
  online: OnlineSchema,
  group: GroupSchema,
  notes: OptStr,
  contributions: Type.Array(Type.Object({ kind: Type.Enum(contributionKinds), value: Str })),
  entity: Type.Optional(
    Type.Object({
      name: OptStr,
      email: OptStr,
      phone: OptStr,
      url: OptStr,
      location: OptStr,
      logo: OptStr,
    }),
  ),
  provenance: Type.Object({
    source: Str,
    sourceSlug: Str,
    sourceUrl: OptStr,
    sourceUpdatedAt: OptStr,
    lastFetchedAt: Str,
    lastVerifiedAt: OptStr,
  }),
  createdAt: Str,
  updatedAt: Str,
  stale: Type.Optional(
    Type.Boolean({
      description:
        'True when no person has confirmed the meeting within PORCHLIGHT_STALE_AFTER (365 days by default)',
    }),
  ),
  duplicateOf: Type.Optional(
    Type.String({
      description: 'The slug of the entry this meeting is shown as (a merged duplicate)',
    }),
  ),
  alsoListedBy: Type.Optional(
    Type.Array(Type.Object({ source: Str, sourceSlug: Str, slug: Str }), {
      description: 'Other sources listing the same meeting, merged into one entry',
    }),
  ),
  linkCheck: Type.Optional(
    Type.Object(
      { url: Type.Optional(LinkCheckSchema), phone: Type.Optional(LinkCheckSchema) },
      { description: 'The last automatic check of the conference link and the dial-in' },
    ),
  ),
});

export type MeetingView = Static<typeof MeetingSchema>;
