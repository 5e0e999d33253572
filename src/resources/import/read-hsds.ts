/**
 * HSDS 3.0 records read into one source's directory. Input is a set of flat collections
 * (organizations, services, locations, service-at-locations), whatever shape they arrived in:
 * nested JSON services, API pages, or the tables of a tabular package (see `hsds-shapes.ts`).
 *
 * A record without its id or name, an id that repeats, or a link to a record the feed does not
 * have is an error: that record is left out, the rest imported. A bad part of a record (a
 * phone, a schedule, coordinates) is a warning: the part is dropped, the record kept.
 */
import { hsdsId } from '../../feeds/hsds/uuid.js';
import { nestsDeeperThan } from '../../feeds/row-depth.js';
import { feedProblemCatalogue, type FeedProblem } from '../../platform/errors.js';
import {
  locationTypes,
  noRecoveryAttributes,
  serviceStatuses,
  type Location,
  type Organization,
  type ResourceDirectory,
  type Service,
  type ServiceAtLocation,
  type ServiceStatus,
} from '../model.js';
import {
  addresses,
  costOptions,
  defined,
  isObject,
  languages,
  list,
  phones,
  readTerm,
  schedules,
  text,
  webUrl,
  type Json,
  type Report,
  type TermReading,
} from './hsds-values.js';

/** A record and where it came from, for located problems. */
export interface Placed {
  value: unknown;
  /** Where a person finds it: `services[3]`, `services[3].organization`. */
  at: string;
  index: number;
  /** The spreadsheet row (a CSV's header is row 1). */
  row?: number;
  /** Came nested inside another record: repeats of its id are the same record, not a clash. */
  nested?: boolean;
}

export interface HsdsCollections {
  organizations: Placed[];
  services: Placed[];
  locations: Placed[];
  serviceAtLocations: Placed[];
}

export interface ResourceReading {
  directory: ResourceDirectory;
  problems: FeedProblem[];
  /** How many services the feed offered (valid or not). */
  rowCount: number;
}

/** Our id of a source's record: the same on every refresh, so links to it stay valid. */
export function resourceId(kind: string, sourceId: string, key: string): string {
  return hsdsId(`resource-${kind}`, `${sourceId}:${key}`);
}

