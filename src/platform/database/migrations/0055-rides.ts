import type { Kysely } from 'kysely';

/**
 * Volunteer rides to meetings (decision 0116). A program's area and rules, a driver's home area
 * (rounded to about 1 km), hours and seats are kept in the clear as JSON: matching reads them.
 * A driver's contact, and a rider's contact and exact pickup, are sealed under a data key of
 * the record's own, stored only wrapped by the master key; the pickup is rounded in the clear
 * until a driver accepts, and both go 30 days after the ride. Link tokens and the rider's
 * code are stored as SHA-256 hashes only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ride_programs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    // { area, rules }
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ride_coordinators')
    .addColumn('program_id', 'text', (c) =>
      c.notNull().references('ride_programs.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ride_coordinators_pk', ['program_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('ride_drivers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) =>
      c.notNull().references('ride_programs.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    // { home, onCall, seats, wheelchair, vetting }
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('data_key', 'text', (c) => c.notNull())
    .addColumn('data_key_id', 'text', (c) => c.notNull())
    .addColumn('link_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ride_drivers_program_idx')
    .on('ride_drivers')
    .columns(['program_id', 'status'])
    .execute();

  await db.schema
    .createTable('ride_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) =>
      c.notNull().references('ride_programs.id').onDelete('cascade'),
    )
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('occurrence_start', 'text', (c) => c.notNull())
    .addColumn('occurrence_end', 'text', (c) => c.notNull())
    // { pickupArea?, meetingPoint, returnTrip, wheelchair, passengers }
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('driver_id', 'text')
    .addColumn('trip_km', 'double precision')
    .addColumn('cancelled_by', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('details', 'text')
    .addColumn('data_key', 'text')
    .addColumn('data_key_id', 'text')
    .addColumn('link_hash', 'text', (c) => c.notNull().unique())
    .addColumn('code_hash', 'text')
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('purged_at', 'text')
    .execute();
  await db.schema
    .createIndex('ride_requests_program_idx')
    .on('ride_requests')
    .columns(['program_id', 'occurrence_start'])
    .execute();
  await db.schema
    .createIndex('ride_requests_meeting_idx')
    .on('ride_requests')
    .columns(['meeting_id', 'occurrence_start'])
    .execute();

  await db.schema
    .createTable('ride_offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) =>
      c.notNull().references('ride_requests.id').onDelete('cascade'),
    )
    .addColumn('driver_id', 'text', (c) =>
      c.notNull().references('ride_drivers.id').onDelete('cascade'),
    )
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('detour_km', 'double precision', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema
    .createIndex('ride_offers_request_idx')
    .on('ride_offers')
    .columns(['request_id', 'rank'])
    .execute();
  await db.schema
    .createIndex('ride_offers_driver_idx')
    .on('ride_offers')
    .columns(['driver_id', 'state'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ride_offers').ifExists().execute();
  await db.schema.dropTable('ride_requests').ifExists().execute();
  await db.schema.dropTable('ride_drivers').ifExists().execute();
  await db.schema.dropTable('ride_coordinators').ifExists().execute();
  await db.schema.dropTable('ride_programs').ifExists().execute();
}
