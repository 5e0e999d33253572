/**
 * The resource directory's tables as Kysely sees them (created by migration 0040). Structured
 * parts are JSON text, as elsewhere, so SQLite and PostgreSQL read the same rows.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';

export interface ResourceSourcesTable {
  id: string;
  name: string;
  format: string;
  location: string;
  created_at: string;
  last_import_at: string | null;
  /** JSON of the last import's report (counts and problems). */
  last_report: string | null;
  /** 1 when published (migration 0042). */
  public: number;
  /** The center whose staff keep the source, if any (migration 0044). */
  center_id: string | null;
  /** JSON of the validators the server sent with the snapshot last applied (migration 0044). */
  http_validators: string | null;
}

/** Organizations, services and locations share this shape; `data` holds the rest as JSON. */
export interface ResourceRecordTable {
  id: string;
  source_id: string;
  source_key: string;
  name: string;
  data: string;
  updated_at: string;
}

export interface ResourceServiceAtLocationsTable {
  id: string;
  source_id: string;
  service_id: string;
  location_id: string;
  data: string;
}

export interface ResourceServiceNeedsTable {
  service_id: string;
  need: string;
  source_id: string;
}

export interface ResourceTables {
  resource_sources: ResourceSourcesTable;
  resource_organizations: ResourceRecordTable;
  resource_services: ResourceRecordTable;
  resource_locations: ResourceRecordTable;
  resource_service_at_locations: ResourceServiceAtLocationsTable;
  resource_service_needs: ResourceServiceNeedsTable;
}

export type ResourceDatabase = Database & ResourceTables;

/** The same connection (or transaction), typed with the directory's tables. */
export function withResourceTables(db: Kysely<Database>): Kysely<ResourceDatabase> {
  return db as unknown as Kysely<ResourceDatabase>; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- the tables exist from migration 0040 on
}
