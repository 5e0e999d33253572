import type { Generated } from 'kysely';

/**
 * Table shapes as Kysely sees them. Timestamps are ISO 8601 text and structured fields are JSON
 * text in both dialects, so one codebase reads and writes SQLite and PostgreSQL alike.
 */
export interface SourcesTable {
  id: string;
  name: string;
  format: string;
  program: string;
  location: string | null;
  default_time_zone: string | null;
  created_at: string;
  last_import_at: string | null;
  last_report: string | null;
}

export interface MeetingsTable {
  id: string;
  slug: string;
  source_id: string;
  source_slug: string;
  program: string;
  name: string;
  attendance: string;
  status: string;
  time_zone: string;
  /** The rest of the meeting as JSON (schedule, place, online, group, types, ...). */
  data: string;
  /** Hash of the imported content: an unchanged row is recognised without comparing fields. */
  content_hash: string;
  source_updated_at: string | null;
  last_fetched_at: string;
  last_verified_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface StoreMetaTable {
  key: string;
  value: string;
}

export interface ProblemReportsTable {
  id: string;
  meeting_id: string;
  kind: string;
  message: string;
  created_at: string;
}

export interface KyselyMigrationRow {
  name: string;
  timestamp: string;
}

export interface Database {
  sources: SourcesTable;
  meetings: MeetingsTable;
  store_meta: StoreMetaTable;
  problem_reports: ProblemReportsTable;
}

export type { Generated };
