import { formatDuration } from '../platform/jobs/duration.js';
import type { Repositories } from '../repositories.js';
import type { HeldSummary } from './model.js';
import { refreshJobKind } from './refresh-source.js';

/** How a source is kept fresh, as listings show it. */
export interface RefreshStatus {
  /** The interval (`4h`, `1d`); absent when the source is refreshed only when asked. */
  every?: string;
  everySeconds?: number;
  nextRunAt?: string;
  lastRunAt?: string;
  lastOutcome?: string;
  lastError?: { code: string; message: string };
  /** Failures in a row; the wait before the next attempt grows with them. */
  consecutiveFailures: number;
  /** True while a process holds the refresh's lease. */
  running: boolean;
}

/** A snapshot held for review, as listings show it. */
export interface HeldStatus extends HeldSummary {
  heldAt: string;
}

/** The refresh job and held snapshot of every source that has one, by source id. */
export async function refreshStatuses(
  repos: Repositories,
  now: Date,
): Promise<Map<string, { refresh?: RefreshStatus; held?: HeldStatus }>> {
  const statuses = new Map<string, { refresh?: RefreshStatus; held?: HeldStatus }>();
  const at = now.toISOString();
  for (const job of await repos.jobs.listByKind(refreshJobKind)) {
    const refresh: RefreshStatus = {
      consecutiveFailures: job.consecutiveFailures,
      running: job.lockedUntil !== undefined && job.lockedUntil > at,
    };
    if (job.intervalSeconds !== undefined) {
      refresh.every = formatDuration(job.intervalSeconds);
      refresh.everySeconds = job.intervalSeconds;
    }
    if (job.nextRunAt !== undefined) refresh.nextRunAt = job.nextRunAt;
    if (job.lastFinishedAt !== undefined) refresh.lastRunAt = job.lastFinishedAt;
    if (job.lastOutcome !== undefined) refresh.lastOutcome = job.lastOutcome;
    if (job.lastError !== undefined) refresh.lastError = job.lastError;
    statuses.set(job.target, { refresh });
  }
  for (const [sourceId, { heldAt, report }] of await repos.heldSnapshots.summaries()) {
    if (report.held === undefined) continue;
    const entry = statuses.get(sourceId) ?? {};
    entry.held = { heldAt, ...report.held };
    statuses.set(sourceId, entry);
  }
  return statuses;
}
