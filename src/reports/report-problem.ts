import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { PorchlightError } from '../platform/errors.js';
import type { Repositories } from '../repositories.js';
import type { ProblemReport, ReportInput } from './model.js';

/** Takes a reader's report about the meeting with this slug (what the public pages hold). */
export type ReportProblem = (slug: string, input: ReportInput) => Promise<ProblemReport>;

/** The report service over a store and a clock. */
export function problemReporter(repos: Repositories, clock: Clock): ReportProblem {
  return (slug, input) => reportProblem(repos, clock, slug, input);
}

/** Stores a reader's report about the meeting with this slug, for the list's editors. */
export async function reportProblem(
  repos: Repositories,
  clock: Clock,
  slug: string,
  input: ReportInput,
): Promise<ProblemReport> {
  const meeting = await repos.meetings.findBySlug(slug);
  if (meeting === undefined) throw new PorchlightError('PL_MEETING_NOT_FOUND', { slug });
  const report: ProblemReport = {
    id: randomUUID(),
    meetingId: meeting.id,
    kind: input.kind,
    message: input.message,
    createdAt: clock.now().toISOString(),
  };
  await repos.problemReports.insert(report);
  return report;
}
