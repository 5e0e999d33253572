import type { Kysely, Selectable } from 'kysely';
import type { Database, RoleGrantsTable, ServiceBodiesTable } from '../platform/database/schema.js';
import type { ServiceBody, ServiceBodyKind } from './model.js';
import type { Grant, RoleGrant } from '../accounts/model.js';

/** The only code that speaks SQL about service bodies, the sources they publish, and roles. */
export class ServiceBodyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every service body (the tree is small: a few hundred at most for a large region). */
  async all(): Promise<ServiceBody[]> {
    const rows = await this.db
      .selectFrom('service_bodies')
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toServiceBody);
  }

  async byId(id: string): Promise<ServiceBody | undefined> {
    const row = await this.db
      .selectFrom('service_bodies')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toServiceBody(row);
  }

  async insert(body: ServiceBody): Promise<void> {
    await this.db
      .insertInto('service_bodies')
      .values({
        id: body.id,
        name: body.name,
        kind: body.kind,
        parent_id: body.parentId ?? null,
        created_at: body.createdAt,
        updated_at: body.updatedAt,
      })
      .execute();
  }

  async update(body: ServiceBody): Promise<void> {
    await this.db
      .updateTable('service_bodies')
      .set({
        name: body.name,
        kind: body.kind,
        parent_id: body.parentId ?? null,
        updated_at: body.updatedAt,
      })
      .where('id', '=', body.id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('service_bodies').where('id', '=', id).execute();
  }

  async childCount(id: string): Promise<number> {
    const row = await this.db
      .selectFrom('service_bodies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Says which body publishes a source's meetings (replacing any earlier assignment). */
  async assignSource(sourceId: string, serviceBodyId: string): Promise<void> {
    await this.db.deleteFrom('service_body_sources').where('source_id', '=', sourceId).execute();
    await this.db
      .insertInto('service_body_sources')
      .values({ source_id: sourceId, service_body_id: serviceBodyId })
      .execute();
  }

  async unassignSource(sourceId: string): Promise<void> {
    await this.db.deleteFrom('service_body_sources').where('source_id', '=', sourceId).execute();
  }

  /** The body that publishes a source's meetings, if one was assigned. */
  async bodyOfSource(sourceId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('service_body_sources')
      .select('service_body_id')
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    return row?.service_body_id;
  }

  /** The ids of the sources a body publishes. */
  async sourcesOf(serviceBodyId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('service_body_sources')
      .select('source_id')
      .where('service_body_id', '=', serviceBodyId)
      .orderBy('source_id')
      .execute();
    return rows.map((r) => r.source_id);
  }

  async insertGrant(grant: RoleGrant): Promise<void> {
    const { serviceBodyId, groupKey } = grantColumns(grant.grant);
    await this.db
      .insertInto('role_grants')
      .values({
        id: grant.id,
        person_id: grant.personId,
        role: grant.grant.role,
        service_body_id: serviceBodyId,
        group_key: groupKey,
        granted_by: grant.grantedBy ?? null,
        created_at: grant.createdAt,
      })
      .execute();
  }

  async grantById(id: string): Promise<RoleGrant | undefined> {
    const row = await this.db
      .selectFrom('role_grants')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toRoleGrant(row);
  }

  async grantsOf(personId: string): Promise<RoleGrant[]> {
    const rows = await this.db
      .selectFrom('role_grants')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.flatMap((r) => toRoleGrant(r) ?? []);
  }

  /** The grants whose scope is this body (editors of it, contacts of its groups). */
  async grantsOn(serviceBodyId: string): Promise<RoleGrant[]> {
    const rows = await this.db
      .selectFrom('role_grants')
      .selectAll()
      .where('service_body_id', '=', serviceBodyId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.flatMap((r) => toRoleGrant(r) ?? []);
  }

  async administratorGrants(): Promise<RoleGrant[]> {
    const rows = await this.db
      .selectFrom('role_grants')
      .selectAll()
      .where('role', '=', 'administrator')
      .orderBy('created_at')
      .execute();
    return rows.flatMap((r) => toRoleGrant(r) ?? []);
  }

  async deleteGrant(id: string): Promise<void> {
    await this.db.deleteFrom('role_grants').where('id', '=', id).execute();
  }
}

function grantColumns(grant: Grant): { serviceBodyId: string | null; groupKey: string | null } {
  switch (grant.role) {
    case 'administrator':
      return { serviceBodyId: null, groupKey: null };
    case 'editor':
      return { serviceBodyId: grant.serviceBodyId, groupKey: null };
    case 'group_contact':
      return { serviceBodyId: grant.serviceBodyId ?? null, groupKey: grant.groupKey };
  }
}

function toServiceBody(row: Selectable<ServiceBodiesTable>): ServiceBody {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ServiceBodyKind,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.parent_id !== null ? { parentId: row.parent_id } : {}),
  };
}

/** A stored grant, or undefined for a row no current role reads (kept, but granting nothing). */
function toRoleGrant(row: Selectable<RoleGrantsTable>): RoleGrant | undefined {
  let grant: Grant;
  if (row.role === 'administrator') grant = { role: 'administrator' };
  else if (row.role === 'editor' && row.service_body_id !== null)
    grant = { role: 'editor', serviceBodyId: row.service_body_id };
  else if (row.role === 'group_contact' && row.group_key !== null)
    grant = {
      role: 'group_contact',
      groupKey: row.group_key,
      ...(row.service_body_id !== null ? { serviceBodyId: row.service_body_id } : {}),
    };
  else return undefined;
  return {
    id: row.id,
    personId: row.person_id,
    grant,
    createdAt: row.created_at,
    ...(row.granted_by !== null ? { grantedBy: row.granted_by } : {}),
  };
}
