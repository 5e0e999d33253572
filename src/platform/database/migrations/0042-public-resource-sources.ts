import type { Kysely } from 'kysely';

/**
 * A source of resources is published (served at `/hsds/`, in the public resource finder and
 * the public search API) only when its operator says so: a directory a center keeps for its
 * coaches, or one licensed to it, stays on the desk. Sources held before this stay unpublished.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('resource_sources')
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('resource_sources').dropColumn('public').execute();
}
