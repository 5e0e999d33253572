/**
 * The one place that decides who may do what. Every stewardship service calls `requireAuthorized`
 * before it changes anything, so a rule holds whichever door (page, API, CLI) the request came
 * through. Pure: the caller resolves the target's place in the service-body tree first.
 */
import { PorchlightError } from '../platform/errors.js';
import type { Actor, Grant, Role } from '../accounts/model.js';

export const actions = [
  'service_body.create',
  'service_body.update',
  'service_body.delete',
  'role.grant',
  'role.revoke',
  'meeting.create',
  'meeting.update',
  'meeting.verify',
  'meeting.delete',
  'change_request.review',
  'history.revert',
  'audit.read',
  'person.manage',
  'source.assign',
  'source.manage',
] as const;
export type Action = (typeof actions)[number];

/**
 * What an action is done to. `path` lists service-body ids from the root down: for a service body,
 * down to itself; for `service_body.create`, down to the parent-to-be ([] for a new root); for a
 * meeting, down to the body that publishes it ([] when none does, which leaves it to administrators).
 */
export type Target =
  | { kind: 'site' }
  | { kind: 'service_body'; path: readonly string[] }
  | { kind: 'meeting'; path: readonly string[]; groupKey?: string }
  | { kind: 'grant'; path: readonly string[]; role: Role };

/** Which target each action takes: a mismatch is a programming error, refused like any other. */
const targetOf: Record<Action, Target['kind']> = {
  'service_body.create': 'service_body',
  'service_body.update': 'service_body',
  'service_body.delete': 'service_body',
  'role.grant': 'grant',
  'role.revoke': 'grant',
  'meeting.create': 'meeting',
  'meeting.update': 'meeting',
  'meeting.verify': 'meeting',
  'meeting.delete': 'meeting',
  'change_request.review': 'meeting',
  'history.revert': 'meeting',
  'audit.read': 'site',
  'person.manage': 'site',
  'source.assign': 'site',
  'source.manage': 'site',
};

/** True when the actor may perform the action on the target. Anonymous actors may do none. */
export function authorize(actor: Actor | undefined, action: Action, target: Target): boolean {
  if (actor === undefined || targetOf[action] !== target.kind) return false;
  return actor.grants.some((grant) => grantAllows(grant, action, target));
}

/** Throws PL_SIGN_IN_REQUIRED (anonymous) or PL_FORBIDDEN unless the actor may act. */
export function requireAuthorized(
  actor: Actor | undefined,
  action: Action,
  target: Target,
): asserts actor is Actor {
  if (actor === undefined) throw new PorchlightError('PL_SIGN_IN_REQUIRED');
  if (!authorize(actor, action, target))
    throw new PorchlightError('PL_FORBIDDEN', `You may not ${action.replace('.', ' ')} here.`);
}

/** True when the actor is an administrator. */
export function isAdministrator(actor: Actor | undefined): boolean {
  return actor?.grants.some((g) => g.role === 'administrator') ?? false;
}

function grantAllows(grant: Grant, action: Action, target: Target): boolean {
  if (grant.role === 'administrator') return true;
  if (target.kind === 'site') return false;
  if (grant.role === 'editor') {
    const at = target.path.indexOf(grant.serviceBodyId);
    if (at === -1) return false;
    switch (action) {
      // An editor may rename their own body but not remove it: that is for whoever is above.
      case 'service_body.delete':
        return at < target.path.length - 1;
      case 'role.grant':
      case 'role.revoke':
        return target.kind === 'grant' && target.role !== 'administrator';
      default:
        return true;
    }
  }
  // A group contact keeps their own group's meetings current; structure and roles are not theirs.
  if (target.kind !== 'meeting' || target.groupKey === undefined) return false;
  if (target.groupKey !== grant.groupKey) return false;
  return action === 'meeting.create' || action === 'meeting.update' || action === 'meeting.verify';
}
