import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import { withDemandTables, type DemandDatabase } from './tables.js';

/** One count to add: so many more unmet searches for a need in a cell during a week. */
export interface DemandIncrement {
  cell: string;
  week: string;
  need: string;
  count: number;
}

/** The only code that speaks SQL about demand counts. */
export class DemandRepository {
  private readonly db: Kysely<DemandDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withDemandTables(db);
  }

  /** Adds the counts, creating the rows that are missing (one statement per row, in one transaction). */
  async add(increments: readonly DemandIncrement[]): Promise<void> {
    if (increments.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const row of increments) {
        await trx
          .insertInto('demand_counts')
          .values(row)
          .onConflict((oc) =>
            oc
              .columns(['need', 'week', 'cell'])
              .doUpdateSet({ count: sql<number>`demand_counts.count + ${row.count}` }),
          )
          .execute();
      }
    });
  }

  /**
   * Each cell's total for a need over the weeks from `fromWeek` to `toWeek` (both included),
   * only cells with at least `atLeast`, largest first.
   */
  async totals(
    need: string,
    fromWeek: string,
    toWeek: string,
    atLeast: number,
  ): Promise<{ cell: string; count: number }[]> {
    const total = sql<number>`sum(count)`;
    const rows = await this.db
      .selectFrom('demand_counts')
      .select(['cell', total.as('total')])
      .where('need', '=', need)
      .where('week', '>=', fromWeek)
      .where('week', '<=', toWeek)
      .groupBy('cell')
      .having(total, '>=', atLeast)
      .orderBy('total', 'desc')
      .orderBy('cell')
      .execute();
    return rows.map((row) => ({ cell: row.cell, count: Number(row.total) }));
  }
}
