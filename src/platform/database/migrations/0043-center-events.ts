import type { Kysely } from 'kysely';

/**
 * The center's calendar: groups, classes and events it hosts, one row per series (a one-off
 * event is a series of one). A series is stored as its rule, never as occurrences, so editing
 * "every Tuesday" edits every Tuesday. Nothing here is about members.
 *
 * Centers gain their public place (the address their public groups are listed at in the
 * meeting finder, as JSON) and the id of the local source those groups are listed in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('center_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('program', 'text')
    .addColumn('repeat', 'text', (c) => c.notNull())
    .addColumn('week_of_month', 'integer')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('center_events_center_idx')
    .on('center_events')
    .columns(['center_id', 'starts_on'])
    .execute();
  await db.schema.alterTable('centers').addColumn('place', 'text').execute();
  await db.schema.alterTable('centers').addColumn('listing_source_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('centers').dropColumn('listing_source_id').execute();
  await db.schema.alterTable('centers').dropColumn('place').execute();
  await db.schema.dropTable('center_events').execute();
}
