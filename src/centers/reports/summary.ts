/**
 * The period summary a supervisor reports to funders: members served, new members, check-ins
 * and encounters by type, hours of peer support, and BARC-10 change. Every count of 1 to 10 is
 * "fewer than 11", and a figure drawn from fewer than 11 members is not shown at all.
 */
import { openJson } from '../../platform/crypto/envelope.js';
import { requirePermission } from '../access.js';
import type { DeskDeps } from '../deps.js';
import { encounterTypes } from '../encounters/model.js';
import { openMemberKey, sealContext } from '../members/member-key.js';
import type { CenterAccess } from '../model.js';
import type { ReportPeriod } from './period.js';
import { reportCount, reportFigure, type ReportedCount } from './small-counts.js';

export interface Summary {
  center: string;
  from: string;
  to: string;
  membersServed: ReportedCount;
  newMembers: ReportedCount;
  checkIns: ReportedCount;
  encounters: ReportedCount;
  encountersByType: Record<string, ReportedCount>;
  hoursOfPeerSupport: number | 'fewer than 11';
  /** Recovery plan goals marked completed in the period. */
  planGoalsCompleted: ReportedCount;
  barc10: {
    /** Members with a BARC-10 in the period. */
    membersAssessed: ReportedCount;
    /** Of those, members with an earlier BARC-10 to compare with. */
    membersReassessed: ReportedCount;
    /** Mean change of the total from each member's first BARC-10 to their last in the period. */
    meanChange: number | 'fewer than 11';
  };
}

/** The summary of one period of the caller's center. */
export async function summarise(
  deps: DeskDeps,
  access: CenterAccess,
  period: ReportPeriod,
): Promise<Summary> {
  requirePermission(access, 'report.read');
  const centerId = access.center.id;
  const counts = await deps.repos.centerReports.periodCounts(centerId, period.start, period.end);
  const byType: Record<string, ReportedCount> = {};
  let encounters = 0;
  let minutes = 0;
  for (const type of encounterTypes) {
    const c = counts.encountersByType[type] ?? { count: 0, minutes: 0 };
    byType[type] = reportCount(c.count);
    encounters += c.count;
    minutes += c.minutes;
  }
  const [change, goalsCompleted] = await Promise.all([
    barc10Change(deps, centerId, period),
    deps.repos.centerPlans.completedBetween(centerId, period.start, period.end),
  ]);
  return {
    center: access.center.slug,
    from: period.from,
    to: period.to,
    membersServed: reportCount(counts.membersServed),
    newMembers: reportCount(counts.newMembers),
    checkIns: reportCount(counts.encountersByType.brief_check_in?.count ?? 0),
    encounters: reportCount(encounters),
    encountersByType: byType,
    hoursOfPeerSupport: reportFigure(Math.round(minutes / 6) / 10, counts.membersServed),
    planGoalsCompleted: reportCount(goalsCompleted),
    barc10: {
      membersAssessed: reportCount(change.assessed),
      membersReassessed: reportCount(change.changes.length),
      meanChange: reportFigure(
        change.changes.length === 0
          ? 0
          : Math.round((change.changes.reduce((s, c) => s + c, 0) / change.changes.length) * 10) /
              10,
        change.changes.length,
      ),
    },
  };
}

async function barc10Change(
  deps: DeskDeps,
  centerId: string,
  period: ReportPeriod,
): Promise<{ assessed: number; changes: number[] }> {
  const assessments = await deps.repos.centerReports.assessmentsOfMembersAssessedIn(
    centerId,
    period.start,
    period.end,
  );
  const byMember = new Map<string, typeof assessments>();
  for (const a of assessments) {
    if (a.instrument !== 'barc-10') continue;
    byMember.set(a.memberId, [...(byMember.get(a.memberId) ?? []), a]);
  }
  const keys = await deps.repos.centerReports.keysOf(centerId, [...byMember.keys()]);
  const keyring = deps.keyring();
  const changes: number[] = [];
  let assessed = 0;
  for (const key of keys) {
    const list = byMember.get(key.memberId) ?? [];
    if (list.length === 0) continue;
    assessed += 1;
    if (list.length < 2) continue;
    const dataKey = openMemberKey(keyring, key);
    const total = (a: (typeof list)[number]) =>
      openJson<{ total: number }>(dataKey, a.result, sealContext('assessment', a.id, 'result'))
        .total;
    changes.push(total(list[list.length - 1]!) - total(list[0]!));
  }
  return { assessed, changes };
}
