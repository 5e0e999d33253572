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
  /** JSON `{ location, etag?, lastModified? }` of the last snapshot applied from a URL. */
  http_validators?: string | null;
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

/** What one store revision touched (migration 0031): meeting ids as JSON arrays. */
export interface RevisionChangesTable {
  revision: number;
  touched: number;
  upserted: string;
  removed: string;
}

export interface ProblemReportsTable {
  id: string;
  meeting_id: string;
  kind: string;
  message: string;
  created_at: string;
}

export interface PeopleTable {
  id: string;
  /** The blind index of the normalized email (an HMAC); the address itself before sealing. */
  email_index: string;
  /** The email sealed under the people's email key; null on a row not sealed yet. */
  email_sealed: string | null;
  display_name: string | null;
  created_at: string;
  last_sign_in_at: string | null;
  disabled_at: string | null;
}

export interface PasskeysTable {
  id: string;
  person_id: string;
  credential_id: string;
  /** COSE key, base64url. */
  public_key: string;
  algorithm: number;
  /** bigint: PostgreSQL drivers may hand it back as a string. */
  sign_count: number | string | bigint;
  /** JSON array of transport hints. */
  transports: string;
  created_at: string;
  last_used_at: string | null;
}

export interface SignInTokensTable {
  token_hash: string;
  person_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  person_id: string;
  method: string;
  device: string | null;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}

export interface WebauthnChallengesTable {
  challenge: string;
  purpose: string;
  person_id: string | null;
  expires_at: string;
}

export interface ServiceBodiesTable {
  id: string;
  name: string;
  kind: string;
  parent_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ServiceBodySourcesTable {
  source_id: string;
  service_body_id: string;
}

export interface RoleGrantsTable {
  id: string;
  person_id: string;
  role: string;
  service_body_id: string | null;
  group_key: string | null;
  granted_by: string | null;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  target_kind: string;
  target_id: string | null;
  /** JSON object; never personal data. */
  details: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  target: string;
  interval_seconds: number | null;
  next_run_at: string | null;
  locked_until: string | null;
  locked_by: string | null;
  consecutive_failures: number;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_outcome: string | null;
  last_error: string | null;
  created_at: string;
}

export interface HeldSnapshotsTable {
  source_id: string;
  held_at: string;
  report: string;
  drafts: string | null;
  http_validators: string | null;
}

export interface MeetingDuplicatesTable {
  meeting_id: string;
  /** Null once the shown meeting is gone, until the next merge. */
  canonical_id: string | null;
  reason: string;
  merged_at: string;
}

export interface DuplicateSplitsTable {
  meeting_id: string;
  other_id: string;
  created_at: string;
}

export interface LinkChecksTable {
  meeting_id: string;
  kind: string;
  target: string;
  result: string;
  http_status: number | null;
  detail: string | null;
  checked_at: string;
}

export interface MeetingHistoryTable {
  id: string;
  /** Entries written by one transaction share it (an import, an approval). */
  change_set: string;
  meeting_id: string;
  slug: string;
  source_id: string;
  action: string;
  actor_id: string | null;
  actor_source_id: string | null;
  at: string;
  /** JSON `[{ field, before?, after? }]`. */
  changes: string;
  /** JSON of the whole meeting, for additions and removals. */
  snapshot: string | null;
  /** The entry this one undid (a revert or a restore). */
  undoes: string | null;
}

export interface MeetingOverridesTable {
  meeting_id: string;
  field: string;
  /** JSON of the editor's value; `base` the upstream value it replaced. */
  value: string;
  base: string;
  editor_id: string | null;
  at: string;
  /** JSON `{ before, after }` of an upstream change to an overridden field, until resolved. */
  conflict: string | null;
  conflict_at: string | null;
}

export interface MeetingTombstonesTable {
  source_id: string;
  source_slug: string;
  meeting_id: string;
  deleted_at: string;
}

export interface ChangeRequestsTable {
  id: string;
  kind: string;
  meeting_id: string | null;
  service_body_id: string | null;
  changes: string;
  draft: string | null;
  note: string | null;
  /** The submitter's address in the clear, only on rows written before 0013 (sealed on open). */
  email: string | null;
  /** The submitter's address for the outcome, sealed (0013); cleared when the request closes. */
  email_sealed: string | null;
  /** The language the submitter used, for the outcome mail. */
  locale: string;
  status: string;
  reason: string | null;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
}

/** A source an operator removed, kept until it is restored. */
export interface RemovedSourcesTable {
  id: string;
  name: string;
  removed_at: string;
  removed_by: string | null;
  /** The change set of its meetings' deletions in `meeting_history`. */
  change_set: string;
  /** JSON of the source as it was (settings and last report). */
  source: string;
  interval_seconds: number | null;
  service_body_id: string | null;
  meeting_count: number;
}

/** A public form's token once used (its hash), kept until the token would have expired. */
export interface UsedFormTokensTable {
  token_hash: string;
  expires_at: string;
}

export interface KyselyMigrationRow {
  name: string;
  timestamp: string;
}

export interface GeocodeCacheTable {
  query_key: string;
  /** JSON `{ latitude, longitude }`, or null when the geocoder found nothing. */
  result: string | null;
  created_at: string;
}

export interface DeliveriesTable {
  id: string;
  channel: string;
  idempotency_key: string;
  recipient_mask: string;
  /** Sealed JSON while pending (plain in rows queued before sealing); null once sent or dead. */
  payload: string | null;
  /** The payload's data key, wrapped by the master key; null when there is no payload. */
  payload_key: string | null;
  /** The id of the master key that wrapped `payload_key`. */
  payload_key_id: string | null;
  state: string;
  attempts: number;
  last_error_code: string | null;
  created_at: string;
  updated_at: string;
  next_attempt_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  token_hash: string;
  person_id: string;
  center_id: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface TextlineOptOutsTable {
  sender_key: string;
  opted_out_at: string;
}

export interface Database {
  sources: SourcesTable;
  meetings: MeetingsTable;
  store_meta: StoreMetaTable;
  revision_changes: RevisionChangesTable;
  problem_reports: ProblemReportsTable;
  people: PeopleTable;
  passkeys: PasskeysTable;
  sign_in_tokens: SignInTokensTable;
  sessions: SessionsTable;
  webauthn_challenges: WebauthnChallengesTable;
  service_bodies: ServiceBodiesTable;
  service_body_sources: ServiceBodySourcesTable;
  role_grants: RoleGrantsTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  held_snapshots: HeldSnapshotsTable;
  meeting_duplicates: MeetingDuplicatesTable;
  duplicate_splits: DuplicateSplitsTable;
  link_checks: LinkChecksTable;
  meeting_history: MeetingHistoryTable;
  meeting_overrides: MeetingOverridesTable;
  meeting_tombstones: MeetingTombstonesTable;
  change_requests: ChangeRequestsTable;
  used_form_tokens: UsedFormTokensTable;
  removed_sources: RemovedSourcesTable;
  geocode_cache: GeocodeCacheTable;
  deliveries: DeliveriesTable;
  api_tokens: ApiTokensTable;
  textline_opt_outs: TextlineOptOutsTable;
}

export type { Generated };
