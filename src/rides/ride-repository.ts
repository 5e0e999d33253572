import type { Kysely } from 'kysely';
import type { Keyring } from '../platform/crypto/keyring.js';
import type { Database } from '../platform/database/schema.js';
import type {
  Area,
  Driver,
  DriverStatus,
  OfferState,
  OnCallWindow,
  Point,
  ProgramRules,
  RideOffer,
  RideProgram,
  RideRequest,
  RideStatus,
  Vetting,
} from './model.js';
import {
  withRideTables,
  type RideDatabase,
  type RideDriversTable,
  type RideOffersTable,
  type RideProgramsTable,
  type RideRequestsTable,
} from './tables.js';

/** A driver as stored: the sealed contact, its wrapped data key, the hash of their link. */
export interface StoredDriver extends Driver {
  sealedContact: string;
  wrappedKey: string;
  keyId: string;
  linkHash: string;
}

/** A ride as stored: sealed details (until purged), hashes of the rider's link and code. */
export interface StoredRide extends RideRequest {
  sealedDetails?: string;
  wrappedKey?: string;
  keyId?: string;
  linkHash: string;
  codeHash?: string;
  codeAttempts: number;
  cancelReason?: string;
  purgedAt?: string;
}

/** What may change on a ride after it was asked for. */
export interface RideChange {
  status?: RideStatus;
  confirmedAt?: string;
  closedAt?: string;
  cancelledBy?: 'rider' | 'driver' | 'coordinator';
  cancelReason?: string;
  codeAttempts?: number;
  /** Forget the code once it was used. */
  clearCode?: boolean;
}

interface DriverData {
  home: Area;
  onCall: OnCallWindow[];
  seats: number;
  wheelchair: boolean;
  vetting?: Vetting;
}

interface RideData {
  pickupArea?: Point;
  meetingPoint: Point;
  returnTrip: boolean;
  wheelchair: boolean;
  passengers: number;
}

