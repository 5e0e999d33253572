import type { Kysely } from 'kysely';

/**
 * Problem reports readers send from a meeting page, for the list's editors. Deliberately no
 * column for who sent one (no IP, no user agent, no contact): reports need no personal data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('problem_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('problem_reports_meeting_idx')
    .on('problem_reports')
    .columns(['meeting_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('problem_reports').execute();
}
