import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import type { Repositories } from '../repositories.js';
import type { Actor, AuditEntry } from './model.js';
import { OPERATOR_ID } from './operator.js';

/**
 * Appends an administrative action to the audit log. `details` name things by id and carry no
 * personal data: a grant to a person is logged with their id, never their email.
 */
export async function recordAudit(
  repos: Repositories,
  clock: Clock,
  actor: Actor | undefined,
  action: string,
  target: { kind: string; id?: string },
  details: AuditEntry['details'] = {},
): Promise<void> {
  await repos.audit.append({
    id: randomUUID(),
    at: clock.now().toISOString(),
    action,
    targetKind: target.kind,
    details,
    // The command line is recorded as such (no actor), not as an account.
    ...(actor !== undefined && actor.personId !== OPERATOR_ID ? { actorId: actor.personId } : {}),
    ...(target.id !== undefined ? { targetId: target.id } : {}),
  });
}
