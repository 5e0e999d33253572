/**
 * A meeting as an HSDS 3.0 service. The mapping (docs/decisions/0011-hsds-export.md):
 * organization = the group (else the service entity that lists it, else the source); service =
 * the meeting; location = the room (physical) and the online room (virtual), each linked by a
 * service_at_location; schedule = one per recurrence; phone = the dial-in. Every id is a UUID
 * derived from ours, so it is the same in every export. Group contacts are never exported.
 */
import { formatAddress } from '../../meetings/address.js';
import { exportableCoordinates, type Meeting, type MeetingStatus } from '../../meetings/model.js';
import { getProgram, typeName } from '../../meetings/programs.js';
import type {
  HsdsLocation,
  HsdsOrganization,
  HsdsPhone,
  HsdsService,
  HsdsServiceListItem,
} from './hsds-schema.js';
import { hsdsSchedule } from './schedule.js';
import { hsdsId } from './uuid.js';

export interface ServiceContext {
  /** Where people reach this server; each service links to its meeting page there. */
  publicUrl: string;
  /** Source id -> the source's name, for organizations named after their source. */
  sourceNames: ReadonlyMap<string, string>;
  /** "Now", for the UTC offset of the next meeting (epoch ms). */
  now: number;
}

const statuses: Record<MeetingStatus, HsdsService['status']> = {
  active: 'active',
  temporarily_closed: 'temporarily closed',
  inactive: 'inactive',
};

/** The HSDS service id of a meeting. */
export function serviceIdOf(meeting: Pick<Meeting, 'id'>): string {
  return hsdsId('service', meeting.id);
}

/** The organization a meeting belongs to. */
export function organizationOf(meeting: Meeting, context: ServiceContext): HsdsOrganization {
  const programName = getProgram(meeting.program)?.name ?? meeting.program;
  const sourceId = meeting.provenance.sourceId;
  const group = meeting.group.sourceId ?? meeting.group.name;
  if (group !== undefined && group !== '') {
    return {
      id: hsdsId('organization', `${sourceId}:group:${group}`),
      name: meeting.group.name ?? meeting.name,
      description: `A group of ${programName}.`,
      ...(httpUrl(meeting.group.website) !== undefined
        ? { website: httpUrl(meeting.group.website)! }
        : {}),
    };
  }
  const entity = meeting.entity?.name;
  if (entity !== undefined && entity !== '') {
    return {
      id: hsdsId('organization', `${sourceId}:entity:${entity}`),
      name: entity,
      description: `Lists ${programName} meetings.`,
      ...(httpUrl(meeting.entity?.url) !== undefined
        ? { website: httpUrl(meeting.entity?.url)! }
        : {}),
    };
  }
  const sourceName = context.sourceNames.get(sourceId) ?? sourceId;
  return {
    id: hsdsId('organization', `${sourceId}:source`),
    name: sourceName,
    description: `Meetings listed by ${sourceName}.`,
  };
}

/** The one-to-one fields of the service: what `/services` lists. */
export function serviceListItem(meeting: Meeting, context: ServiceContext): HsdsServiceListItem {
  const program = getProgram(meeting.program);
  const programName = program?.name ?? meeting.program;
  const typeNames =
    program === undefined ? [] : meeting.types.map((code) => typeName(program, code, 'en'));
  const description = [
    `${programName} meeting (${attendanceText(meeting)}).`,
    typeNames.length > 0 ? `${typeNames.join(', ')}.` : undefined,
    meeting.notes,
  ]
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join(' ');
  const item: HsdsServiceListItem = {
    id: serviceIdOf(meeting),
    organization_id: organizationOf(meeting, context).id,
    name: meeting.name,
    description,
    url: `${context.publicUrl}/meetings/${encodeURIComponent(meeting.slug)}`,
    status: statuses[meeting.status],
    application_process: howToJoin(meeting),
  };
  if (meeting.group.name !== undefined && meeting.group.name !== meeting.name)
    item.alternate_name = meeting.group.name;
  if (meeting.status === 'temporarily_closed') item.alert = 'Temporarily closed.';
  const verified = meeting.provenance.lastVerifiedAt;
  if (verified !== undefined && /^\d{4}-\d{2}-\d{2}/.test(verified))
    item.assured_date = verified.slice(0, 10);
  return item;
}

/** The fully nested service: organization, locations, schedules, dial-in, languages. */
export function fullService(meeting: Meeting, context: ServiceContext): HsdsService {
  const serviceId = serviceIdOf(meeting);
  const locations = locationsOf(meeting);
  return {
    ...serviceListItem(meeting, context),
    organization: organizationOf(meeting, context),
    service_at_locations: locations.map((location) => ({
      id: hsdsId('service_at_location', `${meeting.id}:${location.id}`),
      service_id: serviceId,
      location_id: location.id,
      location,
    })),
    phones: phonesOf(meeting, serviceId),
    schedules: meeting.schedule.map((recurrence, index) =>
      hsdsSchedule(
        recurrence,
        { id: hsdsId('schedule', `${meeting.id}:${index}`), serviceId },
        meeting.timeZone,
        context.now,
      ),
    ),
    languages: meeting.languages.map((code) => ({
      id: hsdsId('language', `${meeting.id}:${code}`),
      service_id: serviceId,
      code,
      ...(languageName(code) !== undefined ? { name: languageName(code)! } : {}),
    })),
  };
}

