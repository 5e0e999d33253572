/** The only code that speaks SQL about the space's calendar subscriptions. */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import { withSpaceTables, type SpaceDatabase } from './tables.js';

export class SpaceCalendarRepository {
  private readonly db: Kysely<SpaceDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withSpaceTables(db);
  }

  /** The sealed contents of a subscription, or undefined. */
  async sealed(id: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('space_calendars')
      .select('sealed')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.sealed;
  }

  /** Makes a subscription. */
  async insert(id: string, sealed: string, at: string): Promise<void> {
    await this.db
      .insertInto('space_calendars')
      .values({ id, sealed, created_at: at, updated_at: at })
      .execute();
  }

  /** Replaces what a subscription holds; false when there is none. */
  async update(id: string, sealed: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('space_calendars')
      .set({ sealed, updated_at: at })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Deletes a subscription; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('space_calendars')
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
