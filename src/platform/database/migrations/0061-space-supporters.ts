import type { Kysely } from 'kysely';

/**
 * Supporters of the personal space (decision 0114). A row is made when a person's device asks
 * for an invitation, and holds what is needed to reach the supporter once they accept: their
 * channel and language in the clear, their contact (and the secret of their own page) sealed
 * under a data key of the row's own, stored only wrapped by the master key. The person's device
 * token, the invitation's link and the supporter's page link are stored as SHA-256 hashes only;
 * nothing here names the person. A supporter who stops, or an invitation left unanswered, is
 * deleted with its key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('space_supporters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('invite_hash', 'text', (c) => c.unique())
    .addColumn('manage_hash', 'text', (c) => c.unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('locale', 'text')
    .addColumn('contact', 'text')
    // SHA-256 of a push endpoint, to forget the supporter when the push service says it is gone.
    .addColumn('push_hash', 'text')
    .addColumn('data_key', 'text')
    .addColumn('data_key_id', 'text')
    .addColumn('code_hash', 'text')
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('codes_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invite_expires_at', 'text', (c) => c.notNull())
    .addColumn('alert_window_at', 'text')
    .addColumn('alerts_in_window', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('space_supporters_push_idx')
    .on('space_supporters')
    .column('push_hash')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('space_supporters').execute();
}
