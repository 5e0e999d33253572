import type { Kysely, Selectable } from 'kysely';
import { columns } from '../../platform/database/columns.js';
import type { Database } from '../../platform/database/schema.js';
import { withCenterTables, type CenterDatabase, type CenterPlanGoalsTable } from '../tables.js';
import type { PlanDomain } from './model.js';

/** A goal as stored: its words and steps are sealed text. */
export interface StoredGoal {
  id: string;
  centerId: string;
  memberId: string;
  domain: PlanDomain;
  content: string;
  dueDate?: string;
  completedAt?: string;
  recordedBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** The only code that speaks SQL about recovery plans. */
export class PlanRepository {
  private readonly db: Kysely<CenterDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withCenterTables(db);
  }

  async insert(g: StoredGoal): Promise<void> {
    await this.db.insertInto('center_plan_goals').values(plain.toRow(g)).execute();
  }

  /** Replaces a goal's sealed content and completion. */
  async update(
    g: Pick<StoredGoal, 'id' | 'centerId' | 'memberId' | 'content' | 'completedAt' | 'updatedAt'>,
  ): Promise<void> {
    await this.db
      .updateTable('center_plan_goals')
      .set({ content: g.content, completed_at: g.completedAt ?? null, updated_at: g.updatedAt })
      .where('center_id', '=', g.centerId)
      .where('member_id', '=', g.memberId)
      .where('id', '=', g.id)
      .execute();
  }

  async byId(centerId: string, memberId: string, id: string): Promise<StoredGoal | undefined> {
    const row = await this.db
      .selectFrom('center_plan_goals')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('member_id', '=', memberId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toStored(row);
  }

  /** A member's goals, oldest first. */
  async ofMember(centerId: string, memberId: string): Promise<StoredGoal[]> {
    const rows = await this.db
      .selectFrom('center_plan_goals')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('member_id', '=', memberId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toStored);
  }

  /** How many goals of the center were completed from `start` (included) to `end` (excluded). */
  async completedBetween(centerId: string, start: string, end: string): Promise<number> {
    const row = await this.db
      .selectFrom('center_plan_goals')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('center_id', '=', centerId)
      .where('completed_at', '>=', start)
      .where('completed_at', '<', end)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/** Every field has a column of its name; the domain is narrowed on the way back. */
const plain = columns([
  'id',
  'centerId',
  'memberId',
  'domain',
  'content',
  'createdAt',
  'updatedAt',
  'dueDate',
  'completedAt',
  'recordedBy',
]);

function toStored(r: Selectable<CenterPlanGoalsTable>): StoredGoal {
  return { ...plain.fromRow(r), domain: r.domain as PlanDomain };
}
