import type { Kysely } from 'kysely';

/**
 * The recovery center desk: centers (tenants), their staff, and their members with encounters
 * and assessments. Whatever identifies or describes a member (chosen name, contact,
 * demographics, notes, answers) is stored sealed under that member's data key
 * (`center_member_keys`, wrapped by the master key, which is never stored here): deleting the
 * key row erases the member from every copy that lacks it. The chosen name is found through
 * `center_member_terms`, keyed hashes of its normalised prefixes. Reads of member records are
 * logged in `center_access_log` (who, when, which record; never the content).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('centers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('center_staff')
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('center_staff_pk', ['center_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('center_staff_person_idx')
    .on('center_staff')
    .column('person_id')
    .execute();

  await db.schema
    .createTable('center_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id').onDelete('cascade'))
    .addColumn('engagement', 'text', (c) => c.notNull())
    // Sealed JSON: chosen name, contact, demographics, pathways, recovery start date.
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('center_members_center_idx')
    .on('center_members')
    .columns(['center_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('center_member_keys')
    .addColumn('member_id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull())
    .addColumn('wrapped_key', 'text', (c) => c.notNull())
    .addColumn('master_key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('center_member_terms')
    .addColumn('center_id', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('center_member_terms_pk', ['center_id', 'term', 'member_id'])
    .execute();
  await db.schema
    .createIndex('center_member_terms_member_idx')
    .on('center_member_terms')
    .column('member_id')
    .execute();

  await db.schema
    .createTable('center_encounters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    // Sealed; null when the encounter has no note.
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('center_encounters_member_idx')
    .on('center_encounters')
    .columns(['center_id', 'member_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('center_encounters_time_idx')
    .on('center_encounters')
    .columns(['center_id', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('center_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('instrument', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    // Sealed JSON: the answers and their total.
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('center_assessments_member_idx')
    .on('center_assessments')
    .columns(['center_id', 'member_id', 'taken_at'])
    .execute();

  await db.schema
    .createTable('center_access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('center_access_log_member_idx')
    .on('center_access_log')
    .columns(['center_id', 'member_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'center_access_log',
    'center_assessments',
    'center_encounters',
    'center_member_terms',
    'center_member_keys',
    'center_members',
    'center_staff',
    'centers',
  ])
    await db.schema.dropTable(table).execute();
}
