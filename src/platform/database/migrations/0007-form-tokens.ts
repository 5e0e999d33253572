import type { Kysely } from 'kysely';

/**
 * Public forms' tokens once used. A suggestion form is good for one suggestion: its token's hash
 * is written in the transaction that stores the suggestion, and the primary key refuses a second
 * use from any process sharing the database. Rows are dropped once the token would have expired.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('used_form_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('used_form_tokens_expiry_idx')
    .on('used_form_tokens')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('used_form_tokens').execute();
}
