/**
 * A member's whole record as the member page shows it: the profile, the timeline and the plan,
 * opened with one unwrapping of the member's key and logged in one write (three entries, one
 * per kind of read), so opening the page costs one commit, not three.
 */
import { randomUUID } from 'node:crypto';
import { requirePermission } from './access.js';
import type { DeskDeps } from './deps.js';
import { openMemberKey } from './members/member-key.js';
import { openStoredMember } from './members/members.js';
import type { Member } from './members/model.js';
import type { CenterAccess } from './model.js';
import type { PlanGoal } from './plans/model.js';
import { planGoals } from './plans/plans.js';
import { timelineItems, type TimelineItem } from './timeline.js';
import { PorchlightError } from '../platform/errors.js';

export interface MemberRecord {
  member: Member;
  timeline: TimelineItem[];
  plan: PlanGoal[];
}

/** The member's record, timeline and plan; logged as member.read, member.timeline, plan.read. */
export async function readMemberRecord(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
): Promise<MemberRecord> {
  requirePermission(access, 'member.read');
  const centerId = access.center.id;
  const [stored, key] = await Promise.all([
    deps.repos.centerMembers.byId(centerId, memberId),
    deps.repos.centerMembers.keyOf(centerId, memberId),
  ]);
  if (stored === undefined) throw new PorchlightError('PL_MEMBER_NOT_FOUND');
  const dataKey = openMemberKey(deps.keyring(), key);
  const [timeline, plan] = await Promise.all([
    timelineItems(deps, access, memberId, dataKey),
    planGoals(deps, access, memberId, dataKey),
  ]);
  const at = deps.clock.now().toISOString();
  await deps.repos.centers.logAccess(
    ['member.read', 'member.timeline', 'plan.read'].map((action) => ({
      id: randomUUID(),
      centerId,
      at,
      actorId: access.personId,
      action,
      memberId,
    })),
  );
  return { member: openStoredMember(stored, dataKey), timeline, plan };
}
