import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import type {
  Location,
  Organization,
  ResourceDirectory,
  ResourceFormat,
  ResourceSource,
  Service,
  ServiceAtLocation,
} from './model.js';
import { withResourceTables, type ResourceDatabase } from './tables.js';

/** Rows per insert statement: well under both dialects' limits on bound parameters. */
const batchSize = 1000;

/** How a pass over a source ended: read and written, the same as before, or left as it was. */
export type ResourcePassOutcome = 'applied' | 'unchanged' | 'not_modified' | 'held' | 'failed';

/**
 * What the last pass over a source found (an import or a refresh), kept for `resources list`
 * and the desk: the counts of what the source holds, and the problems located in the snapshot.
 */
export interface ResourceImportReport {
  counts: Record<string, number>;
  problems: { code: string; severity: string; message: string; index: number; field?: string }[];
  /** Absent in reports written before refreshes existed (they were all applied). */
  outcome?: ResourcePassOutcome;
  finishedAt?: string;
  /** Why a pass changed nothing (`PL_SNAPSHOT_HELD`, `PL_FEED_HTTP_STATUS`, ...). */
  error?: { code: string; message: string };
  /** A digest of the snapshot applied: the same snapshot again changes nothing. */
  digest?: string;
}

/** What a server said about the snapshot last applied (sent back on the next read). */
export interface ResourceValidators {
  location: string;
  etag?: string;
  lastModified?: string;
}

export interface ResourceSourceSummary extends ResourceSource {
  services: number;
  locations: number;
  lastReport?: ResourceImportReport;
}

