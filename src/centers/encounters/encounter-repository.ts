import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/database/schema.js';
import { withCenterTables, type CenterDatabase, type CenterEncountersTable } from '../tables.js';
import type { EncounterType } from './model.js';

/** An encounter as stored: the note is sealed text. */
export interface StoredEncounter {
  id: string;
  centerId: string;
  memberId: string;
  type: EncounterType;
  occurredAt: string;
  durationMinutes: number;
  note?: string;
  recordedBy?: string;
  createdAt: string;
}

/** The only code that speaks SQL about encounters. */
export class EncounterRepository {
  private readonly db: Kysely<CenterDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withCenterTables(db);
  }

  async insert(e: StoredEncounter): Promise<void> {
    await this.db
      .insertInto('center_encounters')
      .values({
        id: e.id,
        center_id: e.centerId,
        member_id: e.memberId,
        type: e.type,
        occurred_at: e.occurredAt,
        duration_minutes: e.durationMinutes,
        note: e.note ?? null,
        recorded_by: e.recordedBy ?? null,
        created_at: e.createdAt,
      })
      .execute();
  }

  /** The center's encounters of one type from `start` (included) to `end` (excluded), in order. */
  async ofCenterBetween(
    centerId: string,
    type: EncounterType,
    start: string,
    end: string,
  ): Promise<StoredEncounter[]> {
    const rows = await this.db
      .selectFrom('center_encounters')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('type', '=', type)
      .where('occurred_at', '>=', start)
      .where('occurred_at', '<', end)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return rows.map(toStored);
  }

  /** A member's encounters, oldest first. */
  async ofMember(centerId: string, memberId: string): Promise<StoredEncounter[]> {
    const rows = await this.db
      .selectFrom('center_encounters')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('member_id', '=', memberId)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return rows.map(toStored);
  }
}

function toStored(r: Selectable<CenterEncountersTable>): StoredEncounter {
  return {
    id: r.id,
    centerId: r.center_id,
    memberId: r.member_id,
    type: r.type as EncounterType,
    occurredAt: r.occurred_at,
    durationMinutes: Number(r.duration_minutes),
    createdAt: r.created_at,
    ...(r.note !== null ? { note: r.note } : {}),
    ...(r.recorded_by !== null ? { recordedBy: r.recorded_by } : {}),
  };
}
