import type { Clock } from '../platform/clock.js';
import { countOf } from '../platform/english.js';
import { JobRunner, type JobRunnerOptions } from '../platform/jobs/job-runner.js';
import type { Fetcher } from './feed-reader.js';
import type { ImportDeps } from './import-source.js';
import { checkLinks, type LinkCheckOptions } from './link-check.js';
import {
  refreshJobHandler,
  refreshJobKind,
  type HoldPolicy,
  type SourceRefresher,
} from './refresh-source.js';

/** The job kind of the link check; one job, target `all`. */
export const linkCheckJobKind = 'link-check';

export interface SourceJobsOptions {
  importDeps: ImportDeps;
  clock: Clock;
  fetcher?: Fetcher;
  holdPolicy?: HoldPolicy;
  /** Where refreshes run (default: on this thread). */
  refresh?: SourceRefresher;
  linkCheck?: LinkCheckOptions;
  runner?: Partial<Omit<JobRunnerOptions, 'jobs' | 'clock'>>;
}

/** A job runner that knows how to refresh sources and check links. */
export function createSourceJobs(options: SourceJobsOptions): JobRunner {
  const { importDeps, clock } = options;
  const runner = new JobRunner({ ...options.runner, jobs: importDeps.repos.jobs, clock });
  runner.register(
    refreshJobKind,
    refreshJobHandler(importDeps, options.holdPolicy, options.refresh),
  );
  runner.register(linkCheckJobKind, async () => {
    const summary = await checkLinks(
      {
        repos: importDeps.repos,
        clock,
        ...(options.fetcher !== undefined ? { fetcher: options.fetcher } : {}),
      },
      options.linkCheck,
    );
    const { ok, unreachable, not_found: notFound, invalid } = summary.results;
    return {
      ok: true,
      outcome:
        `${countOf(summary.links, 'link')} and ${countOf(summary.phones, 'dial-in')} checked: ${ok} ok, ` +
        `${unreachable} unreachable, ${notFound} not found, ${invalid} invalid` +
        (summary.deferred > 0 ? `; ${summary.deferred} left for the next run` : ''),
    };
  });
  return runner;
}

/**
 * Schedules the link check every `everySeconds` (0 removes it). Its first run is one interval
 * after it is first scheduled, so a server start does not begin by knocking on every host.
 */
export async function scheduleLinkCheck(
  deps: Pick<ImportDeps, 'repos' | 'clock'>,
  everySeconds: number,
): Promise<void> {
  if (everySeconds <= 0) {
    await deps.repos.jobs.remove(linkCheckJobKind, 'all');
    return;
  }
  const now = deps.clock.now();
  const existing = await deps.repos.jobs.find(linkCheckJobKind, 'all');
  if (existing?.intervalSeconds === everySeconds) return;
  await deps.repos.jobs.ensure(
    linkCheckJobKind,
    'all',
    {
      intervalSeconds: everySeconds,
      nextRunAt: new Date(now.getTime() + everySeconds * 1000).toISOString(),
    },
    now.toISOString(),
  );
}
