import type { Kysely } from 'kysely';

/**
 * Resource sources refresh themselves like meeting sources: each remembers the validators
 * (ETag, Last-Modified) its server sent with the snapshot last applied, so the next read can ask
 * "has it changed?". A source may belong to a center, whose staff then see it on the desk and
 * publish or withdraw it; a source of no center is the operator's alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('resource_sources').addColumn('center_id', 'text').execute();
  await db.schema.alterTable('resource_sources').addColumn('http_validators', 'text').execute();
  await db.schema
    .createIndex('resource_sources_center_idx')
    .on('resource_sources')
    .column('center_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('resource_sources_center_idx').ifExists().execute();
  await db.schema.alterTable('resource_sources').dropColumn('http_validators').execute();
  await db.schema.alterTable('resource_sources').dropColumn('center_id').execute();
}
