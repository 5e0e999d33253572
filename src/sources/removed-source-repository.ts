import type { Kysely, Selectable } from 'kysely';
import { columns } from '../platform/database/columns.js';
import type { Database, RemovedSourcesTable } from '../platform/database/schema.js';
import type { RemovedSource, Source } from './model.js';

/** The only code that speaks SQL about removed sources. */
export class RemovedSourceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(removed: RemovedSource): Promise<void> {
    await this.db
      .insertInto('removed_sources')
      .values({
        ...plain.toRow(removed),
        id: removed.source.id,
        name: removed.source.name,
        source: JSON.stringify(removed.source),
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

/** The fields stored as they are; counts are read as numbers (PostgreSQL's may be strings). */
const plain = columns([
  'removedAt',
  'changeSet',
  'meetingCount',
  'removedBy',
  'intervalSeconds',
  'serviceBodyId',
]);

function fromRow(row: Selectable<RemovedSourcesTable>): RemovedSource {
  const removed: RemovedSource = {
    source: JSON.parse(row.source) as Source,
    ...plain.fromRow(row),
    meetingCount: Number(row.meeting_count),
  };
  if (row.interval_seconds !== null) removed.intervalSeconds = Number(row.interval_seconds);
  return removed;
}
