import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/schema.js';
import { withCenterTables, type CenterDatabase } from '../tables.js';
import type { Instrument } from './model.js';

/** An assessment as stored: answers and total are one sealed value. */
export interface StoredAssessment {
  id: string;
  centerId: string;
  memberId: string;
  instrument: Instrument;
  takenAt: string;
  result: string;
  recordedBy?: string;
  createdAt: string;
}

/** The only code that speaks SQL about assessments. */
export class AssessmentRepository {
  private readonly db: Kysely<CenterDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withCenterTables(db);
  }

  async insert(a: StoredAssessment): Promise<void> {
    await this.db
      .insertInto('center_assessments')
      .values({
        id: a.id,
        center_id: a.centerId,
        member_id: a.memberId,
        instrument: a.instrument,
        taken_at: a.takenAt,
        result: a.result,
        recorded_by: a.recordedBy ?? null,
        created_at: a.createdAt,
      })
      .execute();
  }

  /** A member's assessments, oldest first. */
  async ofMember(centerId: string, memberId: string): Promise<StoredAssessment[]> {
    const rows = await this.db
      .selectFrom('center_assessments')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('member_id', '=', memberId)
      .orderBy('taken_at')
      .orderBy('id')
      .execute();
    return rows.map(toAssessment);
  }
}

/** A stored row as the desk sees it. */
export function toAssessment(r: CenterDatabase['center_assessments']): StoredAssessment {
  return {
    id: r.id,
    centerId: r.center_id,
    memberId: r.member_id,
    instrument: r.instrument as Instrument,
    takenAt: r.taken_at,
    result: r.result,
    createdAt: r.created_at,
    ...(r.recorded_by !== null ? { recordedBy: r.recorded_by } : {}),
  };
}
