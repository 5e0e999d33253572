import type { Kysely } from 'kysely';

/**
 * Volunteer shifts of a center (the front desk, a group, an event) and who signed up for each.
 * Nothing here is about members: the titles are the center's own and the people are its staff.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('center_shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('center_shifts_time_idx')
    .on('center_shifts')
    .columns(['center_id', 'starts_at'])
    .execute();
  await db.schema
    .createTable('center_shift_signups')
    .addColumn('shift_id', 'text', (c) =>
      c.notNull().references('center_shifts.id').onDelete('cascade'),
    )
    .addColumn('center_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('center_shift_signups_pk', ['shift_id', 'person_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('center_shift_signups').execute();
  await db.schema.dropTable('center_shifts').execute();
}
