import type { Kysely } from 'kysely';

/**
 * Unmet tailored needs, counted per coarse cell (0.1 degree of latitude and longitude) and ISO
 * week: no person, place, address or time of day, only how many searches for a need found no
 * room near. See decision 0108.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('demand_counts')
    .addColumn('cell', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('demand_counts_pk', ['need', 'week', 'cell'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('demand_counts').execute();
}
