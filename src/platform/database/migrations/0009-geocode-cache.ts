import type { Kysely } from 'kysely';

/**
 * Answers of the operator's address geocoder, kept so that a refresh of an unchanged feed asks
 * it nothing: `query_key` names the provider and the normalised address; `result` is the JSON
 * point, or null when the geocoder found nothing (asked again once that answer is old).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('geocode_cache')
    .addColumn('query_key', 'text', (c) => c.primaryKey())
    .addColumn('result', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('geocode_cache').execute();
}
