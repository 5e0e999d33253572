import type { Kysely, Selectable } from 'kysely';
import { columns } from '../../platform/database/columns.js';
import type { Database } from '../../platform/database/schema.js';
import { withCenterTables, type CenterDatabase, type CenterEncountersTable } from '../tables.js';
import type { Encounter, EncounterType } from './model.js';

/** An encounter as stored, with its center: the note is sealed text. */
export interface StoredEncounter extends Encounter {
  centerId: string;
}

/** The only code that speaks SQL about encounters. */
export class EncounterRepository {
  private readonly db: Kysely<CenterDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withCenterTables(db);
  }

  async insert(e: StoredEncounter): Promise<void> {
    await this.db.insertInto('center_encounters').values(plain.toRow(e)).execute();
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

/** Every field has a column of its name; the type is narrowed, minutes read as a number. */
const plain = columns([
  'id',
  'centerId',
  'memberId',
  'type',
  'occurredAt',
  'durationMinutes',
  'createdAt',
  'note',
  'recordedBy',
]);

function toStored(r: Selectable<CenterEncountersTable>): StoredEncounter {
  return {
    ...plain.fromRow(r),
    type: r.type as EncounterType,
    durationMinutes: Number(r.duration_minutes),
  };
}
