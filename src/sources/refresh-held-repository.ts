import type { Kysely } from 'kysely';
import type { MeetingDraft } from '../meetings/model.js';
import type { Database } from '../platform/database/schema.js';
import type { ImportReport } from './model.js';
import type { HttpValidators } from './refresh-validators.js';

/** A snapshot kept for review, with the report that explains why. */
export interface HeldSnapshot {
  sourceId: string;
  heldAt: string;
  report: ImportReport;
  /** Absent when the snapshot was too large to keep. */
  drafts?: MeetingDraft[];
  validators?: HttpValidators;
}

/** The only code that speaks SQL about held snapshots. */
export class HeldSnapshotRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Keeps the snapshot, replacing one held before (the newest read is the one to review). */
  async hold(snapshot: {
    sourceId: string;
    heldAt: string;
    report: ImportReport;
    drafts: string | null;
    validators?: HttpValidators;
  }): Promise<void> {
    const values = {
      source_id: snapshot.sourceId,
      held_at: snapshot.heldAt,
      report: JSON.stringify(snapshot.report),
      drafts: snapshot.drafts,
      http_validators:
        snapshot.validators === undefined ? null : JSON.stringify(snapshot.validators),
    };
    await this.db
      .insertInto('held_snapshots')
      .values(values)
      .onConflict((oc) =>
        oc.column('source_id').doUpdateSet({
          held_at: values.held_at,
          report: values.report,
          drafts: values.drafts,
          http_validators: values.http_validators,
        }),
      )
      .execute();
  }

  /** The held snapshot with its drafts (large: for approving). */
  async find(sourceId: string): Promise<HeldSnapshot | undefined> {
    const row = await this.db
      .selectFrom('held_snapshots')
      .selectAll()
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const held: HeldSnapshot = {
      sourceId: row.source_id,
      heldAt: row.held_at,
      report: JSON.parse(row.report) as ImportReport,
    };
    if (row.drafts !== null) held.drafts = JSON.parse(row.drafts) as MeetingDraft[];
    if (row.http_validators !== null)
      held.validators = JSON.parse(row.http_validators) as HttpValidators;
    return held;
  }

  /** When each source's snapshot was held and why, without the drafts (for listings). */
  async summaries(): Promise<Map<string, { heldAt: string; report: ImportReport }>> {
    const rows = await this.db
      .selectFrom('held_snapshots')
      .select(['source_id', 'held_at', 'report'])
      .execute();
    return new Map(
      rows.map((r) => [
        r.source_id,
        { heldAt: r.held_at, report: JSON.parse(r.report) as ImportReport },
      ]),
    );
  }

  async remove(sourceId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('held_snapshots')
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