/** The only code that speaks SQL about rides: programs, drivers, requests and offers. */
export class RideRepository {
  private readonly db: Kysely<RideDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withRideTables(db);
  }

  async insertProgram(program: RideProgram): Promise<void> {
    await this.db
      .insertInto('ride_programs')
      .values({
        id: program.id,
        slug: program.slug,
        name: program.name,
        owner_kind: program.owner.kind,
        owner_id:
          program.owner.kind === 'center' ? program.owner.centerId : program.owner.serviceBodyId,
        time_zone: program.timeZone,
        data: JSON.stringify({ area: program.area, rules: program.rules }),
        created_at: program.createdAt,
      })
      .execute();
    await this.setCoordinators(program.id, program.coordinators);
  }

  /** Replaces the program's coordinators. */
  async setCoordinators(programId: string, personIds: readonly string[]): Promise<void> {
    await this.db.deleteFrom('ride_coordinators').where('program_id', '=', programId).execute();
    if (personIds.length > 0)
      await this.db
        .insertInto('ride_coordinators')
        .values([...new Set(personIds)].map((person_id) => ({ program_id: programId, person_id })))
        .execute();
  }

  async programBySlug(slug: string): Promise<RideProgram | undefined> {
    const row = await this.db
      .selectFrom('ride_programs')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row === undefined ? undefined : this.programOf(row);
  }

  async programById(id: string): Promise<RideProgram | undefined> {
    const row = await this.db
      .selectFrom('ride_programs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : this.programOf(row);
  }

  /** Every program (a region has a handful). */
  async programs(): Promise<RideProgram[]> {
    const rows = await this.db
      .selectFrom('ride_programs')
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .execute();
    return Promise.all(rows.map((row) => this.programOf(row)));
  }

  private async programOf(row: RideProgramsTable): Promise<RideProgram> {
    const data = JSON.parse(row.data) as { area: Area; rules: ProgramRules };
    const coordinators = await this.db
      .selectFrom('ride_coordinators')
      .select('person_id')
      .where('program_id', '=', row.id)
      .orderBy('person_id')
      .execute();
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      owner:
        row.owner_kind === 'center'
          ? { kind: 'center', centerId: row.owner_id }
          : { kind: 'service_body', serviceBodyId: row.owner_id },
      timeZone: row.time_zone,
      area: data.area,
      rules: data.rules,
      coordinators: coordinators.map((c) => c.person_id),
      createdAt: row.created_at,
    };
  }

  async insertDriver(driver: StoredDriver): Promise<void> {
    await this.db
      .insertInto('ride_drivers')
      .values({
        id: driver.id,
        program_id: driver.programId,
        status: driver.status,
        data: JSON.stringify(driverData(driver)),
        contact: driver.sealedContact,
        data_key: driver.wrappedKey,
        data_key_id: driver.keyId,
        link_hash: driver.linkHash,
        created_at: driver.createdAt,
        updated_at: driver.createdAt,
      })
      .execute();
  }

  /** Saves a driver's status, area, hours, seats and vetting. */
  async updateDriver(driver: Driver, at: string): Promise<void> {
    await this.db
      .updateTable('ride_drivers')
      .set({ status: driver.status, data: JSON.stringify(driverData(driver)), updated_at: at })
      .where('id', '=', driver.id)
      .execute();
  }

  /** Replaces the driver's page link: its hash, and the sealed contact that now holds it. */
  async setDriverLink(id: string, linkHash: string, sealedContact: string): Promise<void> {
    await this.db
      .updateTable('ride_drivers')
      .set({ link_hash: linkHash, contact: sealedContact })
      .where('id', '=', id)
      .execute();
  }

  /**
   * A master key rotation: every driver's and every unpurged ride's data key unwrapped with
   * `current` and wrapped with `next` (the contexts are those of `newRecordKey`). Returns how many.
   */
  async rewrapKeys(current: Keyring, next: Keyring): Promise<number> {
    let count = 0;
    for (const row of await this.db
      .selectFrom('ride_drivers')
      .select(['id', 'data_key', 'data_key_id'])
      .execute()) {
      const context = `driver:${row.id}`;
      const { wrapped, keyId } = next.wrapKey(
        current.unwrapKey(row.data_key, row.data_key_id, context),
        context,
      );
      await this.rewrapDriverKey(row.id, wrapped, keyId);
      count += 1;
    }
    const rides = await this.db
      .selectFrom('ride_requests')
      .select(['id', 'data_key', 'data_key_id'])
      .where('data_key', 'is not', null)
      .execute();
    for (const row of rides) {
      const context = `ride:${row.id}`;
      const { wrapped, keyId } = next.wrapKey(
        current.unwrapKey(row.data_key!, row.data_key_id!, context),
        context,
      );
      await this.db
        .updateTable('ride_requests')
        .set({ data_key: wrapped, data_key_id: keyId })
        .where('id', '=', row.id)
        .execute();
      count += 1;
    }
    return count;
  }

  /** Rewraps a driver's data key (a master key rotation). */
  async rewrapDriverKey(id: string, wrappedKey: string, keyId: string): Promise<void> {
    await this.db
      .updateTable('ride_drivers')
      .set({ data_key: wrappedKey, data_key_id: keyId })
      .where('id', '=', id)
      .execute();
  }

  async driverById(id: string): Promise<StoredDriver | undefined> {
    return this.driverWhere('id', id);
  }

  async driverByLink(linkHash: string): Promise<StoredDriver | undefined> {
    return this.driverWhere('link_hash', linkHash);
  }

  /** The driver found by its id or by its link's hash. */
  private async driverWhere(
    column: 'id' | 'link_hash',
    value: string,
  ): Promise<StoredDriver | undefined> {
    const row = await this.db
      .selectFrom('ride_drivers')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst();
    return row === undefined ? undefined : driverOf(row);
  }

  /** A program's drivers, in one status or all. */
  async driversOf(programId: string, status?: DriverStatus): Promise<StoredDriver[]> {
    let query = this.db.selectFrom('ride_drivers').selectAll().where('program_id', '=', programId);
    if (status !== undefined) query = query.where('status', '=', status);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map(driverOf);
  }

  async insertRide(ride: StoredRide): Promise<void> {
    await this.db
      .insertInto('ride_requests')
      .values({
        id: ride.id,
        program_id: ride.programId,
        meeting_id: ride.meetingId,
        occurrence_start: ride.occurrenceStart,
        occurrence_end: ride.occurrenceEnd,
        data: JSON.stringify(rideData(ride)),
        status: ride.status,
        driver_id: null,
        trip_km: null,
        cancelled_by: null,
        cancel_reason: null,
        details: ride.sealedDetails ?? null,
        data_key: ride.wrappedKey ?? null,
        data_key_id: ride.keyId ?? null,
        link_hash: ride.linkHash,
        code_hash: ride.codeHash ?? null,
        code_attempts: 0,
        created_at: ride.createdAt,
        confirmed_at: null,
        accepted_at: null,
        closed_at: null,
        purged_at: null,
      })
      .execute();
  }

  async rideById(id: string): Promise<StoredRide | undefined> {
    return this.rideWhere('id', id);
  }

  async rideByLink(linkHash: string): Promise<StoredRide | undefined> {
    return this.rideWhere('link_hash', linkHash);
  }

  /** The ride found by its id or by its link's hash. */
  private async rideWhere(
    column: 'id' | 'link_hash',
    value: string,
  ): Promise<StoredRide | undefined> {
    const row = await this.db
      .selectFrom('ride_requests')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst();
    return row === undefined ? undefined : rideOf(row);
  }

  async updateRide(id: string, change: RideChange): Promise<void> {
    await this.db
      .updateTable('ride_requests')
      .set({
        ...(change.status !== undefined ? { status: change.status } : {}),
        ...(change.confirmedAt !== undefined ? { confirmed_at: change.confirmedAt } : {}),
        ...(change.closedAt !== undefined ? { closed_at: change.closedAt } : {}),
        ...(change.cancelledBy !== undefined ? { cancelled_by: change.cancelledBy } : {}),
        ...(change.cancelReason !== undefined ? { cancel_reason: change.cancelReason } : {}),
        ...(change.codeAttempts !== undefined ? { code_attempts: change.codeAttempts } : {}),
        ...(change.clearCode === true ? { code_hash: null } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Gives an open ride to a driver; false when it was no longer open (another driver was
   * first, or the rider cancelled): one conditional update, so two accepts cannot both win.
   */
  async claimRide(id: string, driverId: string, tripKm: number, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('ride_requests')
      .set({ status: 'accepted', driver_id: driverId, trip_km: tripKm, accepted_at: at })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A driver gave a ride back: it is open again for the others. */
  async releaseRide(id: string, driverId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('ride_requests')
      .set({ status: 'open', driver_id: null, trip_km: null, accepted_at: null })
      .where('id', '=', id)
      .where('driver_id', '=', driverId)
      .where('status', '=', 'accepted')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A program's rides whose meeting starts in [from, to) (ISO instants), earliest first. */
  async ridesOf(programId: string, from: string, to: string): Promise<StoredRide[]> {
    const rows = await this.db
      .selectFrom('ride_requests')
      .selectAll()
      .where('program_id', '=', programId)
      .where('occurrence_start', '>=', from)
      .where('occurrence_start', '<', to)
      .orderBy('occurrence_start')
      .orderBy('id')
      .execute();
    return rows.map(rideOf);
  }

  /** Rides in these states whose meeting starts in [from, to), every program (reminders, closing). */
  async ridesStarting(
    statuses: readonly RideStatus[],
    from: string,
    to: string,
  ): Promise<StoredRide[]> {
    const rows = await this.db
      .selectFrom('ride_requests')
      .selectAll()
      .where('status', 'in', statuses)
      .where('occurrence_start', '>=', from)
      .where('occurrence_start', '<', to)
      .orderBy('occurrence_start')
      .orderBy('id')
      .execute();
    return rows.map(rideOf);
  }

  /**
   * Forgets the exact pickup, the rounded one and the rider's contact of every ride whose meeting
   * ended before `before`: the sealed details and their key go together. Returns how many.
   */
  async purgeDetails(before: string, at: string): Promise<number> {
    const rows = await this.db
      .selectFrom('ride_requests')
      .select(['id', 'data'])
      .where('occurrence_end', '<', before)
      .where('purged_at', 'is', null)
      .execute();
    for (const row of rows) {
      const { pickupArea: _dropped, ...kept } = JSON.parse(row.data) as RideData;
      await this.db
        .updateTable('ride_requests')
        .set({
          data: JSON.stringify(kept),
          details: null,
          data_key: null,
          data_key_id: null,
          code_hash: null,
          purged_at: at,
        })
        .where('id', '=', row.id)
        .execute();
    }
    return rows.length;
  }

  async insertOffers(offers: readonly RideOffer[]): Promise<void> {
    if (offers.length === 0) return;
    await this.db
      .insertInto('ride_offers')
      .values(
        offers.map((o) => ({
          id: o.id,
          request_id: o.requestId,
          driver_id: o.driverId,
          rank: o.rank,
          detour_km: o.detourKm,
          state: o.state,
          created_at: o.createdAt,
          answered_at: o.answeredAt ?? null,
        })),
      )
      .execute();
  }

  async offersOfRide(requestId: string): Promise<RideOffer[]> {
    const rows = await this.db
      .selectFrom('ride_offers')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('rank')
      .execute();
    return rows.map(offerOf);
  }

  async offersOfDriver(driverId: string): Promise<RideOffer[]> {
    const rows = await this.db
      .selectFrom('ride_offers')
      .selectAll()
      .where('driver_id', '=', driverId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(offerOf);
  }

  /** Sets the state of the ride's offers: one driver's, or every other driver's still offered. */
  async answerOffers(
    requestId: string,
    state: OfferState,
    at: string,
    which: { driverId: string } | { exceptDriverId?: string; onlyOffered: true },
  ): Promise<void> {
    let query = this.db
      .updateTable('ride_offers')
      .set({ state, answered_at: at })
      .where('request_id', '=', requestId);
    if ('driverId' in which) query = query.where('driver_id', '=', which.driverId);
    else {
      query = query.where('state', '=', 'offered');
      if (which.exceptDriverId !== undefined)
        query = query.where('driver_id', '!=', which.exceptDriverId);
    }
    await query.execute();
  }
}

function driverData(driver: Driver): DriverData {
  return {
    home: driver.home,
    onCall: driver.onCall,
    seats: driver.seats,
    wheelchair: driver.wheelchair,
    ...(driver.vetting !== undefined ? { vetting: driver.vetting } : {}),
  };
}

function driverOf(row: RideDriversTable): StoredDriver {
  const data = JSON.parse(row.data) as DriverData;
  return {
    id: row.id,
    programId: row.program_id,
    status: row.status as DriverStatus,
    ...data,
    createdAt: row.created_at,
    sealedContact: row.contact,
    wrappedKey: row.data_key,
    keyId: row.data_key_id,
    linkHash: row.link_hash,
  };
}

function rideData(ride: RideRequest): RideData {
  return {
    ...(ride.pickupArea !== undefined ? { pickupArea: ride.pickupArea } : {}),
    meetingPoint: ride.meetingPoint,
    returnTrip: ride.returnTrip,
    wheelchair: ride.wheelchair,
    passengers: ride.passengers,
  };
}

function rideOf(row: RideRequestsTable): StoredRide {
  const data = JSON.parse(row.data) as RideData;
  return {
    id: row.id,
    programId: row.program_id,
    meetingId: row.meeting_id,
    occurrenceStart: row.occurrence_start,
    occurrenceEnd: row.occurrence_end,
    ...data,
    status: row.status as RideStatus,
    ...(row.driver_id !== null ? { driverId: row.driver_id } : {}),
    ...(row.trip_km !== null ? { tripKm: Number(row.trip_km) } : {}),
    ...(row.cancelled_by !== null
      ? { cancelledBy: row.cancelled_by as 'rider' | 'driver' | 'coordinator' }
      : {}),
    ...(row.cancel_reason !== null ? { cancelReason: row.cancel_reason } : {}),
    createdAt: row.created_at,
    ...(row.confirmed_at !== null ? { confirmedAt: row.confirmed_at } : {}),
    ...(row.accepted_at !== null ? { acceptedAt: row.accepted_at } : {}),
    ...(row.closed_at !== null ? { closedAt: row.closed_at } : {}),
    ...(row.details !== null ? { sealedDetails: row.details } : {}),
    ...(row.data_key !== null ? { wrappedKey: row.data_key } : {}),
    ...(row.data_key_id !== null ? { keyId: row.data_key_id } : {}),
    linkHash: row.link_hash,
    ...(row.code_hash !== null ? { codeHash: row.code_hash } : {}),
    codeAttempts: Number(row.code_attempts),
    ...(row.purged_at !== null ? { purgedAt: row.purged_at } : {}),
  };
}

function offerOf(row: RideOffersTable): RideOffer {
  return {
    id: row.id,
    requestId: row.request_id,
    driverId: row.driver_id,
    rank: Number(row.rank),
    detourKm: Number(row.detour_km),
    state: row.state as OfferState,
    createdAt: row.created_at,
    ...(row.answered_at !== null ? { answeredAt: row.answered_at } : {}),
  };
}
