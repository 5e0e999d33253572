/** The rides tables as Kysely sees them (migration 0055). Sealed columns hold `v1.` text. */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';

export interface RideProgramsTable {
  id: string;
  slug: string;
  name: string;
  owner_kind: string;
  owner_id: string;
  time_zone: string;
  data: string;
  created_at: string;
}

export interface RideCoordinatorsTable {
  program_id: string;
  person_id: string;
}

export interface RideDriversTable {
  id: string;
  program_id: string;
  status: string;
  data: string;
  contact: string;
  data_key: string;
  data_key_id: string;
  link_hash: string;
  created_at: string;
  updated_at: string;
}

export interface RideRequestsTable {
  id: string;
  program_id: string;
  meeting_id: string;
  occurrence_start: string;
  occurrence_end: string;
  data: string;
  status: string;
  driver_id: string | null;
  trip_km: number | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  details: string | null;
  data_key: string | null;
  data_key_id: string | null;
  link_hash: string;
  code_hash: string | null;
  code_attempts: number;
  created_at: string;
  confirmed_at: string | null;
  accepted_at: string | null;
  closed_at: string | null;
  purged_at: string | null;
}

export interface RideOffersTable {
  id: string;
  request_id: string;
  driver_id: string;
  rank: number;
  detour_km: number;
  state: string;
  created_at: string;
  answered_at: string | null;
}

export type RideDatabase = Database & {
  ride_programs: RideProgramsTable;
  ride_coordinators: RideCoordinatorsTable;
  ride_drivers: RideDriversTable;
  ride_requests: RideRequestsTable;
  ride_offers: RideOffersTable;
};

/** The same connection (or transaction), typed with the rides tables. */
export function withRideTables(db: Kysely<Database>): Kysely<RideDatabase> {
  return db as unknown as Kysely<RideDatabase>; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- the tables exist from migration 0055 on
}
