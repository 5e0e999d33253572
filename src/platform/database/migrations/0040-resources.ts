import type { Kysely } from 'kysely';

/**
 * The resource directory (HSDS 3.0 in shape): sources of resources, organizations, services,
 * locations and the services offered at each location. Nested parts (phones, schedules,
 * addresses, languages, eligibility, cost options, accessibility, service areas, recovery
 * attributes) live in each row's `data` JSON, the way a meeting's do; a service's needs also
 * get rows of their own so reports can count referrals by need in SQL. Every row belongs to
 * one source: a refresh replaces that source's rows in one transaction.
 * The public directory only: nothing here is about a person.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('resource_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_import_at', 'text')
    .addColumn('last_report', 'text')
    .execute();

  for (const table of ['resource_organizations', 'resource_services', 'resource_locations']) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source_id', 'text', (c) =>
        c.notNull().references('resource_sources.id').onDelete('cascade'),
      )
      .addColumn('source_key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex(`${table}_source_idx`)
      .on(table)
      .columns(['source_id', 'source_key'])
      .unique()
      .execute();
  }

  await db.schema
    .createTable('resource_service_at_locations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) =>
      c.notNull().references('resource_sources.id').onDelete('cascade'),
    )
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('resource_service_at_locations_source_idx')
    .on('resource_service_at_locations')
    .column('source_id')
    .execute();
  await db.schema
    .createIndex('resource_service_at_locations_service_idx')
    .on('resource_service_at_locations')
    .column('service_id')
    .execute();

  await db.schema
    .createTable('resource_service_needs')
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) =>
      c.notNull().references('resource_sources.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('resource_service_needs_pk', ['service_id', 'need'])
    .execute();
  await db.schema
    .createIndex('resource_service_needs_need_idx')
    .on('resource_service_needs')
    .column('need')
    .execute();
  await db.schema
    .createIndex('resource_service_needs_source_idx')
    .on('resource_service_needs')
    .column('source_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'resource_service_needs',
    'resource_service_at_locations',
    'resource_locations',
    'resource_services',
    'resource_organizations',
    'resource_sources',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
