import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import type { Center, CenterPlace, StaffMembership, StaffRole } from './model.js';
import { withCenterTables, type CenterDatabase } from './tables.js';

/** A read of a member record, as the access log keeps it: who, when, which; never the content. */
export interface AccessEntry {
  id: string;
  centerId: string;
  at: string;
  actorId?: string;
  action: string;
  memberId: string;
}

/** The only code that speaks SQL about centers, their staff and the access log. */
export class CenterRepository {
  private readonly db: Kysely<CenterDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withCenterTables(db);
  }

  async insert(center: Center): Promise<void> {
    await this.db
      .insertInto('centers')
      .values({
        id: center.id,
        slug: center.slug,
        name: center.name,
        created_at: center.createdAt,
        time_zone: center.timeZone,
      })
      .execute();
  }

  async bySlug(slug: string): Promise<Center | undefined> {
    const row = await this.db
      .selectFrom('centers')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row === undefined ? undefined : toCenter(row);
  }

  async list(): Promise<Center[]> {
    const rows = await this.db.selectFrom('centers').selectAll().orderBy('slug').execute();
    return rows.map(toCenter);
  }

  /** Sets the center's time zone. */
  async setTimeZone(centerId: string, timeZone: string): Promise<void> {
    await this.db
      .updateTable('centers')
      .set({ time_zone: timeZone })
      .where('id', '=', centerId)
      .execute();
  }

  /** Sets (or, with undefined, clears) where the center is. */
  async setPlace(centerId: string, place: CenterPlace | undefined): Promise<void> {
    await this.db
      .updateTable('centers')
      .set({ place: place === undefined ? null : JSON.stringify(place) })
      .where('id', '=', centerId)
      .execute();
  }

  /**
   * Keeps the point found for the center's address, unless the place changed meanwhile (a
   * listing that read the old address must not write it back over a new one).
   */
  async keepPlacePoint(centerId: string, read: CenterPlace, located: CenterPlace): Promise<void> {
    await this.db
      .updateTable('centers')
      .set({ place: JSON.stringify(located) })
      .where('id', '=', centerId)
      .where('place', '=', JSON.stringify(read))
      .execute();
  }

  /** Records the local source the center's public groups are listed in. */
  async setListingSource(centerId: string, sourceId: string): Promise<void> {
    await this.db
      .updateTable('centers')
      .set({ listing_source_id: sourceId })
      .where('id', '=', centerId)
      .execute();
  }

  /** Adds a person to the staff, or changes their role when they are staff already. */
  async putStaff(membership: StaffMembership): Promise<void> {
    await this.db
      .insertInto('center_staff')
      .values({
        center_id: membership.centerId,
        person_id: membership.personId,
        role: membership.role,
        created_at: membership.createdAt,
      })
      .onConflict((oc) =>
        oc.columns(['center_id', 'person_id']).doUpdateSet({ role: membership.role }),
      )
      .execute();
  }

  async staffRole(centerId: string, personId: string): Promise<StaffRole | undefined> {
    const row = await this.db
      .selectFrom('center_staff')
      .select('role')
      .where('center_id', '=', centerId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row?.role as StaffRole | undefined;
  }

  /** The centers a person is staff of, with their role, by name. */
  async centersOf(personId: string): Promise<{ center: Center; role: StaffRole }[]> {
    const rows = await this.db
      .selectFrom('center_staff')
      .innerJoin('centers', 'centers.id', 'center_staff.center_id')
      .select([
        'centers.id',
        'centers.slug',
        'centers.name',
        'centers.created_at',
        'centers.time_zone',
        'centers.place',
        'centers.listing_source_id',
        'center_staff.role',
      ])
      .where('center_staff.person_id', '=', personId)
      .orderBy('centers.name')
      .execute();
    return rows.map((r) => ({
      center: toCenter(r),
      role: r.role as StaffRole,
    }));
  }

  async staffOf(centerId: string): Promise<StaffMembership[]> {
    const rows = await this.db
      .selectFrom('center_staff')
      .selectAll()
      .where('center_id', '=', centerId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      centerId: r.center_id,
      personId: r.person_id,
      role: r.role as StaffRole,
      createdAt: r.created_at,
    }));
  }

  async logAccess(entries: readonly AccessEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insertInto('center_access_log')
      .values(
        entries.map((e) => ({
          id: e.id,
          center_id: e.centerId,
          at: e.at,
          actor_id: e.actorId ?? null,
          action: e.action,
          member_id: e.memberId,
        })),
      )
      .execute();
  }

  /** The reads of one member's record, oldest first. */
  async accessOf(centerId: string, memberId: string): Promise<AccessEntry[]> {
    const rows = await this.db
      .selectFrom('center_access_log')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('member_id', '=', memberId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      centerId: r.center_id,
      at: r.at,
      action: r.action,
      memberId: r.member_id,
      ...(r.actor_id !== null ? { actorId: r.actor_id } : {}),
    }));
  }
}

function toCenter(r: {
  id: string;
  slug: string;
  name: string;
  created_at: string;
  time_zone: string;
  place: string | null;
  listing_source_id: string | null;
}): Center {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    createdAt: r.created_at,
    timeZone: r.time_zone,
    ...(r.place !== null ? { place: JSON.parse(r.place) as CenterPlace } : {}),
    ...(r.listing_source_id !== null ? { listingSourceId: r.listing_source_id } : {}),
  };
}
