import type { Kysely } from 'kysely';

/**
 * The address a member of the public leaves with a suggestion, for its outcome, is kept sealed
 * (`email_sealed`, AES-256-GCM under a key derived from the master key, bound to the request's
 * id), as people's emails are since 0012. The old `email` column stays for rows written before:
 * the store seals them when it is next opened with the master key
 * (`ChangeRequestRepository.sealPlainEmails`); a migration never sees the key. New rows leave it
 * null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('change_requests').addColumn('email_sealed', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('change_requests').dropColumn('email_sealed').execute();
}
