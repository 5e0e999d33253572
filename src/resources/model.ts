/**
 * The resource directory: what a recovery center refers people to (treatment, medication for
 * opioid use disorder, recovery housing, food, legal aid, rides, ...), in the shape of HSDS 3.0
 * (Open Referral) so it imports and exports without loss of what matters here. Pure types and
 * pure functions; the decision behind the shape is docs/decisions/0097-resource-directory-model.md.
 *
 * An organization offers services; a service is offered at locations (service-at-location, which
 * may carry its own hours and phones); everything is kept per source, so a refresh replaces one
 * source's records and nothing else.
 */
import type { NeedCode } from './needs.js';

export const serviceStatuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

export const locationTypes = ['physical', 'postal', 'virtual'] as const;
export type LocationType = (typeof locationTypes)[number];

export const phoneTypes = ['voice', 'text', 'fax', 'cell', 'video', 'pager', 'textphone'] as const;
export type PhoneType = (typeof phoneTypes)[number];

/** How a service is paid for: what a member asks first ("is it free? do they take Medicaid?"). */
export const costKinds = [
  'free',
  'sliding_scale',
  'insurance',
  'medicaid',
  'medicare',
  'self_pay',
] as const;
export type CostKind = (typeof costKinds)[number];

/** The medications for opioid use disorder a service offers. */
export const moudKinds = ['methadone', 'buprenorphine', 'naltrexone'] as const;
export type MoudKind = (typeof moudKinds)[number];

/** The people a service is for (beyond everyone): the "serves" filters of a finder. */
export const servedGroups = [
  'women',
  'men',
  'youth',
  'seniors',
  'families',
  'veterans',
  'lgbtq',
  'pregnant',
  'justice_involved',
] as const;
export type ServedGroup = (typeof servedGroups)[number];

/** The National Alliance for Recovery Residences levels of support (I peer-run ... IV clinical). */
export const narrLevels = [1, 2, 3, 4] as const;
export type NarrLevel = (typeof narrLevels)[number];

export const weekdayCodes = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
export type WeekdayCode = (typeof weekdayCodes)[number];

export interface Phone {
  number: string;
  type?: PhoneType;
  extension?: string;
  description?: string;
}

export interface Address {
  type: LocationType;
  address1: string;
  address2?: string;
  city: string;
  /** State or province (HSDS `state_province`). */
  region: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/**
 * Opening hours, the subset of HSDS's RFC 5545-style schedule a person reads: on these weekdays
 * (weekly, or the nth weekday of a month) from `opensAt` to `closesAt` local time.
 */
export interface Schedule {
  freq: 'WEEKLY' | 'MONTHLY';
  byDay: WeekdayCode[];
  /** For MONTHLY: which occurrence of the weekday (1-5, or -1 for the last). */
  weekOfMonth?: number;
  /** `HH:MM`, local time. */
  opensAt?: string;
  /** `HH:MM`, local time; before `opensAt` means past midnight. */
  closesAt?: string;
  /** IANA zone; the location's zone when absent. */
  timeZone?: string;
  validFrom?: string;
  validTo?: string;
  description?: string;
}

export interface CostOption {
  kind: CostKind;
  description?: string;
  amount?: number;
  currency?: string;
}

export interface Eligibility {
  description?: string;
  minimumAge?: number;
  maximumAge?: number;
  serves: ServedGroup[];
}

/** What a recovery center asks of a service that a generic directory does not record. */
export interface RecoveryAttributes {
  moud: MoudKind[];
  /** Takes people who are on medication for opioid use disorder (many residences still do not). */
  acceptsMoud?: boolean;
  naloxone: boolean;
  /** A recovery residence's NARR level. */
  narrLevel?: NarrLevel;
  walkIn: boolean;
  sameDay: boolean;
  telehealth: boolean;
}

export interface ServiceArea {
  name: string;
  description?: string;
}

export interface Organization {
  id: string;
  sourceId: string;
  /** The source's own id for it. */
  sourceKey: string;
  name: string;
  description?: string;
  website?: string;
  email?: string;
  phones: Phone[];
}

export interface Service {
  id: string;
  sourceId: string;
  sourceKey: string;
  organizationId: string;
  name: string;
  alternateName?: string;
  description?: string;
  url?: string;
  email?: string;
  status: ServiceStatus;
  applicationProcess?: string;
  /** BCP-47 tags. */
  languages: string[];
  phones: Phone[];
  schedules: Schedule[];
  eligibility: Eligibility;
  costOptions: CostOption[];
  needs: NeedCode[];
  recovery: RecoveryAttributes;
  serviceAreas: ServiceArea[];
}

export interface Location {
  id: string;
  sourceId: string;
  sourceKey: string;
  organizationId?: string;
  locationType: LocationType;
  name?: string;
  description?: string;
  latitude?: number;
  longitude?: number;
  addresses: Address[];
  accessibility: string[];
  languages: string[];
  phones: Phone[];
  schedules: Schedule[];
}

export interface ServiceAtLocation {
  id: string;
  sourceId: string;
  sourceKey: string;
  serviceId: string;
  locationId: string;
  description?: string;
  phones: Phone[];
  schedules: Schedule[];
}

/** One source's whole directory, as an import reads it and a refresh replaces it. */
export interface ResourceDirectory {
  organizations: Organization[];
  services: Service[];
  locations: Location[];
  serviceAtLocations: ServiceAtLocation[];
}

/** A registered source of resources (a file, an HSDS API, a spreadsheet). */
export interface ResourceSource {
  id: string;
  name: string;
  format: ResourceFormat;
  location: string;
  createdAt: string;
  lastImportAt?: string;
  /**
   * Published: served at `/hsds/`, in the public finder and the public search API. A source
   * nobody published is seen by the center's staff only (decision 0103).
   */
  public: boolean;
  /** The center whose staff keep it (they see it on the desk and publish it); none: the operator's. */
  centerId?: string;
}

export const resourceFormats = ['hsds', 'hsds-csv', 'csv'] as const;
export type ResourceFormat = (typeof resourceFormats)[number];

/** Recovery attributes a record says nothing about: nothing offered, nothing claimed. */
export function noRecoveryAttributes(): RecoveryAttributes {
  return { moud: [], naloxone: false, walkIn: false, sameDay: false, telehealth: false };
}

/** How many records of each kind a directory holds (what `resources list` prints). */
export function directoryCounts(directory: ResourceDirectory): Record<string, number> {
  return {
    organizations: directory.organizations.length,
    services: directory.services.length,
    locations: directory.locations.length,
    serviceAtLocations: directory.serviceAtLocations.length,
  };
}