/** The only code that speaks SQL about the resource directory. */
export class ResourceRepository {
  private readonly db: Kysely<ResourceDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withResourceTables(db);
  }

  async sourceByName(name: string): Promise<ResourceSource | undefined> {
    const row = await this.db
      .selectFrom('resource_sources')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row === undefined ? undefined : sourceOf(row);
  }

  /**
   * Registers a source, or updates where and how it is read (and whether it is published)
   * when its name is known.
   */
  async putSource(source: ResourceSource): Promise<void> {
    const published = source.public ? 1 : 0;
    await this.db
      .insertInto('resource_sources')
      .values({
        id: source.id,
        name: source.name,
        format: source.format,
        location: source.location,
        created_at: source.createdAt,
        last_import_at: source.lastImportAt ?? null,
        public: published,
        center_id: source.centerId ?? null,
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          format: source.format,
          location: source.location,
          public: published,
          center_id: source.centerId ?? null,
        }),
      )
      .execute();
  }

  /**
   * Publishes a source or takes it back to the desk; false when no source has that name (or,
   * when `centerId` is given, none of that center has).
   */
  async setPublic(name: string, published: boolean, centerId?: string): Promise<boolean> {
    let query = this.db
      .updateTable('resource_sources')
      .set({ public: published ? 1 : 0 })
      .where('name', '=', name);
    if (centerId !== undefined) query = query.where('center_id', '=', centerId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Records a pass over a source that wrote nothing (not modified, held, failed). */
  async saveReport(sourceId: string, report: ResourceImportReport): Promise<void> {
    await this.db
      .updateTable('resource_sources')
      .set({ last_report: JSON.stringify(report) })
      .where('id', '=', sourceId)
      .execute();
  }

  /** The validators kept for a source's next conditional read. */
  async validators(sourceId: string): Promise<ResourceValidators | undefined> {
    const row = await this.db
      .selectFrom('resource_sources')
      .select('http_validators')
      .where('id', '=', sourceId)
      .executeTakeFirst();
    return row?.http_validators == null
      ? undefined
      : (JSON.parse(row.http_validators) as ResourceValidators);
  }

  /** Keeps (or, with undefined, forgets) what the server said about the snapshot applied. */
  async saveValidators(
    sourceId: string,
    validators: ResourceValidators | undefined,
  ): Promise<void> {
    await this.db
      .updateTable('resource_sources')
      .set({ http_validators: validators === undefined ? null : JSON.stringify(validators) })
      .where('id', '=', sourceId)
      .execute();
  }

  /** The ids of the published sources. */
  async publicSourceIds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('resource_sources')
      .select('id')
      .where('public', '=', 1)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Every source (or every source of one center) with what it holds, by name. */
  async listSources(centerId?: string): Promise<ResourceSourceSummary[]> {
    let query = this.db.selectFrom('resource_sources').selectAll();
    if (centerId !== undefined) query = query.where('center_id', '=', centerId);
    const rows = await query.orderBy('name').execute();
    const services = await this.countBySource('resource_services');
    const locations = await this.countBySource('resource_locations');
    return rows.map((row) => ({
      ...sourceOf(row),
      services: services.get(row.id) ?? 0,
      locations: locations.get(row.id) ?? 0,
      ...(row.last_report !== null
        ? { lastReport: JSON.parse(row.last_report) as ResourceImportReport }
        : {}),
    }));
  }

  /**
   * Replaces everything one source holds with `directory`, and records the import, in one
   * transaction: a failure leaves the previous directory as it was.
   */
  async replaceSource(
    sourceId: string,
    directory: ResourceDirectory,
    at: string,
    report: ResourceImportReport,
  ): Promise<void> {
    const work = async (trx: Kysely<ResourceDatabase>) => {
      for (const table of [
        'resource_service_needs',
        'resource_service_at_locations',
        'resource_services',
        'resource_locations',
        'resource_organizations',
      ] as const) {
        await trx.deleteFrom(table).where('source_id', '=', sourceId).execute();
      }
      await insertBatches(trx, 'resource_organizations', directory.organizations, (o) =>
        recordRow(o, at),
      );
      await insertBatches(trx, 'resource_locations', directory.locations, (l) => recordRow(l, at));
      await insertBatches(trx, 'resource_services', directory.services, (s) => recordRow(s, at));
      await insertBatches(
        trx,
        'resource_service_at_locations',
        directory.serviceAtLocations,
        (sal) => {
          const { id, sourceId: source, serviceId, locationId, ...rest } = sal;
          return {
            id,
            source_id: source,
            service_id: serviceId,
            location_id: locationId,
            data: JSON.stringify(rest),
          };
        },
      );
      await insertBatches(
        trx,
        'resource_service_needs',
        directory.services.flatMap((s) =>
          [...new Set(s.needs)].map((need) => ({ service_id: s.id, need, source_id: sourceId })),
        ),
        (row) => row,
      );
      await trx
        .updateTable('resource_sources')
        .set({ last_import_at: at, last_report: JSON.stringify(report) })
        .where('id', '=', sourceId)
        .execute();
    };
    if (this.db.isTransaction) await work(this.db);
    else await this.db.transaction().execute(work);
  }

  /** The whole directory, or the directory of one source or of some sources, as stored. */
  async load(sources?: string | readonly string[]): Promise<ResourceDirectory> {
    const sourceIds = typeof sources === 'string' ? [sources] : sources;
    if (sourceIds?.length === 0) {
      return { organizations: [], locations: [], services: [], serviceAtLocations: [] };
    }
    const organizations = await this.records('resource_organizations', sourceIds);
    const locations = await this.records('resource_locations', sourceIds);
    const services = await this.records('resource_services', sourceIds);
    let salQuery = this.db.selectFrom('resource_service_at_locations').selectAll();
    if (sourceIds !== undefined) salQuery = salQuery.where('source_id', 'in', sourceIds);
    const sals = await salQuery.orderBy('id').execute();
    return {
      organizations: organizations as unknown as Organization[],
      locations: locations as unknown as Location[],
      services: services as unknown as Service[],
      serviceAtLocations: sals.map(
        (row) =>
          ({
            ...(JSON.parse(row.data) as object),
            id: row.id,
            sourceId: row.source_id,
            serviceId: row.service_id,
            locationId: row.location_id,
          }) as ServiceAtLocation,
      ),
    };
  }

  /**
   * Changes whenever a source is added, imported, published or taken back: a search index or
   * an `/hsds/` list built before is stale.
   */
  async signature(): Promise<string> {
    const row = await this.db
      .selectFrom('resource_sources')
      .select((eb) => [
        eb.fn.countAll<string | number>().as('n'),
        eb.fn.max('last_import_at').as('last'),
        eb.fn.sum<string | number | null>('public').as('published'),
      ])
      .executeTakeFirst();
    return `${Number(row?.n ?? 0)} ${row?.last ?? ''} ${Number(row?.published ?? 0)}`;
  }

  /**
   * One service and the organization offering it, read by id (two rows at most): what a referral
   * names, without loading the directory around it.
   */
  async serviceById(
    id: string,
  ): Promise<{ service: Service; organization?: Organization } | undefined> {
    const row = await this.db
      .selectFrom('resource_services')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const service = recordOf(row) as unknown as Service;
    const organizationRow = await this.db
      .selectFrom('resource_organizations')
      .selectAll()
      .where('id', '=', service.organizationId)
      .executeTakeFirst();
    return {
      service,
      ...(organizationRow !== undefined
        ? { organization: recordOf(organizationRow) as unknown as Organization }
        : {}),
    };
  }

  /** The ids of the services that have exactly this need (reports widen it themselves). */
  async serviceIdsWithNeed(need: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('resource_service_needs')
      .select('service_id')
      .where('need', '=', need)
      .orderBy('service_id')
      .execute();
    return rows.map((r) => r.service_id);
  }

  private async records(
    table: 'resource_organizations' | 'resource_services' | 'resource_locations',
    sourceIds: readonly string[] | undefined,
  ): Promise<Record<string, unknown>[]> {
    let query = this.db.selectFrom(table).selectAll();
    if (sourceIds !== undefined) query = query.where('source_id', 'in', sourceIds);
    const rows = await query.orderBy('id').execute();
    return rows.map(recordOf);
  }

  private async countBySource(
    table: 'resource_services' | 'resource_locations',
  ): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom(table)
      .select((eb) => ['source_id', eb.fn.countAll<string | number>().as('n')])
      .groupBy('source_id')
      .execute();
    return new Map(rows.map((r) => [r.source_id, Number(r.n)]));
  }
}

