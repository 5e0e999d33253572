/** The demand counts as Kysely sees them (created by migration 0050). */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';

export interface DemandCountsTable {
  /** The cell's south-west corner in tenths of a degree: "426,-727". */
  cell: string;
  /** ISO week: "2026-W50". */
  week: string;
  /** What was asked for and not found: "women", "lang:es", "program:na", "focus:gambling". */
  need: string;
  count: number;
}

export type DemandDatabase = Database & { demand_counts: DemandCountsTable };

/** The same connection (or transaction), typed with the demand table. */
export function withDemandTables(db: Kysely<Database>): Kysely<DemandDatabase> {
  return db as unknown as Kysely<DemandDatabase>; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- the table exists from migration 0050 on
}
