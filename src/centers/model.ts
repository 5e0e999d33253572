/**
 * The center desk's model: centers (tenants), their staff and what each role may do. Plain data,
 * no I/O. Members, encounters and assessments have their own folders.
 */
import type { GeocodedFrom } from '../meetings/model.js';

export const staffRoles = ['admin', 'supervisor', 'coach', 'volunteer'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface Center {
  id: string;
  /** The center's address in URLs and commands (`franklin`). */
  slug: string;
  name: string;
  createdAt: string;
  /** The IANA time zone of the center's days (today's desk, report periods, follow-ups). */
  timeZone: string;
  /** Where the center is, once its administrators say (its public groups meet there). */
  place?: CenterPlace;
  /** The local source its public groups are listed in, once it has listed any. */
  listingSourceId?: string;
}

/** Where the center is: the address its public groups are listed at. */
export interface CenterPlace {
  street?: string;
  city: string;
  /** State or province, e.g. `MA`. */
  region?: string;
  postalCode?: string;
  country?: string;
  /**
   * Where the address was found when it was set, kept so that listing the center's groups asks
   * no geocoder again; absent when nothing could place it yet.
   */
  located?: CenterPoint;
}

/** The point of a center's address, and how it was found. */
export interface CenterPoint {
  latitude: number;
  longitude: number;
  from: GeocodedFrom;
  /**
   * Found offline while the operator's geocoder could not be asked: the daily listing pass
   * asks it again; saves do not.
   */
  retry?: true;
}

/** The parts of a center's address a person types. */
export type CenterAddressField = Exclude<keyof CenterPlace, 'located'>;

export interface StaffMembership {
  centerId: string;
  personId: string;
  role: StaffRole;
  createdAt: string;
}

/** Who is acting in which center, in which role: every desk service takes one. */
export interface CenterAccess {
  center: Center;
  personId: string;
  role: StaffRole;
}

/**
 * What each role may do. A volunteer keeps the front desk (find a member by chosen name, record
 * a check-in) and nothing else; coaches work with members; supervisors also see reports;
 * administrators also manage staff.
 */
export const permissions = {
  'member.find': ['admin', 'supervisor', 'coach', 'volunteer'],
  'checkin.record': ['admin', 'supervisor', 'coach', 'volunteer'],
  'member.read': ['admin', 'supervisor', 'coach'],
  'member.write': ['admin', 'supervisor', 'coach'],
  'encounter.write': ['admin', 'supervisor', 'coach'],
  'assessment.write': ['admin', 'supervisor', 'coach'],
  'member.export': ['admin', 'supervisor', 'coach'],
  'member.erase': ['admin', 'supervisor'],
  'report.read': ['admin', 'supervisor'],
  'shift.manage': ['admin', 'supervisor'],
  'event.manage': ['admin', 'supervisor', 'coach'],
  'resources.read': ['admin', 'supervisor', 'coach'],
  'resources.publish': ['admin', 'supervisor'],
  'center.manage': ['admin'],
  'staff.manage': ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type DeskAction = keyof typeof permissions;

/** True when the role may take the action. */
export function roleMay(role: StaffRole, action: DeskAction): boolean {
  return (permissions[action] as readonly StaffRole[]).includes(role);
}

/** True when a text is one of the staff roles. */
export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (staffRoles as readonly string[]).includes(value);
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** True when a text can be a center's slug: lower-case letters, digits and inner hyphens. */
export function isCenterSlug(value: string): boolean {
  return SLUG.test(value);
}
