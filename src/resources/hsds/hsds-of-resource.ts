/**
 * A service of the resource directory as an HSDS 3.0 service, the inverse of the import
 * (`import/read-hsds.ts`): what the import reads, this writes, so our `/hsds/` output imports
 * back into another Porchlight (or into us) with nothing lost. Needs are attributes whose
 * taxonomy terms are Open Eligibility's; recovery attributes are terms of our own small
 * vocabulary (`moud:buprenorphine`, `accepts-moud`, `narr-level:2`, `serves:women`, ...).
 * Ids of records are already UUIDs; ids of their parts are derived from them, the same on
 * every answer. Values the HSDS schemas would refuse (an email that is not one) are left out.
 */
import type {
  HsdsAttribute,
  HsdsLanguage,
  HsdsLocation,
  HsdsOrganization,
  HsdsPhone,
  HsdsService,
  HsdsServiceListItem,
} from '../../feeds/hsds/hsds-schema.js';
import type { HsdsSchedule } from '../../feeds/hsds/schedule.js';
import { languageName } from '../../feeds/hsds/service.js';
import { hsdsId } from '../../feeds/hsds/uuid.js';
import { defined } from '../import/hsds-values.js';
import type {
  Location,
  Organization,
  Phone,
  RecoveryAttributes,
  Schedule,
  Service,
  ServiceAtLocation,
} from '../model.js';
import { needByCode } from '../needs.js';

