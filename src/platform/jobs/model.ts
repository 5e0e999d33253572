/** A piece of background work the runner does on a schedule: refresh a source, check links. */
export interface Job {
  id: string;
  /** What to do, e.g. `refresh-source` or `link-check`; a handler is registered per kind. */
  kind: string;
  /** What to do it to: a source id, or `all`. */
  target: string;
  /** How often it runs; absent for a job that runs only when asked. */
  intervalSeconds?: number;
  /** When it is next due (ISO 8601); absent when it is not scheduled. */
  nextRunAt?: string;
  /** While a runner holds the job, when its lease runs out. */
  lockedUntil?: string;
  lockedBy?: string;
  consecutiveFailures: number;
  lastStartedAt?: string;
  lastFinishedAt?: string;
  lastOutcome?: string;
  lastError?: JobError;
  createdAt: string;
}

export interface JobError {
  code: string;
  message: string;
}

/** What a handler reports: a failure is backed off, a success resets the backoff. */
export interface JobResult {
  ok: boolean;
  /** A short word for the result (`applied`, `not_modified`, `failed`, ...). */
  outcome: string;
  error?: JobError;
  /**
   * When a one-off job (no interval) wants another attempt, and when: a delivery that failed for
   * a passing reason. Without it a one-off job runs again only when asked.
   */
  runAgainAt?: string;
}
