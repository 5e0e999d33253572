/**
 * A SUPRT-style follow-up list: for each member on the full-engagement path, the baseline
 * BARC-10 (due within 30 days of intake) and the six-month reassessment (due 180 days after
 * intake, within 30 days either side), each done, due, overdue or not yet due. Members appear by
 * their pseudonymous id only; the list is for the center's own reporting and follow-up.
 */
import { stringify } from 'csv-stringify/sync';
import { localDateIn } from '../../meetings/time-zone.js';
import { openJson } from '../../platform/crypto/envelope.js';
import { logMemberAccess, requirePermission } from '../access.js';
import type { StoredAssessment } from '../assessments/assessment-repository.js';
import type { DeskDeps } from '../deps.js';
import { openMemberKey, sealContext } from '../members/member-key.js';
import type { CenterAccess } from '../model.js';

const DAY = 86_400_000;
export const BASELINE_DAYS = 30;
export const REASSESS_DAYS = 180;
export const WINDOW_DAYS = 30;

export type FollowUpStatus = 'done' | 'due' | 'overdue' | 'not_yet_due';

export interface SuprtRow {
  memberId: string;
  intakeDate: string;
  baselineDueBy: string;
  baselineDate: string;
  baselineTotal: number | '';
  baselineStatus: FollowUpStatus;
  reassessmentWindowStart: string;
  reassessmentWindowEnd: string;
  reassessmentDate: string;
  reassessmentTotal: number | '';
  reassessmentStatus: FollowUpStatus;
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayValue = (instant: string, zone: string) =>
  Date.parse(`${localDateIn(Date.parse(instant), zone)}T00:00:00.000Z`);

function status(done: boolean, today: number, opens: number, closes: number): FollowUpStatus {
  if (done) return 'done';
  if (today < opens) return 'not_yet_due';
  return today <= closes ? 'due' : 'overdue';
}

/** The follow-up rows as of `today` (the center's date, as a UTC midnight). */
export async function suprtRows(
  deps: DeskDeps,
  access: CenterAccess,
  today: Date,
): Promise<SuprtRow[]> {
  requirePermission(access, 'report.read');
  const centerId = access.center.id;
  const { members, assessments } = await deps.repos.centerReports.membersAndAssessments(centerId);
  const full = members.filter((m) => m.engagement === 'full');
  const byMember = new Map<string, StoredAssessment[]>();
  for (const a of assessments)
    if (a.instrument === 'barc-10')
      byMember.set(a.memberId, [...(byMember.get(a.memberId) ?? []), a]);
  const keys = new Map(
    (
      await deps.repos.centerReports.keysOf(
        centerId,
        full.map((m) => m.id),
      )
    ).map((k) => [k.memberId, k]),
  );
  const keyring = deps.keyring();
  const now = today.getTime();
  const zone = access.center.timeZone;
  const rows: SuprtRow[] = [];
  for (const member of full) {
    const key = keys.get(member.id);
    if (key === undefined) continue;
    // Days are the center's calendar days, written as UTC midnights so whole days subtract.
    const intake = dayValue(member.createdAt, zone);
    const list = byMember.get(member.id) ?? [];
    const inDays = (a: StoredAssessment, from: number, to: number) => {
      const t = dayValue(a.takenAt, zone);
      return t >= from && t <= to;
    };
    const baselineEnd = intake + BASELINE_DAYS * DAY;
    const windowStart = intake + (REASSESS_DAYS - WINDOW_DAYS) * DAY;
    const windowEnd = intake + (REASSESS_DAYS + WINDOW_DAYS) * DAY;
    const baseline = list.find((a) => inDays(a, intake, baselineEnd));
    const reassessment = list.find((a) => inDays(a, windowStart, windowEnd));
    const dataKey =
      baseline !== undefined || reassessment !== undefined
        ? openMemberKey(keyring, key)
        : undefined;
    const total = (a: StoredAssessment | undefined): number | '' =>
      a === undefined || dataKey === undefined
        ? ''
        : openJson<{ total: number }>(dataKey, a.result, sealContext('assessment', a.id, 'result'))
            .total;
    rows.push({
      memberId: member.id,
      intakeDate: dateOf(intake),
      baselineDueBy: dateOf(baselineEnd),
      baselineDate: baseline === undefined ? '' : localDateIn(Date.parse(baseline.takenAt), zone),
      baselineTotal: total(baseline),
      baselineStatus: status(baseline !== undefined, now, intake, baselineEnd),
      reassessmentWindowStart: dateOf(windowStart),
      reassessmentWindowEnd: dateOf(windowEnd),
      reassessmentDate:
        reassessment === undefined ? '' : localDateIn(Date.parse(reassessment.takenAt), zone),
      reassessmentTotal: total(reassessment),
      reassessmentStatus: status(reassessment !== undefined, now, windowStart, windowEnd),
    });
  }
  await logMemberAccess(
    deps,
    access,
    'report.suprt',
    rows.map((r) => r.memberId),
  );
  return rows;
}

const columns: [keyof SuprtRow, string][] = [
  ['memberId', 'member_id'],
  ['intakeDate', 'intake_date'],
  ['baselineDueBy', 'baseline_due_by'],
  ['baselineDate', 'baseline_date'],
  ['baselineTotal', 'baseline_barc10_total'],
  ['baselineStatus', 'baseline_status'],
  ['reassessmentWindowStart', 'reassessment_window_start'],
  ['reassessmentWindowEnd', 'reassessment_window_end'],
  ['reassessmentDate', 'reassessment_date'],
  ['reassessmentTotal', 'reassessment_barc10_total'],
  ['reassessmentStatus', 'reassessment_status'],
];

/** The rows as CSV with a header row. */
export function suprtCsv(rows: readonly SuprtRow[]): string {
  return stringify(
    rows.map((r) => columns.map(([k]) => r[k])),
    { header: true, columns: columns.map(([, header]) => header) },
  );
}
