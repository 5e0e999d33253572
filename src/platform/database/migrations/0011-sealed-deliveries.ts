import type { Kysely } from 'kysely';

/**
 * A pending delivery's payload (recipient and content) is sealed under a data key of its own,
 * stored here only wrapped by the master key, with the id of the master key that wrapped it.
 * Both are erased with the payload when the message is sent or given up on. A row queued
 * before this change has no key and its payload is read as it was written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('deliveries').addColumn('payload_key', 'text').execute();
  await db.schema.alterTable('deliveries').addColumn('payload_key_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('deliveries').dropColumn('payload_key_id').execute();
  await db.schema.alterTable('deliveries').dropColumn('payload_key').execute();
}
