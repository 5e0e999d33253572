import type { Kysely } from 'kysely';

/**
 * Sources an operator removed, kept so they can be restored. The meetings themselves are in
 * `meeting_history` (one deletion each, with the meeting's last state, sharing `change_set`);
 * this row keeps what belongs to the source: its settings and last report (`source`, JSON), its
 * refresh interval and the service body that published it. Restoring gives the source its old
 * id back, so the history of its meetings reads on; the row is dropped when it is restored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('removed_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text', (c) => c.notNull())
    // The person who removed it; null: the command line.
    .addColumn('removed_by', 'text')
    .addColumn('change_set', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer')
    .addColumn('service_body_id', 'text')
    .addColumn('meeting_count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('removed_sources_name_idx')
    .on('removed_sources')
    .columns(['name', 'removed_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('removed_sources').execute();
}
