/**
 * Who may act in a center. Every desk service starts from a `CenterAccess`, so every query is
 * scoped to that center. A center the person is not staff of answers exactly as a center that
 * does not exist (PL_CENTER_NOT_FOUND): no one learns another center's existence, let alone
 * its records.
 */
import { randomUUID } from 'node:crypto';
import { PorchlightError } from '../platform/errors.js';
import type { DeskDeps } from './deps.js';
import { roleMay, type CenterAccess, type DeskAction } from './model.js';

/** The person acting, and the one center their credential is limited to, if any. */
export interface DeskCaller {
  personId: string;
  centerId?: string;
}

/** The caller's access to the center with this slug; PL_CENTER_NOT_FOUND when they have none. */
export async function openCenter(
  deps: Pick<DeskDeps, 'repos'>,
  caller: DeskCaller,
  slug: string,
): Promise<CenterAccess> {
  const center = await deps.repos.centers.bySlug(slug);
  const role =
    center === undefined || (caller.centerId !== undefined && caller.centerId !== center.id)
      ? undefined
      : await deps.repos.centers.staffRole(center.id, caller.personId);
  if (center === undefined || role === undefined)
    throw new PorchlightError('PL_CENTER_NOT_FOUND', undefined, { field: 'slug' });
  return { center, personId: caller.personId, role };
}

/** Throws PL_FORBIDDEN when the caller's role does not allow the action in this center. */
export function requirePermission(access: CenterAccess, action: DeskAction): void {
  if (!roleMay(access.role, action)) throw new PorchlightError('PL_FORBIDDEN');
}

/** Writes who read or wrote which member records, and when; never what they hold. */
export async function logMemberAccess(
  deps: Pick<DeskDeps, 'repos' | 'clock'>,
  access: CenterAccess,
  action: string,
  memberIds: readonly string[],
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.repos.centers.logAccess(
    memberIds.map((memberId) => ({
      id: randomUUID(),
      centerId: access.center.id,
      at,
      actorId: access.personId,
      action,
      memberId,
    })),
  );
}
