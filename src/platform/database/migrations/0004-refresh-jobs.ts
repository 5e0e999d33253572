import type { Kysely } from 'kysely';

/**
 * Background jobs (source refreshes, the link check) with their leases and backoff; what a
 * source's server said last time (ETag, Last-Modified); snapshots held for review; clusters of
 * duplicate meetings with the pairs an editor split; and the results of link checks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    // What the job works on: a source id, or `all` for a job over every meeting.
    .addColumn('target', 'text', (c) => c.notNull())
    // Null: run only when asked (a source without a refresh interval).
    .addColumn('interval_seconds', 'integer')
    .addColumn('next_run_at', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_outcome', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('jobs_kind_target_unique', ['kind', 'target'])
    .execute();
  await db.schema.createIndex('jobs_next_run_idx').on('jobs').column('next_run_at').execute();

  // JSON `{ location, etag?, lastModified? }` of the last snapshot applied from a URL.
  await db.schema.alterTable('sources').addColumn('http_validators', 'text').execute();

  await db.schema
    .createTable('held_snapshots')
    .addColumn('source_id', 'text', (c) =>
      c.primaryKey().references('sources.id').onDelete('cascade'),
    )
    .addColumn('held_at', 'text', (c) => c.notNull())
    // The import report that explains the hold (JSON).
    .addColumn('report', 'text', (c) => c.notNull())
    // The snapshot's meeting drafts (JSON), or null when too large to keep.
    .addColumn('drafts', 'text')
    .addColumn('http_validators', 'text')
    .execute();

  // One row per meeting shown through another: provenance stays on every source's own row. When
  // the shown meeting goes, the link stays with no target until the next merge, which then
  // announces the hidden meeting as shown again (a cascade would drop it without a word).
  await db.schema
    .createTable('meeting_duplicates')
    .addColumn('meeting_id', 'text', (c) =>
      c.primaryKey().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('canonical_id', 'text', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meeting_duplicates_canonical_idx')
    .on('meeting_duplicates')
    .column('canonical_id')
    .execute();

  // Pairs an editor said are different meetings; `meeting_id` sorts before `other_id`.
  await db.schema
    .createTable('duplicate_splits')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('other_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('duplicate_splits_pk', ['meeting_id', 'other_id'])
    .execute();

  await db.schema
    .createTable('link_checks')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    // `url` (the conference link) or `phone` (the dial-in).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('detail', 'text')
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('link_checks_pk', ['meeting_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('link_checks').execute();
  await db.schema.dropTable('duplicate_splits').execute();
  await db.schema.dropTable('meeting_duplicates').execute();
  await db.schema.dropTable('held_snapshots').execute();
  await db.schema.alterTable('sources').dropColumn('http_validators').execute();
  await db.schema.dropTable('jobs').execute();
}
