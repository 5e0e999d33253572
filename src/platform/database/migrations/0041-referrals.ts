import type { Kysely } from 'kysely';

/**
 * Closed-loop referrals with 42 CFR Part 2 consent. What a referral says about the member (the
 * consent record, what the receiving organization may see, notes on each change) is sealed
 * under the member's own data key (`center_member_keys`), so erasing the member erases these
 * too. In the clear: ids, the center, the service, the need, the FHIR Task status, whether the
 * consent stands, its expiry date, and when each change happened (what reports count).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('need', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('consent_state', 'text', (c) => c.notNull())
    .addColumn('consent_expires_on', 'text')
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('shared', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('first_answer_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('referrals_center_idx')
    .on('referrals')
    .columns(['center_id', 'created_at'])
    .execute();
  await db.schema.createIndex('referrals_member_idx').on('referrals').column('member_id').execute();

  await db.schema
    .createTable('referral_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) =>
      c.notNull().references('referrals.id').onDelete('cascade'),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    // `staff` (with actor_id) or `recipient` (the receiving organization, through its link).
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('referral_events_referral_idx')
    .on('referral_events')
    .columns(['referral_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('referral_events').ifExists().execute();
  await db.schema.dropTable('referrals').ifExists().execute();
}
