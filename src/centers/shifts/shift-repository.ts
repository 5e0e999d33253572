import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/schema.js';
import { withCenterTables, type CenterDatabase, type CenterShiftsTable } from '../tables.js';
import type { Shift } from './model.js';

/** The only code that speaks SQL about volunteer shifts. */
export class ShiftRepository {
  private readonly db: Kysely<CenterDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withCenterTables(db);
  }

  async insert(s: Shift): Promise<void> {
    await this.db
      .insertInto('center_shifts')
      .values({
        id: s.id,
        center_id: s.centerId,
        title: s.title,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        capacity: s.capacity,
        created_by: s.createdBy ?? null,
        created_at: s.createdAt,
      })
      .execute();
  }

  async byId(centerId: string, id: string): Promise<Shift | undefined> {
    const row = await this.db
      .selectFrom('center_shifts')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toShift(row);
  }

  /** Shifts that end after `from` and start before `to`, in order. */
  async between(centerId: string, from: string, to: string): Promise<Shift[]> {
    const rows = await this.db
      .selectFrom('center_shifts')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('ends_at', '>', from)
      .where('starts_at', '<', to)
      .orderBy('starts_at')
      .orderBy('id')
      .execute();
    return rows.map(toShift);
  }

  /** Shifts of every center that start after `from` and by `to`, in order (the reminders). */
  async startingBetween(from: string, to: string): Promise<Shift[]> {
    const rows = await this.db
      .selectFrom('center_shifts')
      .selectAll()
      .where('starts_at', '>', from)
      .where('starts_at', '<=', to)
      .orderBy('starts_at')
      .orderBy('id')
      .execute();
    return rows.map(toShift);
  }

  /** Who signed up for these shifts, in sign-up order. */
  async signups(
    centerId: string,
    shiftIds: readonly string[],
  ): Promise<{ shiftId: string; personId: string; locale?: string }[]> {
    if (shiftIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('center_shift_signups')
      .select(['shift_id', 'person_id', 'locale'])
      .where('center_id', '=', centerId)
      .where('shift_id', 'in', shiftIds)
      .orderBy('created_at')
      .orderBy('person_id')
      .execute();
    return rows.map((r) => ({
      shiftId: r.shift_id,
      personId: r.person_id,
      ...(r.locale !== null ? { locale: r.locale } : {}),
    }));
  }

  /** Signs a person up; `locale` is the language they signed up in (their reminder's). */
  async signUp(
    centerId: string,
    shiftId: string,
    personId: string,
    at: string,
    locale?: string,
  ): Promise<void> {
    await this.db
      .insertInto('center_shift_signups')
      .values({
        shift_id: shiftId,
        center_id: centerId,
        person_id: personId,
        created_at: at,
        locale: locale ?? null,
      })
      .onConflict((oc) => oc.columns(['shift_id', 'person_id']).doNothing())
      .execute();
  }

  async withdraw(centerId: string, shiftId: string, personId: string): Promise<void> {
    await this.db
      .deleteFrom('center_shift_signups')
      .where('center_id', '=', centerId)
      .where('shift_id', '=', shiftId)
      .where('person_id', '=', personId)
      .execute();
  }
}

function toShift(r: CenterShiftsTable): Shift {
  return {
    id: r.id,
    centerId: r.center_id,
    title: r.title,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    capacity: Number(r.capacity),
    createdAt: r.created_at,
    ...(r.created_by !== null ? { createdBy: r.created_by } : {}),
  };
}
