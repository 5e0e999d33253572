import type { Kysely } from 'kysely';

/**
 * What each store revision touched (decision 0128): the ids of the meetings a committed write
 * added or updated, and of those it removed, as JSON arrays, written in the same transaction as
 * the revision. A search index saved at an older revision, or a process that heard only the
 * revision number, reads them to bring its index forward instead of rebuilding it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('revision_changes')
    .addColumn('revision', 'integer', (c) => c.primaryKey())
    // How many ids the two lists hold together: the log is kept to a bounded number of ids.
    .addColumn('touched', 'integer', (c) => c.notNull())
    .addColumn('upserted', 'text', (c) => c.notNull())
    .addColumn('removed', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('revision_changes').execute();
}
