import type { Kysely } from 'kysely';

/**
 * A person's email is kept sealed (`email_sealed`, AES-256-GCM under a key derived from the
 * master key) and found at sign-in by a blind index (`email_index`, an HMAC of the normalized
 * address): the database alone no longer says who the volunteers are. The old column becomes
 * the index, keeping its uniqueness; its rows still hold the address in clear until the store
 * is next opened with the master key, which seals them (`AccountRepository.sealPlainEmails`):
 * a migration never sees the key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('people').renameColumn('email', 'email_index').execute();
  await db.schema.alterTable('people').addColumn('email_sealed', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('people').dropColumn('email_sealed').execute();
  await db.schema.alterTable('people').renameColumn('email_index', 'email').execute();
}
