/**
 * JSON Schemas of the HSDS 3.0 objects Porchlight emits, written from the Open Referral
 * specification (schema/*.json and the API's openapi.json of the 3.0 branch) for the fields we
 * fill: the spec's names, types, enums and required fields. They serialise the `/hsds` routes,
 * document them in the OpenAPI description, and check the answers in the tests.
 */
import { Type, type Static } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const Uri = Type.String({ format: 'uri' });
const Text = Type.String();
const opt = Type.Optional;

export const HsdsLanguageSchema = Type.Object({
  id: Uuid,
  service_id: opt(Uuid),
  name: opt(Text),
  code: opt(Text),
});

export const HsdsPhoneSchema = Type.Object({
  id: Uuid,
  service_id: opt(Uuid),
  number: Text,
  type: opt(Type.Enum(['text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone'] as const)),
  description: opt(Text),
});

export const HsdsScheduleSchema = Type.Object({
  id: Uuid,
  service_id: opt(Uuid),
  freq: opt(Type.Enum(['WEEKLY', 'MONTHLY'] as const)),
  interval: opt(Type.Number()),
  byday: opt(Text),
  wkst: opt(Type.Enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const)),
  dtstart: opt(Type.String({ format: 'date' })),
  opens_at: opt(Text),
  closes_at: opt(Text),
  timezone: opt(Type.Number()),
  description: opt(Text),
  notes: opt(Text),
});

export const HsdsAddressSchema = Type.Object({
  id: Uuid,
  location_id: opt(Uuid),
  address_1: Text,
  city: Text,
  state_province: Text,
  postal_code: Text,
  country: Type.String({ minLength: 2, maxLength: 2 }),
  address_type: Type.Enum(['physical', 'postal', 'virtual'] as const),
});

export const HsdsAccessibilitySchema = Type.Object({
  id: Uuid,
  location_id: opt(Uuid),
  description: opt(Text),
});

export const HsdsLocationSchema = Type.Object({
  id: Uuid,
  location_type: Type.Enum(['physical', 'postal', 'virtual'] as const),
  url: opt(Uri),
  name: opt(Text),
  description: opt(Text),
  latitude: opt(Type.Number()),
  longitude: opt(Type.Number()),
  addresses: opt(Type.Array(HsdsAddressSchema)),
  accessibility: opt(Type.Array(HsdsAccessibilitySchema)),
});

export const HsdsServiceAtLocationSchema = Type.Object({
  id: Uuid,
  service_id: opt(Uuid),
  location_id: opt(Uuid),
  description: opt(Text),
  location: opt(HsdsLocationSchema),
});

export const HsdsOrganizationSchema = Type.Object({
  id: Uuid,
  name: Text,
  description: Text,
  website: opt(Uri),
});

const serviceStatus = Type.Enum(['active', 'inactive', 'defunct', 'temporarily closed'] as const);

/** The one-to-one fields of a service: what `/services` lists. */
const serviceFields = {
  id: Uuid,
  organization_id: opt(Uuid),
  name: Text,
  alternate_name: opt(Text),
  description: opt(Text),
  url: opt(Uri),
  status: serviceStatus,
  application_process: opt(Text),
  alert: opt(Text),
  assured_date: opt(Type.String({ format: 'date' })),
};

export const HsdsServiceListItemSchema = Type.Object(serviceFields);

export const HsdsServiceSchema = Type.Object({
  ...serviceFields,
  organization: opt(HsdsOrganizationSchema),
  service_at_locations: opt(Type.Array(HsdsServiceAtLocationSchema)),
  phones: opt(Type.Array(HsdsPhoneSchema)),
  schedules: opt(Type.Array(HsdsScheduleSchema)),
  languages: opt(Type.Array(HsdsLanguageSchema)),
});

const page = {
  total_items: Type.Integer(),
  total_pages: Type.Integer(),
  page_number: Type.Integer(),
  size: Type.Integer(),
  first_page: Type.Boolean(),
  last_page: Type.Boolean(),
  empty: Type.Boolean(),
};

export const HsdsServicePageSchema = Type.Object({
  ...page,
  contents: Type.Array(HsdsServiceSchema),
});

export const HsdsRootSchema = Type.Object({
  version: Text,
  openapi_url: Uri,
  description: Text,
  publisher: Type.Object({ name: Text, website: opt(Uri) }),
});

export type HsdsService = Static<typeof HsdsServiceSchema>;
export type HsdsServiceListItem = Static<typeof HsdsServiceListItemSchema>;
export type HsdsLocation = Static<typeof HsdsLocationSchema>;
export type HsdsOrganization = Static<typeof HsdsOrganizationSchema>;
export type HsdsPhone = Static<typeof HsdsPhoneSchema>;
export type HsdsServicePage = Static<typeof HsdsServicePageSchema>;
