import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../clock.js';
import { isPorchlightError } from '../errors.js';
import { systemTimers, type Timers } from '../timers.js';
import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff.js';
import type { JobRepository } from './job-repository.js';
import type { Job, JobResult } from './model.js';

/** Does one job's work; throwing counts as a failure (with the error's code when it has one). */
export type JobHandler = (job: Job) => Promise<JobResult>;

export interface JobRunnerOptions {
  jobs: JobRepository;
  clock: Clock;
  /** This runner's name in leases; unique per process by default. */
  owner?: string;
  /**
   * How long a lease lasts unless renewed (default one minute): a runner that dies mid-run
   * (`kill -9`, a power cut) holds its job no longer than this.
   */
  leaseMs?: number;
  /** How often a live runner renews the lease of the job it is running (default a quarter of it). */
  heartbeatMs?: number;
  /** What waits for the heartbeat and the poll (real timers unless a test fires them). */
  timers?: Timers;
  backoff?: BackoffPolicy;
  /** The jitter's source, in [0, 1) (tests fix it). */
  random?: () => number;
  /** How often the timer looks for due jobs (default 30 s). */
  pollMs?: number;
  /** The first look after `start` (default 5 s, so the server is listening first). */
  initialDelayMs?: number;
  /** Most jobs one `runDue` takes on (default 20). */
  batch?: number;
  /** Told of a handler's unexpected failure (a bug, not an upstream problem). */
  onError?: (error: unknown, job: Job) => void;
}

/** One job run: the job as it was claimed, what the handler said, and when it runs next. */
export interface JobRun {
  job: Job;
  result: JobResult;
  nextRunAt?: string;
}

