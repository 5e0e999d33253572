/**
 * A member's whole record, exported (everything the desk holds about them, opened), and erased
 * (their data key destroyed with the rows, so no backup can be read either). Both are logged;
 * the log keeps who erased which id and when, and nothing else.
 */
import { PorchlightError } from '../../platform/errors.js';
import { logMemberAccess, requirePermission } from '../access.js';
import type { DeskDeps } from '../deps.js';
import type { CenterAccess } from '../model.js';
import { memberTimeline, type TimelineItem } from '../timeline.js';
import type { PlanGoal } from '../plans/model.js';
import { memberPlan } from '../plans/plans.js';
import { openMember } from './members.js';
import type { Member } from './model.js';

export interface MemberExport {
  exportedAt: string;
  center: { slug: string; name: string };
  member: Omit<Member, 'centerId'>;
  timeline: TimelineItem[];
  /** The member's recovery plan: goals with their steps. */
  plan: PlanGoal[];
  /** Who read or wrote the record, and when (never what). */
  access: { at: string; action: string; actorId?: string }[];
}

/** Everything the center holds about a member, readable. */
export async function exportMember(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
): Promise<MemberExport> {
  requirePermission(access, 'member.export');
  const { centerId: _center, ...member } = await openMember(deps, access, memberId);
  // The timeline needs member.read, which every role that may export has.
  const timeline = await memberTimeline(deps, access, memberId);
  const plan = await memberPlan(deps, access, memberId);
  await logMemberAccess(deps, access, 'member.export', [memberId]);
  const log = await deps.repos.centers.accessOf(access.center.id, memberId);
  return {
    exportedAt: deps.clock.now().toISOString(),
    center: { slug: access.center.slug, name: access.center.name },
    member,
    timeline,
    plan,
    access: log.map((e) => ({
      at: e.at,
      action: e.action,
      ...(e.actorId !== undefined ? { actorId: e.actorId } : {}),
    })),
  };
}

/** Erases a member of the caller's center; PL_MEMBER_NOT_FOUND when there is none. */
export async function eraseMember(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
): Promise<void> {
  requirePermission(access, 'member.erase');
  await deps.repos.transaction(async (repos) => {
    if (!(await repos.centerMembers.erase(access.center.id, memberId)))
      throw new PorchlightError('PL_MEMBER_NOT_FOUND');
    await logMemberAccess({ repos, clock: deps.clock }, access, 'member.erase', [memberId]);
  });
}