function sourceOf(row: ResourceDatabase['resource_sources']): ResourceSource {
  return {
    id: row.id,
    name: row.name,
    format: row.format as ResourceFormat,
    location: row.location,
    createdAt: row.created_at,
    ...(row.last_import_at !== null ? { lastImportAt: row.last_import_at } : {}),
    public: Number(row.public) === 1,
    ...(row.center_id !== null ? { centerId: row.center_id } : {}),
  };
}

/** A stored organization, service or location: its JSON with the keys from their columns. */
function recordOf(row: ResourceDatabase['resource_services']): Record<string, unknown> {
  return {
    ...(JSON.parse(row.data) as object),
    id: row.id,
    sourceId: row.source_id,
    sourceKey: row.source_key,
    // A location may have no name of its own; the column holds '' then.
    ...(row.name !== '' ? { name: row.name } : {}),
  };
}

/** An organization, service or location as a row: the keys in columns, the rest as JSON. */
function recordRow(
  record: { id: string; sourceId: string; sourceKey: string; name?: string },
  at: string,
): ResourceDatabase['resource_services'] {
  const { id, sourceId, sourceKey, name, ...rest } = record;
  return {
    id,
    source_id: sourceId,
    source_key: sourceKey,
    name: name ?? '',
    data: JSON.stringify(rest),
    updated_at: at,
  };
}

async function insertBatches<
  T extends
    | 'resource_organizations'
    | 'resource_services'
    | 'resource_locations'
    | 'resource_service_at_locations'
    | 'resource_service_needs',
  R,
>(
  db: Kysely<ResourceDatabase>,
  table: T,
  records: readonly R[],
  toRow: (record: R) => ResourceDatabase[T],
): Promise<void> {
  for (let start = 0; start < records.length; start += batchSize) {
    const rows = records.slice(start, start + batchSize).map(toRow);
    await db
      .insertInto(table)
      .values(rows as never)
      .execute();
  }
}
