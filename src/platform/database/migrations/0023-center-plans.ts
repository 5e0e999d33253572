import type { Kysely } from 'kysely';

/**
 * Members' recovery plans: goals per life domain, each with its steps. The goal's words and its
 * steps are one value sealed under the member's key; the domain, due date and completion stay in
 * the clear, because reports count completed goals without opening anyone's plan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('center_plan_goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    // Sealed JSON: the goal's words and its steps (words, done or not).
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('center_plan_goals_member_idx')
    .on('center_plan_goals')
    .columns(['center_id', 'member_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('center_plan_goals_completed_idx')
    .on('center_plan_goals')
    .columns(['center_id', 'completed_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('center_plan_goals').execute();
}
