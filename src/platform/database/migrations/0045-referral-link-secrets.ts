import type { Kysely } from 'kysely';

/**
 * A referral's link is signed with a secret of its own, sealed under the member's data key
 * (`link_secret`), so rotating the master key, which rewraps that key, leaves every link sent
 * working; erasing the member ends the link with the rest of the record. Referrals made before
 * get theirs at the next rotation.
 *
 * The language a referral was made in, and a shift was signed up for in (`locale`, `en` or
 * `es`), so the reminders about them are written in it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('referrals').addColumn('link_secret', 'text').execute();
  await db.schema.alterTable('referrals').addColumn('locale', 'text').execute();
  await db.schema.alterTable('center_shift_signups').addColumn('locale', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('center_shift_signups').dropColumn('locale').execute();
  await db.schema.alterTable('referrals').dropColumn('locale').execute();
  await db.schema.alterTable('referrals').dropColumn('link_secret').execute();
}
