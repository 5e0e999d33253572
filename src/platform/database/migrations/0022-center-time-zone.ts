import type { Kysely } from 'kysely';

/**
 * Each center keeps its IANA time zone: "today" at the front desk, a report's days and the
 * follow-up windows are the center's own days, not UTC's. Centers made before this keep UTC
 * until an operator sets theirs (`porchlight center time-zone <slug> <zone>`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('centers')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('centers').dropColumn('time_zone').execute();
}
