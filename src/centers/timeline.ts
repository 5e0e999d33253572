/** A member's timeline: encounters and assessments in the order they happened. */
import { open, openJson } from '../platform/crypto/envelope.js';
import { logMemberAccess, requirePermission } from './access.js';
import type { Assessment } from './assessments/model.js';
import type { DeskDeps } from './deps.js';
import type { Encounter } from './encounters/model.js';
import { memberKey } from './members/members.js';
import { sealContext } from './members/member-key.js';
import type { CenterAccess } from './model.js';

export type TimelineItem =
  | ({ kind: 'encounter'; at: string } & Encounter)
  | ({ kind: 'assessment'; at: string } & Assessment);

/** The member's encounters and assessments, oldest first; the read is logged. */
export async function memberTimeline(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
): Promise<TimelineItem[]> {
  requirePermission(access, 'member.read');
  const items = await timelineItems(
    deps,
    access,
    memberId,
    await memberKey(deps, access, memberId),
  );
  await logMemberAccess(deps, access, 'member.timeline', [memberId]);
  return items;
}

/** The timeline opened with the member's data key; neither checked nor logged (callers do). */
export async function timelineItems(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
  dataKey: Buffer,
): Promise<TimelineItem[]> {
  const centerId = access.center.id;
  const [encounters, assessments] = await Promise.all([
    deps.repos.centerEncounters.ofMember(centerId, memberId),
    deps.repos.centerAssessments.ofMember(centerId, memberId),
  ]);
  const items: TimelineItem[] = [
    ...encounters.map((e): TimelineItem => {
      const { centerId: _center, note, ...rest } = e;
      return {
        kind: 'encounter',
        at: e.occurredAt,
        ...rest,
        ...(note !== undefined
          ? { note: open(dataKey, note, sealContext('encounter', e.id, 'note')).toString('utf8') }
          : {}),
      };
    }),
    ...assessments.map((a): TimelineItem => {
      const { centerId: _center, result, ...rest } = a;
      const opened = openJson<{ answers: number[]; total: number }>(
        dataKey,
        result,
        sealContext('assessment', a.id, 'result'),
      );
      return { kind: 'assessment', at: a.takenAt, ...rest, ...opened };
    }),
  ];
  items.sort((x, y) => x.at.localeCompare(y.at) || x.id.localeCompare(y.id));
  return items;
}