/**
 * Runs due jobs from the `jobs` table, one at a time. A job is run only under a lease taken in
 * the database, so several processes sharing one database never run the same job at once. The
 * lease is short and renewed by a heartbeat while the work runs, so a long import keeps it and a
 * process that dies mid-run loses it within a minute. A failure is retried after an
 * exponential backoff with jitter; a success resets the count and schedules the next run one
 * interval on. Nothing runs until `start` (the server) or `runDue` (a test, with its own clock).
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  readonly owner: string;
  private cancelPoll: (() => void) | undefined;
  private current: Promise<unknown> | undefined;
  /** Runs under way, the poll's and those started at once (`runNow`): `stop` waits for them. */
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /** Says how to do jobs of a kind. */
  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Runs every job that is due now and not leased elsewhere; returns what ran. */
  async runDue(): Promise<JobRun[]> {
    const now = this.options.clock.now().toISOString();
    const due = await this.options.jobs.due(now, this.options.batch ?? 20);
    const runs: JobRun[] = [];
    for (const job of due) {
      if (this.stopped) break;
      if (!this.handlers.has(job.kind)) continue;
      const run = await this.tracked(this.claimAndRun(job, { dueOnly: true }));
      if (run !== undefined) runs.push(run);
    }
    return runs;
  }

  /**
   * Runs one job now, due or not (`sources refresh <name>`, a new delivery's first attempt).
   * Undefined when another runner holds its lease (the same source is never read twice at
   * once), or once the runner is stopping.
   */
  async runNow(job: Job): Promise<JobRun | undefined> {
    if (this.stopped) return undefined;
    return this.tracked(this.claimAndRun(job, { dueOnly: false }));
  }

  /** Resolves once no run started so far is under way (a test's way to let them finish). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Looks for due jobs every `pollMs`, on a timer that does not keep the process alive. */
  start(): void {
    if (this.cancelPoll !== undefined || this.stopped) return;
    const tick = () => {
      this.current = this.runDue()
        .catch((error: unknown) => this.options.onError?.(error, noJob))
        .finally(() => {
          this.current = undefined;
          if (!this.stopped) schedule(this.options.pollMs ?? 30_000);
        });
    };
    const schedule = (ms: number) => {
      this.cancelPoll = this.timers.after(ms, tick);
    };
    schedule(this.options.initialDelayMs ?? 5000);
  }

  /**
   * Stops the timer and waits for the jobs under way to finish, those started at once
   * included: closing the database under a message already handed to its provider would leave
   * it leased and unrecorded, to be sent again after the lease ran out.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelPoll?.();
    this.cancelPoll = undefined;
    await this.current;
    await this.idle();
  }

  private tracked<T>(run: Promise<T>): Promise<T> {
    this.running.add(run);
    const forget = () => this.running.delete(run);
    run.then(forget, forget);
    return run;
  }

  private async claimAndRun(job: Job, options: { dueOnly: boolean }): Promise<JobRun | undefined> {
    const handler = this.handlers.get(job.kind);
    if (handler === undefined) return undefined;
    const { jobs, clock } = this.options;
    const started = clock.now();
    const claimed = await jobs.claim(
      job.id,
      this.owner,
      started.toISOString(),
      this.leaseEnd(started),
      options,
    );
    if (!claimed) return undefined;
    const stopHeartbeat = this.heartbeat(job);
    let result: JobResult;
    try {
      result = await handler(job);
    } catch (error) {
      if (!isPorchlightError(error)) this.options.onError?.(error, job);
      result = {
        ok: false,
        outcome: 'failed',
        error: {
          code: isPorchlightError(error) ? error.code : 'PL_INTERNAL',
          message: error instanceof Error ? error.message : String(error),
        },
      };
    }
    stopHeartbeat();
    const finished = clock.now();
    const failures = result.ok ? 0 : job.consecutiveFailures + 1;
    const nextRunAt = result.runAgainAt ?? this.nextRun(job, result.ok, failures, finished);
    await jobs.complete(job.id, this.owner, {
      finishedAt: finished.toISOString(),
      outcome: result.outcome,
      ...(result.error !== undefined ? { error: result.error } : {}),
      consecutiveFailures: failures,
      ...(nextRunAt !== undefined ? { nextRunAt } : {}),
    });
    return { job, result, ...(nextRunAt !== undefined ? { nextRunAt } : {}) };
  }

  private get timers(): Timers {
    return this.options.timers ?? systemTimers;
  }

  private leaseEnd(from: Date): string {
    return new Date(from.getTime() + (this.options.leaseMs ?? defaultLeaseMs)).toISOString();
  }

  /**
   * Renews the job's lease every `heartbeatMs` until the returned function is called. A renewal
   * that fails (the database busy for a moment) is tried again at the next beat; the lease is
   * long enough to miss a few.
   */
  private heartbeat(job: Job): () => void {
    const { jobs, clock } = this.options;
    const every = this.options.heartbeatMs ?? (this.options.leaseMs ?? defaultLeaseMs) / 4;
    let running = true;
    let cancel = () => {};
    const beat = async () => {
      try {
        if (running) await jobs.renew(job.id, this.owner, this.leaseEnd(clock.now()));
      } catch (error) {
        this.options.onError?.(error, job);
      }
      if (running) cancel = this.timers.after(every, beat);
    };
    cancel = this.timers.after(every, beat);
    return () => {
      running = false;
      cancel();
    };
  }

  /** One interval on after a success; after a failure, the backoff (for scheduled jobs only). */
  private nextRun(job: Job, ok: boolean, failures: number, at: Date): string | undefined {
    if (job.intervalSeconds === undefined) return undefined;
    const wait = ok
      ? job.intervalSeconds * 1000
      : backoffDelay(failures, this.options.backoff ?? defaultBackoff, this.options.random);
    return new Date(at.getTime() + wait).toISOString();
  }
}

/** A lease's length unless renewed: long enough for a few missed heartbeats, short after a crash. */
const defaultLeaseMs = 60_000;

const noJob: Job = { id: '', kind: '', target: '', consecutiveFailures: 0, createdAt: '' };
