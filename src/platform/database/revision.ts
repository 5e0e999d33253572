import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * A counter bumped by every write transaction that changes meetings. Caches (the exported feed,
 * and later the search index of other processes) compare it instead of re-reading everything.
 */
export class RevisionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async current(): Promise<number> {
    const row = await this.db
      .selectFrom('store_meta')
      .select('value')
      .where('key', '=', 'revision')
      .executeTakeFirst();
    return row === undefined ? 0 : Number(row.value);
  }

  /**
   * Adds one in a single statement: two writers committing at once on PostgreSQL each get their
   * own revision (a read then a write could hand both the same one), so readers can apply
   * changes in revision order.
   */
  async bump(): Promise<number> {
    const row = await this.db
      .insertInto('store_meta')
      .values({ key: 'revision', value: '1' })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          value: sql<string>`cast(cast(store_meta.value as integer) + 1 as text)`,
        }),
      )
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }
}
