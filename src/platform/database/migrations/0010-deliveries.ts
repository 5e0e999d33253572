import type { Kysely } from 'kysely';

/**
 * Outgoing messages (mail, text messages, push), each run as a one-off job. The payload holds
 * the recipient and the content only while the message waits: it is erased when the message is
 * sent or given up on, leaving the masked recipient, state and error code for the operator.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    // The sender's name for this message: the same key twice sends once.
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('recipient_mask', 'text', (c) => c.notNull())
    // JSON `{ to, ... }` while pending; null once sent or dead.
    .addColumn('payload', 'text')
    // pending, sent or dead.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .execute();
  await db.schema
    .createIndex('deliveries_state_idx')
    .on('deliveries')
    .columns(['state', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deliveries').execute();
}
