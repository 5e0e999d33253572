/**
 * Service bodies: create, rename, move and remove them, and say which body publishes a source.
 * Every change is authorised here (whatever door it came through) and written to the audit log.
 */
import { randomUUID } from 'node:crypto';
import { PorchlightError } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import type { Repositories } from '../repositories.js';
import { recordAudit } from '../accounts/audit.js';
import { requireAuthorized } from './authorize.js';
import {
  serviceBodyKinds,
  type ServiceBody,
  type ServiceBodyKind,
  type ServiceBodyNode,
} from './model.js';
import { type Actor } from '../accounts/model.js';
import { endSessionsOfRoleless } from '../accounts/sessions.js';
import { pathOf, toTree, wouldCycle } from './tree.js';

type Deps = { repos: Repositories; clock: Clock };

export interface ServiceBodyInput {
  name: string;
  kind: ServiceBodyKind;
  /** Absent for a root (a zone, a region, or an intergroup that stands alone). */
  parentId?: string;
}

/** The whole tree, depth first. Reading it needs no role: the structure is public knowledge. */
export async function listServiceBodies(deps: Deps): Promise<ServiceBodyNode[]> {
  return toTree(await deps.repos.serviceBodies.all());
}

/** One body with its path, or PL_SERVICE_BODY_NOT_FOUND. */
export async function getServiceBody(deps: Deps, id: string): Promise<ServiceBodyNode> {
  const node = (await listServiceBodies(deps)).find((n) => n.id === id);
  if (node === undefined) throw new PorchlightError('PL_SERVICE_BODY_NOT_FOUND');
  return node;
}

/** Checks what a form or a command sent; throws PL_INVALID_SERVICE_BODY naming the field. */
export function parseServiceBodyInput(input: {
  name?: unknown;
  kind?: unknown;
  parentId?: unknown;
}): ServiceBodyInput {
  const name = typeof input.name === 'string' ? input.name.trim().replace(/\s+/g, ' ') : '';
  if (name.length === 0 || name.length > 200)
    throw new PorchlightError(
      'PL_INVALID_SERVICE_BODY',
      'The name must have 1 to 200 characters.',
      {
        field: 'name',
      },
    );
  if (!serviceBodyKinds.includes(input.kind as ServiceBodyKind))
    throw new PorchlightError(
      'PL_INVALID_SERVICE_BODY',
      `The kind must be one of ${serviceBodyKinds.join(', ')}.`,
      { field: 'kind' },
    );
  const parentId =
    typeof input.parentId === 'string' && input.parentId !== '' ? input.parentId : undefined;
  return { name, kind: input.kind as ServiceBodyKind, ...(parentId ? { parentId } : {}) };
}

/** Creates a body under a parent the actor edits (administrators also make roots). */
export async function createServiceBody(
  deps: Deps,
  actor: Actor | undefined,
  input: ServiceBodyInput,
): Promise<ServiceBody> {
  const bodies = await byId(deps);
  const parentPath = parentPathOf(bodies, input.parentId);
  requireAuthorized(actor, 'service_body.create', { kind: 'service_body', path: parentPath });
  const now = deps.clock.now().toISOString();
  const body: ServiceBody = {
    id: randomUUID(),
    name: input.name,
    kind: input.kind,
    createdAt: now,
    updatedAt: now,
    ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
  };
  await deps.repos.transaction(async (repos) => {
    await repos.serviceBodies.insert(body);
    await recordAudit(repos, deps.clock, actor, 'service_body.create', auditTarget(body.id), {
      kind: body.kind,
      parentId: body.parentId ?? null,
    });
  });
  return body;
}

/**
 * Renames, re-kinds or moves a body. A move needs the right to edit the body where it is and
 * to create under its new parent, so an editor cannot carry a district out of their area.
 */