export function readHsdsCollections(input: HsdsCollections, sourceId: string): ResourceReading {
  const problems: FeedProblem[] = [];
  const reporter =
    (record: Placed): Report =>
    (field, code, detail) => {
      const entry = feedProblemCatalogue[code];
      problems.push({
        index: record.index,
        ...(record.row !== undefined ? { row: record.row } : {}),
        field: [record.at, field].filter((part) => part !== '').join('.'),
        code,
        severity: entry.severity,
        message: detail === undefined ? entry.message : `${entry.message} (${detail})`,
      });
    };

  /** The records of one kind with an id, first of each id; a repeated top-level id is an error. */
  function unique(records: Placed[]): Map<string, { record: Placed; json: Json }> {
    const byKey = new Map<string, { record: Placed; json: Json }>();
    for (const record of records) {
      const report = reporter(record);
      // First of all: nothing below may walk a record nested past the limit (row-depth.ts).
      if (nestsDeeperThan(record.value)) {
        report('', 'PL_ROW_TOO_DEEP');
        continue;
      }
      if (!isObject(record.value)) {
        report('', 'PL_ROW_NOT_OBJECT');
        continue;
      }
      const key = text(record.value.id);
      if (key === undefined) {
        report('id', 'PL_MISSING_FIELD');
        continue;
      }
      if (byKey.has(key)) {
        if (record.nested !== true) report('id', 'PL_DUPLICATE_ID', key);
        continue;
      }
      byKey.set(key, { record, json: record.value });
    }
    return byKey;
  }

  const organizations = new Map<string, Organization>();
  for (const [key, { record, json }] of unique(input.organizations)) {
    const report = reporter(record);
    const name = text(json.name);
    if (name === undefined) {
      report('name', 'PL_MISSING_FIELD');
      continue;
    }
    organizations.set(
      key,
      defined({
        id: resourceId('organization', sourceId, key),
        sourceId,
        sourceKey: key,
        name,
        description: text(json.description),
        website: webUrl(json.website, 'website', report),
        email: text(json.email),
        phones: phones(json.phones, 'phones', report),
      }),
    );
  }

  const locations = new Map<string, Location>();
  for (const [key, { record, json }] of unique(input.locations)) {
    const report = reporter(record);
    const type = text(json.location_type);
    const organization = organizations.get(text(json.organization_id) ?? '');
    locations.set(
      key,
      defined({
        id: resourceId('location', sourceId, key),
        sourceId,
        sourceKey: key,
        organizationId: organization?.id,
        locationType: (locationTypes as readonly string[]).includes(type ?? '')
          ? (type as Location['locationType'])
          : 'physical',
        name: text(json.name),
        description: text(json.description),
        ...coordinates(json, report),
        addresses: addresses(json.addresses, 'addresses', report),
        accessibility: list(json.accessibility)
          .map((a) => (isObject(a) ? text(a.description) : text(a)))
          .filter((a): a is string => a !== undefined),
        languages: languages(json.languages, 'languages', report),
        phones: phones(json.phones, 'phones', report),
        schedules: schedules(json.schedules, 'schedules', report),
      }),
    );
  }

  const services = new Map<string, Service>();
  for (const [key, { record, json }] of unique(input.services)) {
    const report = reporter(record);
    const name = text(json.name);
    if (name === undefined) {
      report('name', 'PL_MISSING_FIELD');
      continue;
    }
    const organizationKey =
      text(json.organization_id) ??
      text(isObject(json.organization) ? json.organization.id : undefined);
    if (organizationKey === undefined) {
      report('organization_id', 'PL_MISSING_FIELD');
      continue;
    }
    const organization = organizations.get(organizationKey);
    if (organization === undefined) {
      report('organization_id', 'PL_UNKNOWN_REFERENCE', organizationKey);
      continue;
    }
    const status = text(json.status) ?? 'active';
    if (!(serviceStatuses as readonly string[]).includes(status)) {
      report('status', 'PL_INVALID_FIELD', status);
    }
    const terms: TermReading = { needs: [], recovery: noRecoveryAttributes(), serves: [] };
    list(json.attributes).forEach((attribute, i) => {
      if (!isObject(attribute)) return;
      const term = isObject(attribute.taxonomy_term) ? attribute.taxonomy_term : undefined;
      const codes = [text(term?.code), text(term?.name), text(attribute.taxonomy_term_id)];
      const known = codes.some((c) => c !== undefined && readTerm(c, text(attribute.value), terms));
      const said = codes.find((c) => c !== undefined);
      if (!known && said !== undefined) report(`attributes[${i}]`, 'PL_UNKNOWN_TERM', said);
    });
    const minimumAge = age(json.minimum_age);
    const maximumAge = age(json.maximum_age);
    services.set(
      key,
      defined({
        id: resourceId('service', sourceId, key),
        sourceId,
        sourceKey: key,
        organizationId: organization.id,
        name,
        alternateName: text(json.alternate_name),
        description: text(json.description),
        url: webUrl(json.url, 'url', report),
        email: text(json.email),
        status: (serviceStatuses as readonly string[]).includes(status)
          ? (status as ServiceStatus)
          : 'active',
        applicationProcess: text(json.application_process),
        languages: languages(json.languages, 'languages', report),
        phones: phones(json.phones, 'phones', report),
        schedules: schedules(json.schedules, 'schedules', report),
        eligibility: defined({
          description: text(json.eligibility_description),
          minimumAge,
          maximumAge,
          serves: [...new Set(terms.serves)],
        }),
        costOptions: costOptions(json.cost_options, 'cost_options', report),
        needs: terms.needs,
        recovery: terms.recovery,
        serviceAreas: list(json.service_areas).flatMap((area) => {
          const areaName = isObject(area) ? text(area.name) : text(area);
          if (areaName === undefined) return [];
          const description = isObject(area) ? text(area.description) : undefined;
          return [defined({ name: areaName, description })];
        }),
      }),
    );
  }

  const offeredServiceKeys = new Set(
    input.services.map((s) => (isObject(s.value) ? text(s.value.id) : undefined)),
  );
  const serviceAtLocations: ServiceAtLocation[] = [];
  const seenLinks = new Set<string>();
  for (const [key, { record, json }] of unique(input.serviceAtLocations)) {
    const report = reporter(record);
    const serviceKey = text(json.service_id);
    const locationKey = text(json.location_id);
    const service = services.get(serviceKey ?? '');
    const location = locations.get(locationKey ?? '');
    if (service === undefined) {
      // A link from a service that was itself left out says nothing new.
      if (!offeredServiceKeys.has(serviceKey)) {
        report(
          'service_id',
          serviceKey === undefined ? 'PL_MISSING_FIELD' : 'PL_UNKNOWN_REFERENCE',
          serviceKey,
        );
      }
      continue;
    }
    if (location === undefined) {
      report(
        'location_id',
        locationKey === undefined ? 'PL_MISSING_FIELD' : 'PL_UNKNOWN_REFERENCE',
        locationKey,
      );
      continue;
    }
    if (seenLinks.has(`${service.id} ${location.id}`)) continue;
    seenLinks.add(`${service.id} ${location.id}`);
    serviceAtLocations.push(
      defined({
        id: resourceId('service-at-location', sourceId, key),
        sourceId,
        sourceKey: key,
        serviceId: service.id,
        locationId: location.id,
        description: text(json.description),
        phones: phones(json.phones, 'phones', report),
        schedules: schedules(json.schedules, 'schedules', report),
      }),
    );
  }

  problems.sort((a, b) => a.index - b.index);
  return {
    directory: {
      organizations: [...organizations.values()],
      services: [...services.values()],
      locations: [...locations.values()],
      serviceAtLocations,
    },
    problems,
    rowCount: input.services.length,
  };
}

function age(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 130 ? n : undefined;
}

/** Both coordinates in range, or neither (with a warning when they were given but impossible). */
function coordinates(json: Json, report: Report): { latitude?: number; longitude?: number } {
  const lat = typeof json.latitude === 'string' ? Number(json.latitude) : json.latitude;
  const lng = typeof json.longitude === 'string' ? Number(json.longitude) : json.longitude;
  if (lat === undefined || lat === null || lng === undefined || lng === null) return {};
  if (json.latitude === '' || json.longitude === '') return {};
  if (
    typeof lat !== 'number' ||
    typeof lng !== 'number' ||
    !Number.isFinite(lat) ||
    !Number.isFinite(lng) ||
    Math.abs(lat) > 90 ||
    Math.abs(lng) > 180
  ) {
    report(
      'latitude',
      'PL_INVALID_COORDINATES',
      `${String(json.latitude)}, ${String(json.longitude)}`,
    );
    return {};
  }
  return { latitude: lat, longitude: lng };
}