function locationsOf(meeting: Meeting): HsdsLocation[] {
  const locations: HsdsLocation[] = [];
  const { place, online } = meeting;
  if (meeting.attendance !== 'online') {
    const address = place.formattedAddress ?? formatAddress(place.address);
    // A ZIP code's or town's centre is no room's position.
    const point = exportableCoordinates(place);
    const hasPoint = point !== undefined;
    // Rooms are shared by many meetings: the same venue gets the same location id.
    const key = [
      place.name ?? '',
      address ?? '',
      hasPoint ? `${point.latitude.toFixed(5)},${point.longitude.toFixed(5)}` : '',
    ].join('|');
    const id = hsdsId('location', key);
    const location: HsdsLocation = { id, location_type: 'physical' };
    const name = place.name ?? address;
    if (name !== undefined) location.name = name;
    const description = [place.name !== undefined ? address : undefined, place.notes]
      .filter((p): p is string => p !== undefined && p !== '')
      .join('. ');
    if (description !== '') location.description = description;
    if (hasPoint) {
      location.latitude = point.latitude;
      location.longitude = point.longitude;
    }
    const { street, city, region, postalCode, country } = place.address;
    if (
      street !== undefined &&
      city !== undefined &&
      region !== undefined &&
      postalCode !== undefined &&
      countryCode(country) !== undefined
    ) {
      location.addresses = [
        {
          id: hsdsId('address', key),
          location_id: id,
          address_1: street,
          city,
          state_province: region,
          postal_code: postalCode,
          country: countryCode(country)!,
          address_type: 'physical',
        },
      ];
    }
    if (place.wheelchairAccessible === true || place.accessibilityNotes !== undefined) {
      location.accessibility = [
        {
          id: hsdsId('accessibility', key),
          location_id: id,
          description:
            place.accessibilityNotes ??
            (place.wheelchairAccessible === true ? 'Wheelchair accessible.' : ''),
        },
      ];
    }
    locations.push(location);
  }
  const url = httpUrl(online.url);
  if (meeting.attendance !== 'in_person' && url !== undefined) {
    const location: HsdsLocation = {
      id: hsdsId('virtual_location', meeting.id),
      location_type: 'virtual',
      url,
      name: 'Online',
    };
    if (online.urlNotes !== undefined) location.description = online.urlNotes;
    locations.push(location);
  }
  return locations;
}

function phonesOf(meeting: Meeting, serviceId: string): HsdsPhone[] {
  const dial = meeting.online.phone;
  if (dial === undefined || dial === '') return [];
  // A dial string carries access codes after pauses: the number is what comes before them.
  const [number = dial, ...codes] = dial.split(/[,;]+/);
  const description = [
    'Dial in to join the meeting by phone.',
    codes.length > 0 ? `Access codes: ${codes.join(' ')}.` : undefined,
    meeting.online.phoneNotes,
  ]
    .filter((p): p is string => p !== undefined && p !== '')
    .join(' ');
  return [
    {
      id: hsdsId('phone', meeting.id),
      service_id: serviceId,
      number,
      type: 'voice',
      description,
    },
  ];
}

function howToJoin(meeting: Meeting): string {
  const parts: string[] = [];
  if (meeting.attendance !== 'online') parts.push('Come to the room at the meeting time.');
  if (meeting.attendance !== 'in_person' && meeting.online.url !== undefined)
    parts.push('Join online with the link.');
  if (meeting.online.phone !== undefined) parts.push('Or dial in by phone.');
  parts.push('No sign-up or referral is needed.');
  return parts.join(' ');
}

function attendanceText(meeting: Meeting): string {
  const phone = meeting.online.phone !== undefined ? ', phone dial-in' : '';
  switch (meeting.attendance) {
    case 'in_person':
      return `in person${phone}`;
    case 'online':
      return `online${phone}`;
    case 'hybrid':
      return `in person and online${phone}`;
  }
}

/** Names feeds use for the countries most lists come from, as ISO 3166-1 alpha-2 codes. */
const countryNames: Record<string, string> = {
  usa: 'US',
  'united states': 'US',
  'united states of america': 'US',
  canada: 'CA',
  'united kingdom': 'GB',
  uk: 'GB',
  australia: 'AU',
  'new zealand': 'NZ',
  ireland: 'IE',
  mexico: 'MX',
  méxico: 'MX',
};

/** HSDS wants a two-letter country code; undefined when the name is not one we can tell. */
function countryCode(country: string | undefined): string | undefined {
  if (country === undefined) return undefined;
  const trimmed = country.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  const name = trimmed.toLowerCase().replace(/\./g, '');
  // Own keys only: an address in `Constructor` must not find Object's.
  return Object.hasOwn(countryNames, name) ? countryNames[name] : undefined;
}

function httpUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** A language's English name for HSDS's `name`; undefined when the tag has none. */
export function languageName(code: string): string | undefined {
  try {
    const name = languageNames.of(code);
    return name === code ? undefined : name;
  } catch {
    return undefined;
  }
}
