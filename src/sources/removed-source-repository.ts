import type { Kysely, Selectable } from 'kysely';
import type { Database, RemovedSourcesTable } from '../platform/database/schema.js';
import type { RemovedSource, Source } from './model.js';

/** The only code that speaks SQL about removed sources. */
export class RemovedSourceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(removed: RemovedSource): Promise<void> {
    await this.db
      .insertInto('removed_sources')
      .values({
        id: removed.source.id,
        name: removed.source.name,
        removed_at: removed.removedAt,
        removed_by: removed.removedBy ?? null,
        change_set: removed.changeSet,
        source: JSON.stringify(removed.source),
        interval_seconds: removed.intervalSeconds ?? null,
        service_body_id: removed.serviceBodyId ?? null,
        meeting_count: removed.meetingCount,
      })
      .execute();
  }

  /** Every removed source, the latest removal first. */
  async list(): Promise<RemovedSource[]> {
    const rows = await this.db
      .selectFrom('removed_sources')
      .selectAll()
      .orderBy('removed_at', 'desc')
      .orderBy('name')
      .execute();
    return rows.map(fromRow);
  }

  /** The latest removal of a source of this name. */
  async latestByName(name: string): Promise<RemovedSource | undefined> {
    const row = await this.db
      .selectFrom('removed_sources')
      .selectAll()
      .where('name', '=', name)
      .orderBy('removed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('removed_sources').where('id', '=', id).execute();
  }
}

function fromRow(row: Selectable<RemovedSourcesTable>): RemovedSource {
  const removed: RemovedSource = {
    source: JSON.parse(row.source) as Source,
    removedAt: row.removed_at,
    changeSet: row.change_set,
    meetingCount: Number(row.meeting_count),
  };
  if (row.removed_by !== null) removed.removedBy = row.removed_by;
  if (row.interval_seconds !== null) removed.intervalSeconds = Number(row.interval_seconds);
  if (row.service_body_id !== null) removed.serviceBodyId = row.service_body_id;
  return removed;
}
