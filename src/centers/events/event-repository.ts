import type { Kysely } from 'kysely';
import type { WeekOfMonth } from '../../meetings/model.js';
import type { Database } from '../../platform/database/schema.js';
import { withCenterTables, type CenterDatabase, type CenterEventsTable } from '../tables.js';
import type { CenterEvent, EventKind, EventRepeat, EventVisibility } from './model.js';

/** The only code that speaks SQL about the center's calendar. */
export class EventRepository {
  private readonly db: Kysely<CenterDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withCenterTables(db);
  }

  async insert(e: CenterEvent): Promise<void> {
    await this.db.insertInto('center_events').values(toRow(e)).execute();
  }

  /** Rewrites an event of this center; false when it has none with this id. */
  async update(e: CenterEvent): Promise<boolean> {
    // Who made it and when stay as they were.
    const { id, center_id, created_at: _createdAt, created_by: _createdBy, ...changed } = toRow(e);
    const result = await this.db
      .updateTable('center_events')
      .set(changed)
      .where('center_id', '=', center_id)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async remove(centerId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('center_events')
      .where('center_id', '=', centerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async byId(centerId: string, id: string): Promise<CenterEvent | undefined> {
    const row = await this.db
      .selectFrom('center_events')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toEvent(row);
  }

  /**
   * The center's series that may fall on or after `from` (YYYY-MM-DD): those without an end,
   * or ending then or later; optionally the public ones only. By first date, then title.
   */
  async ofCenter(
    centerId: string,
    options: { from?: string; publicOnly?: boolean } = {},
  ): Promise<CenterEvent[]> {
    let query = this.db.selectFrom('center_events').selectAll().where('center_id', '=', centerId);
    if (options.from !== undefined) {
      const from = options.from;
      query = query.where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', from)]));
    }
    if (options.publicOnly === true) query = query.where('visibility', '=', 'public');
    const rows = await query.orderBy('starts_on').orderBy('title').orderBy('id').execute();
    return rows.map(toEvent);
  }
}

function toRow(e: CenterEvent): CenterEventsTable {
  return {
    id: e.id,
    center_id: e.centerId,
    title: e.title,
    kind: e.kind,
    description: e.description ?? null,
    program: e.program ?? null,
    repeat: e.repeat,
    week_of_month: e.weekOfMonth ?? null,
    starts_on: e.startsOn,
    ends_on: e.endsOn ?? null,
    start_time: e.start,
    duration_minutes: e.durationMinutes,
    visibility: e.visibility,
    created_by: e.createdBy ?? null,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}

function toEvent(r: CenterEventsTable): CenterEvent {
  return {
    id: r.id,
    centerId: r.center_id,
    title: r.title,
    kind: r.kind as EventKind,
    repeat: r.repeat as EventRepeat,
    startsOn: r.starts_on,
    start: r.start_time,
    durationMinutes: Number(r.duration_minutes),
    visibility: r.visibility as EventVisibility,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.description !== null ? { description: r.description } : {}),
    ...(r.program !== null ? { program: r.program } : {}),
    ...(r.week_of_month !== null ? { weekOfMonth: Number(r.week_of_month) as WeekOfMonth } : {}),
    ...(r.ends_on !== null ? { endsOn: r.ends_on } : {}),
    ...(r.created_by !== null ? { createdBy: r.created_by } : {}),
  };
}
