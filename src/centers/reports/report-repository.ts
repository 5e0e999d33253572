import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/schema.js';
import { toAssessment, type StoredAssessment } from '../assessments/assessment-repository.js';
import type { StoredMemberKey } from '../members/member-repository.js';
import { withCenterTables, type CenterDatabase } from '../tables.js';

/** Counts of one period, straight from the clear columns (types, times, durations). */
export interface PeriodCounts {
  encountersByType: Record<string, { count: number; minutes: number }>;
  membersServed: number;
  newMembers: number;
}

/** The only code that speaks SQL for the desk's reports. Bounds are ISO instants, `to` excluded. */
export class ReportRepository {
  private readonly db: Kysely<CenterDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withCenterTables(db);
  }

  async periodCounts(centerId: string, from: string, to: string): Promise<PeriodCounts> {
    const byType = await this.db
      .selectFrom('center_encounters')
      .select((eb) => [
        'type',
        eb.fn.countAll<number | string | bigint>().as('n'),
        eb.fn.sum<number | string | bigint>('duration_minutes').as('minutes'),
      ])
      .where('center_id', '=', centerId)
      .where('occurred_at', '>=', from)
      .where('occurred_at', '<', to)
      .groupBy('type')
      .execute();
    const served = await this.db
      .selectFrom('center_encounters')
      .select((eb) => eb.fn.count<number | string | bigint>('member_id').distinct().as('n'))
      .where('center_id', '=', centerId)
      .where('occurred_at', '>=', from)
      .where('occurred_at', '<', to)
      .executeTakeFirstOrThrow();
    const fresh = await this.db
      .selectFrom('center_members')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('center_id', '=', centerId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .executeTakeFirstOrThrow();
    const encountersByType: PeriodCounts['encountersByType'] = {};
    for (const row of byType)
      encountersByType[row.type] = { count: Number(row.n), minutes: Number(row.minutes ?? 0) };
    return { encountersByType, membersServed: Number(served.n), newMembers: Number(fresh.n) };
  }

  /** Every assessment of the members assessed in the period (their whole history, for change). */
  async assessmentsOfMembersAssessedIn(
    centerId: string,
    from: string,
    to: string,
  ): Promise<StoredAssessment[]> {
    const rows = await this.db
      .selectFrom('center_assessments')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('member_id', 'in', (eb) =>
        eb
          .selectFrom('center_assessments')
          .select('member_id')
          .where('center_id', '=', centerId)
          .where('taken_at', '>=', from)
          .where('taken_at', '<', to),
      )
      .where('taken_at', '<', to)
      .orderBy('member_id')
      .orderBy('taken_at')
      .execute();
    return rows.map(toAssessment);
  }

  /** Every member with the date they joined, and every assessment, for the SUPRT-style list. */
  async membersAndAssessments(centerId: string): Promise<{
    members: { id: string; createdAt: string; engagement: string }[];
    assessments: StoredAssessment[];
  }> {
    const members = await this.db
      .selectFrom('center_members')
      .select(['id', 'created_at', 'engagement'])
      .where('center_id', '=', centerId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const assessments = await this.db
      .selectFrom('center_assessments')
      .selectAll()
      .where('center_id', '=', centerId)
      .orderBy('member_id')
      .orderBy('taken_at')
      .execute();
    return {
      members: members.map((m) => ({
        id: m.id,
        createdAt: m.created_at,
        engagement: m.engagement,
      })),
      assessments: assessments.map(toAssessment),
    };
  }

  /** The data keys of many members of one center. */
  async keysOf(centerId: string, memberIds: readonly string[]): Promise<StoredMemberKey[]> {
    const keys: StoredMemberKey[] = [];
    // In slices: an `in` list has limits in both dialects.
    for (let i = 0; i < memberIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('center_member_keys')
        .selectAll()
        .where('center_id', '=', centerId)
        .where('member_id', 'in', memberIds.slice(i, i + 500))
        .execute();
      for (const r of rows)
        keys.push({
          memberId: r.member_id,
          centerId: r.center_id,
          wrappedKey: r.wrapped_key,
          masterKeyId: r.master_key_id,
          createdAt: r.created_at,
        });
    }
    return keys;
  }
}
