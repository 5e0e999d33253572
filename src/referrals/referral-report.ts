/**
 * Referral outcomes for a period: how many were made, by need and by status, how long the
 * receiving organizations took to answer first (median hours), and how many were completed.
 * Counts of 1 to 10 leave the center only as "fewer than 11", and the median only when at
 * least 11 referrals were answered (decision 0090's rule for every report).
 */
import { requirePermission } from '../centers/access.js';
import type { DeskDeps } from '../centers/deps.js';
import type { CenterAccess } from '../centers/model.js';
import { parsePeriod } from '../centers/reports/period.js';
import { reportCount, reportFigure, type ReportedCount } from '../centers/reports/small-counts.js';
import { needByCode } from '../resources/needs.js';

export interface ReferralReport {
  from: string;
  to: string;
  made: ReportedCount;
  completed: ReportedCount;
  byStatus: Record<string, ReportedCount>;
  byNeed: { need: string; name: string; made: ReportedCount; completed: ReportedCount }[];
  medianHoursToFirstAnswer: number | 'fewer than 11' | null;
}

export async function referralReport(
  deps: DeskDeps,
  access: CenterAccess,
  from: string,
  to: string,
): Promise<ReferralReport> {
  requirePermission(access, 'report.read');
  const period = parsePeriod(from, to, access.center.timeZone);
  const rows = await deps.repos.referrals.madeBetween(access.center.id, period.start, period.end);
  const byStatus = new Map<string, number>();
  const byNeed = new Map<string, { made: number; completed: number }>();
  const hours: number[] = [];
  for (const row of rows) {
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
    const need = row.need ?? 'unspecified';
    const counts = byNeed.get(need) ?? { made: 0, completed: 0 };
    counts.made++;
    if (row.status === 'completed') counts.completed++;
    byNeed.set(need, counts);
    if (row.firstAnswerAt !== null) {
      hours.push((Date.parse(row.firstAnswerAt) - Date.parse(row.createdAt)) / 3_600_000);
    }
  }
  hours.sort((a, b) => a - b);
  const median =
    hours.length === 0
      ? null
      : hours.length % 2 === 1
        ? hours[(hours.length - 1) / 2]!
        : (hours[hours.length / 2 - 1]! + hours[hours.length / 2]!) / 2;
  return {
    from: period.from,
    to: period.to,
    made: reportCount(rows.length),
    completed: reportCount(byStatus.get('completed') ?? 0),
    byStatus: Object.fromEntries([...byStatus].map(([status, n]) => [status, reportCount(n)])),
    byNeed: [...byNeed]
      .sort((a, b) => b[1].made - a[1].made || a[0].localeCompare(b[0]))
      .map(([need, counts]) => ({
        need,
        name: needByCode(need)?.name ?? 'Not given',
        made: reportCount(counts.made),
        completed: reportCount(counts.completed),
      })),
    medianHoursToFirstAnswer:
      median === null ? null : reportFigure(Math.round(median * 10) / 10, hours.length),
  };
}
