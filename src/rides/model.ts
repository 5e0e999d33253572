/**
 * Volunteer rides to meetings: plain data, no I/O. A ride program belongs to a recovery center
 * or a service body; its approved drivers are offered the rides they can take; a rider asks
 * without an account. See decision 0116.
 */

/** Who runs a ride program. */
export type ProgramOwner =
  { kind: 'center'; centerId: string } | { kind: 'service_body'; serviceBodyId: string };

/** A point on the map, in degrees. */
export interface Point {
  latitude: number;
  longitude: number;
}

/** A circle on the map: where a program serves, or how far from home a driver goes. */
export interface Area extends Point {
  radiusKm: number;
}

/** The rules a program sets. "No cash, ever" is not among them: it holds for every program. */
export interface ProgramRules {
  /** A peer may ride along with the rider when both agree. */
  peerEscort: boolean;
  /** Drivers need a background check on record before approval. */
  backgroundCheckRequired: boolean;
  /** A ride may be asked for at most this many days before the meeting. */
  maxDaysAhead: number;
  /** ...and at least this many hours before it. */
  minHoursAhead: number;
}

export interface RideProgram {
  id: string;
  /** The program's address in URLs (`franklin-rides`). */
  slug: string;
  name: string;
  owner: ProgramOwner;
  /** The zone drivers' on-call hours are read in. */
  timeZone: string;
  area: Area;
  rules: ProgramRules;
  /** People (account ids) who approve drivers and read the trip log, besides the owner's staff. */
  coordinators: string[];
  createdAt: string;
}

/**
 * A weekly on-call window in the program's zone: `day` 0 = Sunday, minutes after local midnight,
 * `end` below `start` when it runs past midnight into the next day.
 */
export interface OnCallWindow {
  day: number;
  start: number;
  end: number;
}

/** What was checked before a driver was approved, when and by whom (never the documents). */
export interface Vetting {
  licenceCheckedOn: string;
  insuranceCheckedOn: string;
  /** Absent when the program's policy does not ask for one and none was done. */
  backgroundCheckedOn?: string;
  checkedBy: string;
}

export const driverStatuses = ['pending', 'approved', 'paused'] as const;
export type DriverStatus = (typeof driverStatuses)[number];

/** How a person (rider or driver) is reached: one channel, one address. */
export type Contact =
  | { channel: 'sms'; phone: string; name?: string }
  | { channel: 'email'; email: string; name?: string };

export interface Driver {
  id: string;
  programId: string;
  status: DriverStatus;
  /** The centre of the driver's home area, rounded to about 1 km: never the house itself. */
  home: Area;
  onCall: OnCallWindow[];
  seats: number;
  wheelchair: boolean;
  vetting?: Vetting;
  createdAt: string;
}

/** A driver with what is sealed: only the program's coordinators and the service open it. */
export interface DriverWithContact extends Driver {
  contact: Contact;
}

export const rideStatuses = [
  /** Asked; the rider has not yet entered the code sent to them. */
  'unconfirmed',
  /** Confirmed by the rider and offered to drivers. */
  'open',
  /** A driver accepted: both sides confirmed, details shown to the driver. */
  'accepted',
  'completed',
  'cancelled',
  'no_show',
  /** No driver could take it (none covered it, or none accepted before the meeting). */
  'unmet',
] as const;
export type RideStatus = (typeof rideStatuses)[number];

/** What a rider asks for, in the clear: nothing here names or places the rider closer than ~1 km. */
export interface RideRequest {
  id: string;
  programId: string;
  meetingId: string;
  /** The occurrence asked for: its start and end (ISO 8601, UTC). */
  occurrenceStart: string;
  occurrenceEnd: string;
  /** The pickup rounded to about 1 km; removed with the exact pickup 30 days after the ride. */
  pickupArea?: Point;
  /** Where the meeting is (the driver's route ends there). */
  meetingPoint: Point;
  returnTrip: boolean;
  wheelchair: boolean;
  passengers: number;
  status: RideStatus;
  driverId?: string;
  /** The driver's whole route (home, pickup, meeting, home; twice with a return trip), in km. */
  tripKm?: number;
  cancelledBy?: 'rider' | 'driver' | 'coordinator';
  createdAt: string;
  confirmedAt?: string;
  acceptedAt?: string;
  closedAt?: string;
}

/** What only the rider and, once accepted, the driver may read: sealed at rest. */
export interface RiderDetails {
  contact: Contact;
  /** The exact pickup, as the rider typed it, with its point. */
  pickup: Point & { text?: string };
  note?: string;
  /** The language messages to the rider are written in. */
  locale: 'en' | 'es';
  /** The rider's page link, so reminders can carry it (the database keeps only its hash). */
  link: string;
}

export const offerStates = ['offered', 'accepted', 'declined', 'withdrawn'] as const;
export type OfferState = (typeof offerStates)[number];

/** A ride offered to one driver, in the order matching ranked them. */
export interface RideOffer {
  id: string;
  requestId: string;
  driverId: string;
  rank: number;
  detourKm: number;
  state: OfferState;
  createdAt: string;
  answeredAt?: string;
}

/** How long the exact pickup and the rider's contact are kept after the ride, in days. */
export const PICKUP_RETENTION_DAYS = 30;
/** How long after the ride the driver still sees the rider's details, in hours. */
export const DETAILS_VISIBLE_HOURS = 24;
