/**
 * A daily job on the jobs table forgets supporter invitations nobody completed in time, with
 * whatever contact was given for them: a row that can never be used should not be kept.
 */
import type { JobRepository } from '../platform/jobs/job-repository.js';
import type { JobRunner } from '../platform/jobs/job-runner.js';
import type { Supporters } from './supporters.js';

export const supporterSweepJobKind = 'space-supporter-sweep';

export function registerSupporterSweep(supporters: Supporters, runner: JobRunner): void {
  runner.register(supporterSweepJobKind, async () => {
    const removed = await supporters.sweep();
    return { ok: true, outcome: `removed ${removed}` };
  });
}

export async function scheduleSupporterSweep(jobs: JobRepository, now: string): Promise<void> {
  await jobs.ensureRecurring(supporterSweepJobKind, 86_400, now);
}