/** A service with what it hangs off: its organization and where it is offered. */
export interface ResourceRecord {
  service: Service;
  organization: Organization;
  links: { at: ServiceAtLocation; location: Location }[];
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

const email = (value: string | undefined) =>
  value !== undefined && emailPattern.test(value) ? value : undefined;

/** The one-to-one fields of the service: what `/services` lists. */
export function resourceListItem(record: ResourceRecord): HsdsServiceListItem {
  const { service, organization } = record;
  const { eligibility } = service;
  return defined<HsdsServiceListItem>({
    id: service.id,
    organization_id: organization.id,
    name: service.name,
    alternate_name: service.alternateName,
    description: service.description,
    url: service.url,
    status: service.status,
    email: email(service.email),
    application_process: service.applicationProcess,
    fees_description: undefined,
    eligibility_description: eligibility.description,
    minimum_age: eligibility.minimumAge,
    maximum_age: eligibility.maximumAge,
    alert: service.status === 'temporarily closed' ? 'Temporarily closed.' : undefined,
    assured_date: undefined,
  });
}

/** The fully nested service. */
export function resourceHsdsService(record: ResourceRecord): HsdsService {
  const { service, organization, links } = record;
  const serviceId = service.id;
  return {
    ...resourceListItem(record),
    organization: organizationOf(organization),
    service_at_locations: links.map(({ at, location }) =>
      defined({
        id: at.id,
        service_id: serviceId,
        location_id: location.id,
        description: at.description,
        phones: phonesOf(at.phones, at.id, {}),
        schedules: schedulesOf(at.schedules, at.id, { service_at_location_id: at.id }),
        location: locationOf(location),
      }),
    ),
    phones: phonesOf(service.phones, serviceId, { service_id: serviceId }),
    schedules: schedulesOf(service.schedules, serviceId, { service_id: serviceId }),
    languages: languagesOf(service.languages, serviceId, { service_id: serviceId }),
    service_areas: service.serviceAreas.map((area, i) =>
      defined({
        id: hsdsId('resource-service-area', `${serviceId}:${i}`),
        service_id: serviceId,
        name: area.name,
        description: area.description,
      }),
    ),
    cost_options: service.costOptions.map((cost, i) =>
      defined({
        id: hsdsId('resource-cost-option', `${serviceId}:${i}`),
        service_id: serviceId,
        option: cost.kind,
        currency: cost.currency,
        amount: cost.amount,
        amount_description: cost.description,
      }),
    ),
    attributes: attributesOf(service),
  };
}

function organizationOf(organization: Organization): HsdsOrganization {
  return defined<HsdsOrganization>({
    id: organization.id,
    name: organization.name,
    // HSDS requires a description; a directory that gave none still names who this is.
    description: organization.description ?? organization.name,
    email: email(organization.email),
    website: organization.website,
    phones: phonesOf(organization.phones, organization.id, {}),
  });
}

function locationOf(location: Location): HsdsLocation {
  const id = location.id;
  return defined<HsdsLocation>({
    id,
    location_type: location.locationType,
    organization_id: location.organizationId,
    name: location.name,
    description: location.description,
    latitude: location.latitude,
    longitude: location.longitude,
    addresses: location.addresses.map((a, i) =>
      defined({
        id: hsdsId('resource-address', `${id}:${i}`),
        location_id: id,
        address_1: a.address1,
        address_2: a.address2,
        city: a.city,
        state_province: a.region,
        postal_code: a.postalCode,
        country: a.country,
        address_type: a.type,
      }),
    ),
    accessibility: location.accessibility.map((description, i) => ({
      id: hsdsId('resource-accessibility', `${id}:${i}`),
      location_id: id,
      description,
    })),
    languages: languagesOf(location.languages, id, { location_id: id }),
    phones: phonesOf(location.phones, id, {}),
    schedules: schedulesOf(location.schedules, id, { location_id: id }),
  });
}

function phonesOf(
  phones: readonly Phone[],
  owner: string,
  link: { service_id?: string },
): HsdsPhone[] {
  return phones.map((phone, i) =>
    defined<HsdsPhone>({
      id: hsdsId('resource-phone', `${owner}:${i}`),
      ...link,
      number: phone.number,
      // HSDS's extension is a number: one with letters or marks stays in the description.
      extension:
        phone.extension !== undefined && /^\d{1,9}$/.test(phone.extension)
          ? Number(phone.extension)
          : undefined,
      type: phone.type,
      description:
        phone.extension !== undefined && !/^\d{1,9}$/.test(phone.extension)
          ? [phone.description, `Extension ${phone.extension}.`].filter(Boolean).join(' ')
          : phone.description,
    }),
  );
}

function schedulesOf(
  schedules: readonly Schedule[],
  owner: string,
  link: { service_id?: string; location_id?: string; service_at_location_id?: string },
): HsdsSchedule[] {
  return schedules.map((s, i) =>
    defined<HsdsSchedule>({
      id: hsdsId('resource-schedule', `${owner}:${i}`),
      ...link,
      freq: s.freq,
      byday:
        s.byDay.length === 0
          ? undefined
          : s.byDay
              .map((day) => (s.weekOfMonth !== undefined ? `${s.weekOfMonth}${day}` : day))
              .join(','),
      opens_at: s.opensAt,
      closes_at: s.closesAt,
      valid_from:
        s.validFrom !== undefined && datePattern.test(s.validFrom) ? s.validFrom : undefined,
      valid_to: s.validTo !== undefined && datePattern.test(s.validTo) ? s.validTo : undefined,
      description: s.description,
      // HSDS gives a zone as a fixed UTC offset, which daylight-saving time breaks: name it.
      notes: s.timeZone !== undefined ? `Times are local to ${s.timeZone}.` : undefined,
    }),
  );
}

function languagesOf(
  tags: readonly string[],
  owner: string,
  link: { service_id?: string; location_id?: string },
): HsdsLanguage[] {
  return tags.map((code) =>
    defined<HsdsLanguage>({
      id: hsdsId('resource-language', `${owner}:${code}`),
      ...link,
      code,
      name: languageName(code),
    }),
  );
}

const openEligibility = 'Open Eligibility (The Open Eligibility Project), CC BY-SA 3.0';
const recoveryVocabulary = 'Porchlight recovery attributes';

/** The recovery attributes a service claims, as terms of our vocabulary with their words. */
function recoveryTerms(recovery: RecoveryAttributes, serves: readonly string[]) {
  const terms: { code: string; name: string; value?: string }[] = [];
  for (const moud of recovery.moud) terms.push({ code: `moud:${moud}`, name: `Offers ${moud}` });
  if (recovery.acceptsMoud !== undefined)
    terms.push({
      code: 'accepts-moud',
      name: 'Accepts people on medication for opioid use disorder',
      value: String(recovery.acceptsMoud),
    });
  if (recovery.naloxone) terms.push({ code: 'naloxone', name: 'Naloxone available' });
  if (recovery.narrLevel !== undefined)
    terms.push({
      code: `narr-level:${recovery.narrLevel}`,
      name: `Recovery residence, NARR level ${recovery.narrLevel}`,
    });
  if (recovery.walkIn) terms.push({ code: 'walk-in', name: 'Walk-in' });
  if (recovery.sameDay) terms.push({ code: 'same-day', name: 'Same-day' });
  if (recovery.telehealth) terms.push({ code: 'telehealth', name: 'Telehealth' });
  for (const group of serves)
    terms.push({ code: `serves:${group.replace(/_/g, '-')}`, name: `Serves ${group}` });
  return terms;
}

function attributesOf(service: Service): HsdsAttribute[] {
  const link = { link_id: service.id, link_entity: 'service' };
  const needs = service.needs.map((code) => {
    const need = needByCode(code);
    const name = need?.name ?? code;
    return defined<HsdsAttribute>({
      id: hsdsId('resource-attribute', `${service.id}:need:${code}`),
      ...link,
      link_type: 'need',
      label: name,
      taxonomy_term: defined({
        id: hsdsId('open-eligibility', code),
        code,
        name,
        description: name,
        parent_id: need?.parent !== undefined ? hsdsId('open-eligibility', need.parent) : undefined,
        taxonomy: openEligibility,
      }),
    });
  });
  const recovery = recoveryTerms(service.recovery, service.eligibility.serves).map((term) =>
    defined<HsdsAttribute>({
      id: hsdsId('resource-attribute', `${service.id}:${term.code}`),
      ...link,
      link_type: 'recovery',
      value: term.value,
      label: term.name,
      taxonomy_term: {
        id: hsdsId('recovery-attribute', term.code),
        code: term.code,
        name: term.name,
        description: term.name,
        taxonomy: recoveryVocabulary,
      },
    }),
  );
  return [...needs, ...recovery];
}
