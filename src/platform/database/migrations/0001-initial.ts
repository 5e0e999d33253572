import type { Kysely } from 'kysely';

/** Sources, meetings and the store revision counter. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('default_time_zone', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_import_at', 'text')
    .addColumn('last_report', 'text')
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('source_slug', 'text', (c) => c.notNull())
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('attendance', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('source_updated_at', 'text')
    .addColumn('last_fetched_at', 'text', (c) => c.notNull())
    .addColumn('last_verified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('meetings_source_slug_unique', ['source_id', 'source_slug'])
    .execute();

  await db.schema.createIndex('meetings_program_idx').on('meetings').column('program').execute();

  await db.schema
    .createTable('store_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('store_meta').execute();
  await db.schema.dropTable('meetings').execute();
  await db.schema.dropTable('sources').execute();
}
