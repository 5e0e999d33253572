import type { Kysely } from 'kysely';

/**
 * Calendar subscriptions of the personal space (decision 0135): one row per device that asked
 * for reminders, found by the SHA-256 of the secret in its feed's address, holding the saved
 * meetings and the reminder's lead sealed under a key derived from that secret. Without the
 * address, the row reads as nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('space_calendars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('space_calendars').execute();
}
