import type { Kysely } from 'kysely';
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

  async bump(): Promise<number> {
    const next = (await this.current()) + 1;
    await this.db
      .insertInto('store_meta')
      .values({ key: 'revision', value: String(next) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(next) }))
      .execute();
    return next;
  }
}
