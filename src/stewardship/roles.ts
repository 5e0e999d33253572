/**
 * Granting and revoking roles. An administrator grants anything; an editor grants editor and
 * group-contact roles within their own scope (delegation is how service structures work), never
 * the administrator role. Granting to an email that has no account yet creates the account.
 */
import { randomUUID } from 'node:crypto';
import { PorchlightError } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import type { Repositories } from '../repositories.js';
import { recordAudit } from '../accounts/audit.js';
import { authorize, requireAuthorized, type Target } from './authorize.js';
import {
  roles,
  type Actor,
  type Grant,
  type Person,
  type Role,
  type RoleGrant,
} from '../accounts/model.js';
import { findOrCreatePerson, parseEmail } from '../accounts/people.js';
import { OPERATOR_ID } from '../accounts/operator.js';
import { endSessionsOfRoleless } from '../accounts/sessions.js';
import { pathOf } from './tree.js';

type Deps = { repos: Repositories; clock: Clock };

/** A grant with the person it names, for pages that list who holds what. */
export interface GrantWithPerson extends RoleGrant {
  person: Pick<Person, 'id' | 'email' | 'displayName'>;
}

/** Reads a grant from form or command input; throws PL_INVALID_GRANT naming the field. */
export function parseGrantInput(input: {
  role?: unknown;
  serviceBodyId?: unknown;
  groupKey?: unknown;
}): Grant {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const role = input.role as Role;
  if (!roles.includes(role))
    throw new PorchlightError('PL_INVALID_GRANT', `The role must be one of ${roles.join(', ')}.`, {
      field: 'role',
    });
  const serviceBodyId = text(input.serviceBodyId);
  if (role === 'administrator') return { role };
  if (role === 'editor') {
    if (serviceBodyId === undefined)
      throw new PorchlightError('PL_INVALID_GRANT', 'An editor needs a service body.', {
        field: 'serviceBodyId',
      });
    return { role, serviceBodyId };
  }
  const groupKey = text(input.groupKey);
  if (groupKey === undefined || groupKey.length > 300)
    throw new PorchlightError('PL_INVALID_GRANT', 'A group contact needs a group.', {
      field: 'groupKey',
    });
  return { role, groupKey, ...(serviceBodyId !== undefined ? { serviceBodyId } : {}) };
}

/** Grants a role to the person with this email (creating their account if needed). */
export async function grantRole(
  deps: Deps,
  actor: Actor | undefined,
  email: string,
  grant: Grant,
): Promise<RoleGrant> {
  const address = parseEmail(email);
  requireAuthorized(actor, 'role.grant', await grantTarget(deps, grant));
  return deps.repos.transaction(async (repos) => {
    const { person, created } = await findOrCreatePerson(repos, deps.clock, address);
    const existing = (await repos.serviceBodies.grantsOf(person.id)).find((g) =>
      sameGrant(g.grant, grant),
    );
    if (existing !== undefined) return existing;
    const roleGrant: RoleGrant = {
      id: randomUUID(),
      personId: person.id,
      grant,
      createdAt: deps.clock.now().toISOString(),
      ...(actor !== undefined && actor.personId !== OPERATOR_ID
        ? { grantedBy: actor.personId }
        : {}),
    };
    await repos.serviceBodies.insertGrant(roleGrant);
    if (created)
      await recordAudit(repos, deps.clock, actor, 'person.create', {
        kind: 'person',
        id: person.id,
      });
    await recordAudit(
      repos,
      deps.clock,
      actor,
      'role.grant',
      { kind: 'role_grant', id: roleGrant.id },
      {
        personId: person.id,
        ...auditGrant(grant),
      },
    );
    return roleGrant;
  });
}

/** Revokes a grant the actor could have made. */
export async function revokeRole(
  deps: Deps,
  actor: Actor | undefined,
  grantId: string,
): Promise<void> {
  const roleGrant = await deps.repos.serviceBodies.grantById(grantId);
  if (roleGrant === undefined) throw new PorchlightError('PL_GRANT_NOT_FOUND');
  requireAuthorized(actor, 'role.revoke', await grantTarget(deps, roleGrant.grant));
  await deps.repos.transaction(async (repos) => {
    if (roleGrant.grant.role === 'administrator') {
      // The last administrator cannot be removed: nobody could grant the role again but the CLI.
      const admins = await repos.serviceBodies.administratorGrants();
      if (admins.length <= 1)
        throw new PorchlightError('PL_INVALID_GRANT', 'The last administrator cannot be removed.');
    }
    await repos.serviceBodies.deleteGrant(grantId);
    // Someone left with no role has nothing to keep a session for: it ends with the last role.
    await endSessionsOfRoleless(repos, deps.clock, [roleGrant.personId]);
    await recordAudit(
      repos,
      deps.clock,
      actor,
      'role.revoke',
      { kind: 'role_grant', id: grantId },
      {
        personId: roleGrant.personId,
        ...auditGrant(roleGrant.grant),
      },
    );
  });
}

/**
 * The grants scoped to a body that the actor manages, each with its person, for the body's page.
 * A person's address is shown only to those who manage roles where that person holds one (the
 * actor may revoke the grant); everyone else gets no grant at all, so no address either.
 */
export async function grantsOnServiceBody(
  deps: Deps,
  actor: Actor | undefined,
  serviceBodyId: string,
): Promise<GrantWithPerson[]> {
  if (actor === undefined) throw new PorchlightError('PL_SIGN_IN_REQUIRED');
  const bodies = new Map((await deps.repos.serviceBodies.all()).map((b) => [b.id, b]));
  const path = pathOf(bodies, serviceBodyId);
  if (path === undefined) throw new PorchlightError('PL_SERVICE_BODY_NOT_FOUND');
  const grants = (await deps.repos.serviceBodies.grantsOn(serviceBodyId)).filter((g) =>
    authorize(actor, 'role.revoke', { kind: 'grant', path, role: g.grant.role }),
  );
  if (grants.length === 0) return [];
  const people = new Map(
    (await deps.repos.accounts.peopleByIds([...new Set(grants.map((g) => g.personId))])).map(
      (p) => [p.id, p],
    ),
  );
  return grants.flatMap((g) => {
    const person = people.get(g.personId);
    if (person === undefined) return [];
    const shown: GrantWithPerson['person'] = {
      id: person.id,
      email: person.email,
      ...(person.displayName !== undefined ? { displayName: person.displayName } : {}),
    };
    return [{ ...g, person: shown }];
  });
}

/** Where a grant applies, as the authorisation rules see it. */
async function grantTarget(deps: Deps, grant: Grant): Promise<Target> {
  if (grant.role === 'administrator') return { kind: 'grant', path: [], role: grant.role };
  const bodyId = grant.serviceBodyId;
  if (bodyId === undefined) return { kind: 'grant', path: [], role: grant.role };
  const bodies = new Map((await deps.repos.serviceBodies.all()).map((b) => [b.id, b]));
  const path = pathOf(bodies, bodyId);
  if (path === undefined)
    throw new PorchlightError('PL_SERVICE_BODY_NOT_FOUND', undefined, { field: 'serviceBodyId' });
  return { kind: 'grant', path, role: grant.role };
}

function sameGrant(a: Grant, b: Grant): boolean {
  return JSON.stringify(auditGrant(a)) === JSON.stringify(auditGrant(b));
}

function auditGrant(grant: Grant): Record<string, string | null> {
  return {
    role: grant.role,
    serviceBodyId: grant.role === 'administrator' ? null : (grant.serviceBodyId ?? null),
    groupKey: grant.role === 'group_contact' ? grant.groupKey : null,
  };
}
