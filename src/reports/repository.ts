import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import type { ProblemKind, ProblemReport } from './model.js';

/** The only code that speaks SQL about problem reports. */
export class ProblemReportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(report: ProblemReport): Promise<void> {
    await this.db
      .insertInto('problem_reports')
      .values({
        id: report.id,
        meeting_id: report.meetingId,
        kind: report.kind,
        message: report.message,
        created_at: report.createdAt,
      })
      .execute();
  }

  /** A meeting's reports, newest first. */
  async forMeeting(meetingId: string): Promise<ProblemReport[]> {
    const rows = await this.db
      .selectFrom('problem_reports')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      meetingId: r.meeting_id,
      kind: r.kind as ProblemKind,
      message: r.message,
      createdAt: r.created_at,
    }));
  }
}
