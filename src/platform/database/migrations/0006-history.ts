import type { Kysely } from 'kysely';

/**
 * History, local edits over imports, and public change requests.
 *
 * `meeting_history` has no foreign key to `meetings` on purpose: a removed meeting keeps its last
 * state here, so it can be restored with its old id and slug. `meeting_overrides` holds an
 * editor's value per field of an imported meeting, re-applied on every refresh; `meeting_tombstones`
 * remembers imported meetings an editor deleted, so a refresh does not bring them back.
 * `change_requests.email` is the only personal data, and is cleared when the request closes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('change_set', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_source_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text')
    .addColumn('undoes', 'text')
    .execute();
  await db.schema
    .createIndex('meeting_history_meeting_idx')
    .on('meeting_history')
    .columns(['meeting_id', 'at'])
    .execute();
  await db.schema
    .createIndex('meeting_history_source_idx')
    .on('meeting_history')
    .columns(['source_id', 'at'])
    .execute();

  await db.schema
    .createTable('meeting_overrides')
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('base', 'text', (c) => c.notNull())
    .addColumn('editor_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('conflict', 'text')
    .addColumn('conflict_at', 'text')
    .addPrimaryKeyConstraint('meeting_overrides_pk', ['meeting_id', 'field'])
    .execute();

  await db.schema
    .createTable('meeting_tombstones')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('source_slug', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_tombstones_pk', ['source_id', 'source_slug'])
    .execute();
  await db.schema
    .createIndex('meeting_tombstones_meeting_idx')
    .on('meeting_tombstones')
    .column('meeting_id')
    .execute();

  await db.schema
    .createTable('change_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text')
    .addColumn('service_body_id', 'text')
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('draft', 'text')
    .addColumn('note', 'text')
    .addColumn('email', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema
    .createIndex('change_requests_status_idx')
    .on('change_requests')
    .columns(['status', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('change_requests').execute();
  await db.schema.dropTable('meeting_tombstones').execute();
  await db.schema.dropTable('meeting_overrides').execute();
  await db.schema.dropTable('meeting_history').execute();
}
