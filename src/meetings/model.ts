/**
 * The meeting model: plain data, no I/O. Every import format maps into these types and every
 * export maps out of them, so a field means the same thing whichever door it came through.
 */

/** How a person can attend. A phone dial-in is recorded in `online.phone`, not here. */
export const attendanceModes = ['in_person', 'online', 'hybrid'] as const;
export type Attendance = (typeof attendanceModes)[number];

export const meetingStatuses = ['active', 'temporarily_closed', 'inactive'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** What a group helps with, across programs: people ask for "gambling help", not for "GA". */
export const focusAreas = [
  'alcohol',
  'drugs',
  'gambling',
  'sex_and_love',
  'food',
  'co_dependency',
  'family_and_friends',
  'behaviour',
] as const;
export type Focus = (typeof focusAreas)[number];

/** 0 = Sunday ... 6 = Saturday, as in the Meeting Guide format and JavaScript's Date. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Which week of the month: 1-5, or -1 for the last one. */
export type WeekOfMonth = 1 | 2 | 3 | 4 | 5 | -1;

interface TimedRecurrence {
  day: Weekday;
  /** Local wall-clock start, `HH:MM`, 24-hour. */
  start: string;
  durationMinutes: number;
}

export interface WeeklyRecurrence extends TimedRecurrence {
  kind: 'weekly';
}

/** Every other week, on the weeks that contain `anchorDate` (a `YYYY-MM-DD` on `day`). */
export interface BiweeklyRecurrence extends TimedRecurrence {
  kind: 'biweekly';
  anchorDate: string;
}

/** The nth (or last) given weekday of each month, e.g. the first Sunday. */
export interface MonthlyRecurrence extends TimedRecurrence {
  kind: 'monthly';
  week: WeekOfMonth;
}

export interface ByAppointment {
  kind: 'by_appointment';
}

export type Recurrence = WeeklyRecurrence | BiweeklyRecurrence | MonthlyRecurrence | ByAppointment;
export type TimedRecurrenceKind = Exclude<Recurrence, ByAppointment>;

export interface Address {
  street?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface Place {
  /** Venue name, e.g. "St. Mark's Church". */
  name?: string;
  address: Address;
  formattedAddress?: string;
  latitude?: number;
  longitude?: number;
  /**
   * Set when the source gave an address but no coordinates and we found them: `address` from
   * the operator's geocoder (the door, near enough), `postal_code` or `town` from the offline
   * gazetteer (the centre of the ZIP code or town: good for "near", not for a pin). Absent when
   * the coordinates are the source's own.
   */
  geocoded?: GeocodedFrom;
  /** True when the address names only a town or area (common for online meetings). */
  approximate: boolean;
  notes?: string;
  wheelchairAccessible?: boolean;
  accessibilityNotes?: string;
  /** Region path from the widest to the narrowest, e.g. ["Franklin County", "Greenfield"]. */
  regions: string[];
}

/** Where coordinates we found came from (see Place.geocoded). */
export const geocodedFrom = ['address', 'postal_code', 'town'] as const;
export type GeocodedFrom = (typeof geocodedFrom)[number];

/**
 * True when a place's coordinates are only a ZIP code's or a town's centre: they may place the
 * meeting in a search near a place, but a map pin, directions or duplicate matching need better.
 */
export function hasApproximateCoordinates(place: Pick<Place, 'geocoded'>): boolean {
  return place.geocoded === 'postal_code' || place.geocoded === 'town';
}

/** The coordinates a feed may pass on: the source's own or an address geocoder's, not a centre. */
export function exportableCoordinates(
  place: Pick<Place, 'latitude' | 'longitude' | 'geocoded'>,
): { latitude: number; longitude: number } | undefined {
  if (place.latitude === undefined || place.longitude === undefined) return undefined;
  if (hasApproximateCoordinates(place)) return undefined;
  return { latitude: place.latitude, longitude: place.longitude };
}

export interface Online {
  /** Any https URL. */
  url?: string;
  /** A recognised provider, for display ("zoom", "google_meet", ...). */
  provider?: string;
  urlNotes?: string;
  /** A dial string for `tel:`; access codes follow commas (pauses), e.g. `+16465588656,,123#`. */
  phone?: string;
  phoneNotes?: string;
}

export interface Contact {
  name?: string;
  email?: string;
  phone?: string;
}

export interface Group {
  name?: string;
  /** The group's id in its source, so meetings of one group can be gathered. */
  sourceId?: string;
  notes?: string;
  district?: string;
  website?: string;
  email?: string;
  phone?: string;
  contacts: Contact[];
  /** Contacts are shown or exported only when the group has made them public. */
  contactsPublic: boolean;
}

export const contributionKinds = ['venmo', 'paypal', 'square', 'cashapp', 'zelle', 'url'] as const;
export type ContributionKind = (typeof contributionKinds)[number];

export interface Contribution {
  kind: ContributionKind;
  /** A handle (`@group`) or a URL, as the group published it. */
  value: string;
}

/** The service entity (intergroup, area, district) that publishes the meeting. */
export interface Entity {
  name?: string;
  email?: string;
  phone?: string;
  url?: string;
  location?: string;
  logo?: string;
}

export interface Provenance {
  sourceId: string;
  /** The meeting's slug in its source: the key a refresh matches on. */
  sourceSlug: string;
  /** The meeting's page in its source, when it has one. */
  sourceUrl?: string;
  /** When the source says it last changed the meeting (ISO 8601). */
  sourceUpdatedAt?: string;
  lastFetchedAt: string;
  /** When a person last confirmed the meeting is accurate (ISO 8601). */
  lastVerifiedAt?: string;
  /** Fields the source sent that the model has no place for, kept verbatim. */
  extra: Record<string, unknown>;
}

/** What an import or an edit supplies; ids, slugs and timestamps are assigned by storage. */
export interface MeetingDraft {
  name: string;
  program: string;
  /** Type codes of the meeting's program (never compared across programs). */
  types: string[];
  /** BCP-47 tags, e.g. "en", "es", "fr-CA", "ase" (American Sign Language). */
  languages: string[];
  focus: Focus[];
  attendance: Attendance;
  status: MeetingStatus;
  /** IANA zone in which every recurrence's local start time is read. */
  timeZone: string;
  schedule: Recurrence[];
  place: Place;
  online: Online;
  group: Group;
  notes?: string;
  contributions: Contribution[];
  entity?: Entity;
  provenance: Provenance;
}

export interface Meeting extends MeetingDraft {
  id: string;
  /** Our slug: stable across refreshes, used in URLs, bookmarks and favourites. */
  slug: string;
  createdAt: string;
  updatedAt: string;
}
