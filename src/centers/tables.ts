/**
 * The center desk's tables as Kysely sees them (created by migration 0020). Columns holding a
 * member's words are sealed text (`v1.<iv>.<ciphertext>`), never plaintext.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';

export interface CentersTable {
  id: string;
  slug: string;
  name: string;
  created_at: string;
  /** IANA time zone (migration 0022). */
  time_zone: string;
  /** The center's public place as JSON (migration 0043), where its public groups meet. */
  place: string | null;
  /** The local source its public groups are listed in (migration 0043). */
  listing_source_id: string | null;
}

export interface CenterStaffTable {
  center_id: string;
  person_id: string;
  role: string;
  created_at: string;
}

export interface CenterMembersTable {
  id: string;
  center_id: string;
  engagement: string;
  profile: string;
  created_at: string;
  updated_at: string;
}

export interface CenterMemberKeysTable {
  member_id: string;
  center_id: string;
  wrapped_key: string;
  master_key_id: string;
  created_at: string;
}

export interface CenterMemberTermsTable {
  center_id: string;
  term: string;
  member_id: string;
}

export interface CenterEncountersTable {
  id: string;
  center_id: string;
  member_id: string;
  type: string;
  occurred_at: string;
  duration_minutes: number;
  note: string | null;
  recorded_by: string | null;
  created_at: string;
}

export interface CenterAssessmentsTable {
  id: string;
  center_id: string;
  member_id: string;
  instrument: string;
  taken_at: string;
  result: string;
  recorded_by: string | null;
  created_at: string;
}

export interface CenterPlanGoalsTable {
  id: string;
  center_id: string;
  member_id: string;
  domain: string;
  content: string;
  due_date: string | null;
  completed_at: string | null;
  recorded_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CenterShiftsTable {
  id: string;
  center_id: string;
  title: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  created_by: string | null;
  created_at: string;
}

export interface CenterShiftSignupsTable {
  shift_id: string;
  center_id: string;
  person_id: string;
  created_at: string;
  /** The language of the sign-up, `en` or `es`: the reminder's (migration 0045). */
  locale: string | null;
}

export interface CenterEventsTable {
  id: string;
  center_id: string;
  title: string;
  kind: string;
  description: string | null;
  program: string | null;
  repeat: string;
  week_of_month: number | null;
  starts_on: string;
  ends_on: string | null;
  start_time: string;
  duration_minutes: number;
  visibility: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CenterAccessLogTable {
  id: string;
  center_id: string;
  at: string;
  actor_id: string | null;
  action: string;
  member_id: string;
}

export interface CenterTables {
  centers: CentersTable;
  center_staff: CenterStaffTable;
  center_members: CenterMembersTable;
  center_member_keys: CenterMemberKeysTable;
  center_member_terms: CenterMemberTermsTable;
  center_encounters: CenterEncountersTable;
  center_assessments: CenterAssessmentsTable;
  center_plan_goals: CenterPlanGoalsTable;
  center_shifts: CenterShiftsTable;
  center_shift_signups: CenterShiftSignupsTable;
  center_events: CenterEventsTable;
  center_access_log: CenterAccessLogTable;
}

/** The database seen with the desk's tables. */
export type CenterDatabase = Database & CenterTables;

/** The same connection (or transaction), typed with the desk's tables. */
export function withCenterTables(db: Kysely<Database>): Kysely<CenterDatabase> {
  return db as unknown as Kysely<CenterDatabase>; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- the tables exist from migration 0020 on
}
