import { sql, type Kysely } from 'kysely';
import type { ChangedIds } from './change-feed.js';
import type { Database } from './schema.js';

/**
 * The log of what revisions touched keeps the newest revisions up to this many ids in all (and
 * at most {@link LOG_KEEP_REVISIONS} revisions): an index further behind than that is rebuilt
 * anyway, since a change of more than a quarter of it is (decision 0128).
 */
export const LOG_KEEP_IDS = 250_000;
export const LOG_KEEP_REVISIONS = 256;

/** A logged revision and the meetings it touched. */
export interface LoggedChange {
  revision: number;
  ids: ChangedIds;
}

/**
 * A counter bumped by every write transaction that changes meetings, with a log of the meeting
 * ids each revision touched. Caches (the exported feed, the search index of this and other
 * processes, the index snapshot) compare the counter instead of re-reading everything, and read
 * the log to learn which meetings to read again.
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
   * changes in revision order. Logs the meetings the write touched under the new revision, in
   * the caller's transaction, and lets the oldest entries go.
   */
  async bump(touched: ChangedIds): Promise<number> {
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
    const revision = Number(row.value);
    await this.db
      .insertInto('revision_changes')
      .values({
        revision,
        touched: touched.upserted.length + touched.removed.length,
        upserted: JSON.stringify(touched.upserted),
        removed: JSON.stringify(touched.removed),
      })
      .execute();
    await this.trimLog();
    return revision;
  }

  /**
   * What the revisions after `from` touched, oldest first, as far as the log still holds them:
   * the caller checks that every revision it needs is there (the oldest ones are let go, and
   * revisions committed before the log existed have none).
   */
  async changesAfter(from: number): Promise<LoggedChange[]> {
    const rows = await this.db
      .selectFrom('revision_changes')
      .select(['revision', 'upserted', 'removed'])
      .where('revision', '>', from)
      .orderBy('revision')
      .execute();
    return rows.map((r) => ({
      revision: Number(r.revision),
      ids: {
        upserted: JSON.parse(r.upserted) as string[],
        removed: JSON.parse(r.removed) as string[],
      },
    }));
  }

  /** Keeps the newest revisions up to LOG_KEEP_IDS ids and LOG_KEEP_REVISIONS revisions. */
  private async trimLog(): Promise<void> {
    const newest = await this.db
      .selectFrom('revision_changes')
      .select(['revision', 'touched'])
      .orderBy('revision', 'desc')
      .limit(LOG_KEEP_REVISIONS + 1)
      .execute();
    let ids = 0;
    for (let i = 0; i < newest.length; i++) {
      ids += Number(newest[i]!.touched);
      // The newest revision stays however large it is.
      if (i > 0 && (ids > LOG_KEEP_IDS || i >= LOG_KEEP_REVISIONS)) {
        await this.db
          .deleteFrom('revision_changes')
          .where('revision', '<=', Number(newest[i]!.revision))
          .execute();
        return;
      }
    }
  }
}
