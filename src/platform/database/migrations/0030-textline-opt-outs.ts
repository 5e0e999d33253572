import type { Kysely } from 'kysely';

/**
 * The text line's opt-outs: who texted STOP, as a keyed hash of the number (never the number),
 * so the line stays silent to them until they text START.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('textline_opt_outs')
    .addColumn('sender_key', 'text', (c) => c.primaryKey())
    .addColumn('opted_out_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('textline_opt_outs').execute();
}
