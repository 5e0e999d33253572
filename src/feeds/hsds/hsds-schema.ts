/**
 * JSON Schemas of the HSDS 3.0 objects Porchlight emits, written from the Open Referral
 * specification (schema/*.json and the API's openapi.json of the 3.0 branch) for the fields we
 * fill: the spec's names, types, enums and required fields. They serialise the `/hsds` routes,
 * document them in the OpenAPI description, and check the answers in the tests.
 */
import { Type, type Static } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const Email = Type.String({ format: 'email' });
const Uri = Type.String({ format: 'uri' });
const Text = Type.String();
const opt = Type.Optional;

export const HsdsLanguageSchema = Type.Object({
  id: Uuid,
  service_id: opt(Uuid),
  location_id: opt(Uuid),
  name: opt(Text),
  code: opt(Text),
});

export const HsdsPhoneSchema = Type.Object({
  id: Uuid,
  service_id: opt(Uuid),
  number: Text,
  extension: opt(Type.Number()),
  type: opt(Type.Enum(['text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone'] as const)),
  description: opt(Text),
});

export const HsdsScheduleSchema = Type.Object({
  id: Uuid,
  service_id: opt(Uuid),
  location_id: opt(Uuid),
  service_at_location_id: opt(Uuid),
  valid_from: opt(Type.String({ format: 'date' })),
  valid_to: opt(Type.String({ format: 'date' })),
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
  address_2: opt(Text),
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
  organization_id: opt(Uuid),
  url: opt(Uri),
  name: opt(Text),
  description: opt(Text),
  latitude: opt(Type.Number()),
  longitude: opt(Type.Number()),
  addresses: opt(Type.Array(HsdsAddressSchema)),
  accessibility: opt(Type.Array(HsdsAccessibilitySchema)),
  languages: opt(Type.Array(HsdsLanguageSchema)),
  phones: opt(Type.Array(HsdsPhoneSchema)),
  schedules: opt(Type.Array(HsdsScheduleSchema)),
});

export const HsdsServiceAtLocationSchema = Type.Object({
  id: Uuid,
  service_id: opt(Uuid),
  location_id: opt(Uuid),
  description: opt(Text),
  phones: opt(Type.Array(HsdsPhoneSchema)),
  schedules: opt(Type.Array(HsdsScheduleSchema)),
  location: opt(HsdsLocationSchema),
});

export const HsdsOrganizationSchema = Type.Object({
  id: Uuid,
  name: Text,
  description: Text,
  email: opt(Email),
  website: opt(Uri),
  phones: opt(Type.Array(HsdsPhoneSchema)),
});

export const HsdsCostOptionSchema = Type.Object({
  id: Uuid,
  service_id: opt(Uuid),
  option: opt(Text),
  currency: opt(Text),
  amount: opt(Type.Number()),
  amount_description: opt(Text),
});

export const HsdsServiceAreaSchema = Type.Object({
  id: Uuid,
  service_id: opt(Uuid),
  name: opt(Text),
  description: opt(Text),
});

export const HsdsTaxonomyTermSchema = Type.Object({
  id: Uuid,
  code: opt(Text),
  name: Text,
  description: Text,
  parent_id: opt(Uuid),
  taxonomy: opt(Text),
  term_uri: opt(Uri),
});

/** A service's classification: a need (Open Eligibility) or a recovery attribute. */
export const HsdsAttributeSchema = Type.Object({
  id: Uuid,
  link_id: opt(Uuid),
  link_type: opt(Text),
  link_entity: opt(Text),
  value: opt(Text),
  label: opt(Text),
  taxonomy_term: opt(HsdsTaxonomyTermSchema),
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
  email: opt(Email),
  application_process: opt(Text),
  fees_description: opt(Text),
  eligibility_description: opt(Text),
  minimum_age: opt(Type.Number()),
  maximum_age: opt(Type.Number()),
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
  service_areas: opt(Type.Array(HsdsServiceAreaSchema)),
  cost_options: opt(Type.Array(HsdsCostOptionSchema)),
  attributes: opt(Type.Array(HsdsAttributeSchema)),
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
export type HsdsLanguage = Static<typeof HsdsLanguageSchema>;
export type HsdsAddress = Static<typeof HsdsAddressSchema>;
export type HsdsAttribute = Static<typeof HsdsAttributeSchema>;
export type HsdsServicePage = Static<typeof HsdsServicePageSchema>;
