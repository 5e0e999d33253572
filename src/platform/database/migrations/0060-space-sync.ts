import type { Kysely } from 'kysely';

/**
 * The personal space's encrypted sync (decision 0113): an account is a random-looking id the
 * device derives from its key, with the hash of the token it proves itself with; a blob is
 * ciphertext the server cannot read, with its size, version and times. Nothing else.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('space_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('space_blobs')
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('space_accounts.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // Base64 text: the same column on SQLite and PostgreSQL, and the size is of the bytes.
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('space_blobs_pk', ['account_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('space_blobs').execute();
  await db.schema.dropTable('space_accounts').execute();
}