export async function updateServiceBody(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: ServiceBodyInput,
): Promise<ServiceBody> {
  const bodies = await byId(deps);
  const current = bodies.get(id);
  if (current === undefined) throw new PorchlightError('PL_SERVICE_BODY_NOT_FOUND');
  requireAuthorized(actor, 'service_body.update', {
    kind: 'service_body',
    path: pathOf(bodies, id) ?? [id],
  });
  if (input.parentId !== current.parentId) {
    const parentPath = parentPathOf(bodies, input.parentId);
    if (wouldCycle(bodies, id, input.parentId))
      throw new PorchlightError('PL_SERVICE_BODY_CYCLE', undefined, { field: 'parentId' });
    requireAuthorized(actor, 'service_body.create', { kind: 'service_body', path: parentPath });
  }
  const updated: ServiceBody = {
    id,
    name: input.name,
    kind: input.kind,
    createdAt: current.createdAt,
    updatedAt: deps.clock.now().toISOString(),
    ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
  };
  await deps.repos.transaction(async (repos) => {
    await repos.serviceBodies.update(updated);
    await recordAudit(repos, deps.clock, actor, 'service_body.update', auditTarget(id), {
      kind: updated.kind,
      parentId: updated.parentId ?? null,
      previousParentId: current.parentId ?? null,
    });
  });
  return updated;
}

/** Removes a body that has no members and publishes no source; its role grants go with it. */
export async function deleteServiceBody(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
): Promise<void> {
  const bodies = await byId(deps);
  if (!bodies.has(id)) throw new PorchlightError('PL_SERVICE_BODY_NOT_FOUND');
  requireAuthorized(actor, 'service_body.delete', {
    kind: 'service_body',
    path: pathOf(bodies, id) ?? [id],
  });
  await deps.repos.transaction(async (repos) => {
    const members = await repos.serviceBodies.childCount(id);
    const sources = await repos.serviceBodies.sourcesOf(id);
    if (members > 0 || sources.length > 0) throw new PorchlightError('PL_SERVICE_BODY_NOT_EMPTY');
    const holders = (await repos.serviceBodies.grantsOn(id)).map((g) => g.personId);
    await repos.serviceBodies.delete(id);
    await endSessionsOfRoleless(repos, deps.clock, holders);
    await recordAudit(repos, deps.clock, actor, 'service_body.delete', auditTarget(id), {
      name: bodies.get(id)?.name ?? null,
    });
  });
}

/** Says which body publishes a source's meetings: administrators only, as it moves whole lists. */
export async function assignSource(
  deps: Deps,
  actor: Actor | undefined,
  sourceName: string,
  serviceBodyId: string,
): Promise<void> {
  requireAuthorized(actor, 'source.assign', { kind: 'site' });
  const source = await deps.repos.sources.findByName(sourceName);
  if (source === undefined) throw new PorchlightError('PL_SOURCE_NOT_FOUND');
  if ((await deps.repos.serviceBodies.byId(serviceBodyId)) === undefined)
    throw new PorchlightError('PL_SERVICE_BODY_NOT_FOUND');
  await deps.repos.transaction(async (repos) => {
    await repos.serviceBodies.assignSource(source.id, serviceBodyId);
    await recordAudit(
      repos,
      deps.clock,
      actor,
      'source.assign',
      { kind: 'source', id: source.id },
      {
        serviceBodyId,
      },
    );
  });
}

async function byId(deps: Deps): Promise<Map<string, ServiceBody>> {
  return new Map((await deps.repos.serviceBodies.all()).map((b) => [b.id, b]));
}

function parentPathOf(bodies: ReadonlyMap<string, ServiceBody>, parentId: string | undefined) {
  if (parentId === undefined) return [];
  const path = pathOf(bodies, parentId);
  if (path === undefined)
    throw new PorchlightError(
      'PL_SERVICE_BODY_NOT_FOUND',
      'The parent service body does not exist.',
      {
        field: 'parentId',
      },
    );
  return path;
}

function auditTarget(id: string) {
  return { kind: 'service_body', id };
}
