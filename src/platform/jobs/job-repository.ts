import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { columns } from '../database/columns.js';
import type { Database, JobsTable } from '../database/schema.js';
import type { Job, JobError } from './model.js';

/** How a job is to be scheduled when it is created or its interval changes. */
export interface JobSchedule {
  intervalSeconds?: number;
  nextRunAt?: string;
}

/** What a finished run leaves on the job. */
export interface JobCompletion {
  finishedAt: string;
  outcome: string;
  error?: JobError;
  consecutiveFailures: number;
  nextRunAt?: string;
}

/**
 * The only code that speaks SQL about jobs. Leases are taken with one conditional UPDATE, which
 * both SQLite and PostgreSQL apply atomically: of two runners racing for a job, one updates a
 * row and the other none.
 */
export class JobRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(kind: string, target: string): Promise<Job | undefined> {
    const row = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', kind)
      .where('target', '=', target)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async listByKind(kind: string): Promise<Job[]> {
    const rows = await this.db.selectFrom('jobs').selectAll().where('kind', '=', kind).execute();
    return rows.map(fromRow);
  }

  /**
   * Creates the job, or changes its interval; `nextRunAt` moves only when given (an interval
   * changed, or the job is new), so re-adding a source does not reset a backoff under way.
   */
  async ensure(kind: string, target: string, schedule: JobSchedule, now: string): Promise<Job> {
    const existing = await this.find(kind, target);
    if (existing === undefined) {
      await this.db
        .insertInto('jobs')
        .values({
          id: randomUUID(),
          kind,
          target,
          interval_seconds: schedule.intervalSeconds ?? null,
          next_run_at: schedule.nextRunAt ?? null,
          consecutive_failures: 0,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['kind', 'target']).doNothing())
        .execute();
    } else {
      const changes: Partial<JobsTable> = { interval_seconds: schedule.intervalSeconds ?? null };
      if (schedule.nextRunAt !== undefined) changes.next_run_at = schedule.nextRunAt;
      await this.db.updateTable('jobs').set(changes).where('id', '=', existing.id).execute();
    }
    return (await this.find(kind, target))!;
  }

  /**
   * A job of one target per database that runs every `intervalSeconds` (the first time at
   * `now`); left as it is when it exists, so a restart does not move its schedule.
   */
  async ensureRecurring(kind: string, intervalSeconds: number, now: string): Promise<void> {
    if ((await this.find(kind, 'all')) !== undefined) return;
    await this.ensure(kind, 'all', { intervalSeconds, nextRunAt: now }, now);
  }

  /** How many jobs are due and waiting, running under a lease, and failing (for /metrics). */
  async counts(now: string): Promise<{ due: number; running: number; failing: number }> {
    const row = await this.db
      .selectFrom('jobs')
      .select((eb) => [
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(
                eb.and([
                  eb('next_run_at', '<=', now),
                  eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]),
                ]),
              )
              .then(1)
              .else(0)
              .end(),
          )
          .as('due'),
        eb.fn
          .sum<number>(eb.case().when('locked_until', '>=', now).then(1).else(0).end())
          .as('running'),
        eb.fn
          .sum<number>(eb.case().when('consecutive_failures', '>', 0).then(1).else(0).end())
          .as('failing'),
      ])
      .executeTakeFirst();
    return {
      due: Number(row?.due ?? 0),
      running: Number(row?.running ?? 0),
      failing: Number(row?.failing ?? 0),
    };
  }

  /** Jobs due at `now` and not leased, soonest first. */
  async due(now: string, limit: number): Promise<Job[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('next_run_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('next_run_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /**
   * Takes the job's lease until `until` when nobody holds it (or their lease ran out). With
   * `dueOnly`, only while it is still due: a runner that listed it before another finished it
   * must not run it again.
   */
  async claim(
    id: string,
    owner: string,
    now: string,
    until: string,
    options: { dueOnly: boolean },
  ): Promise<boolean> {
    let q = this.db
      .updateTable('jobs')
      .set({ locked_until: until, locked_by: owner, last_started_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]));
    if (options.dueOnly) q = q.where('next_run_at', '<=', now);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Moves the lease on to `until` while this owner still holds it (the heartbeat of a live
   * holder); false when it does not (its lease ran out and another runner took the job).
   */
  async renew(id: string, owner: string, until: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ locked_until: until })
      .where('id', '=', id)
      .where('locked_by', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records a run and releases the lease, if this owner still holds it. */
  async complete(id: string, owner: string, done: JobCompletion): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({
        locked_until: null,
        locked_by: null,
        last_finished_at: done.finishedAt,
        last_outcome: done.outcome,
        last_error: done.error === undefined ? null : JSON.stringify(done.error),
        consecutive_failures: done.consecutiveFailures,
        next_run_at: done.nextRunAt ?? null,
      })
      .where('id', '=', id)
      .where('locked_by', '=', owner)
      .execute();
  }

  /** Removes the jobs of a kind for these targets (finished one-off work being cleared away). */
  async removeTargets(kind: string, targets: readonly string[]): Promise<void> {
    // In slices, so no statement carries more parameters than a database takes.
    for (let i = 0; i < targets.length; i += 500)
      await this.db
        .deleteFrom('jobs')
        .where('kind', '=', kind)
        .where('target', 'in', targets.slice(i, i + 500))
        .execute();
  }

  async remove(kind: string, target: string): Promise<void> {
    await this.db
      .deleteFrom('jobs')
      .where('kind', '=', kind)
      .where('target', '=', target)
      .execute();
  }
}

/** The fields stored as they are; counts are read as numbers (PostgreSQL's may be strings). */
const plain = columns([
  'id',
  'kind',
  'target',
  'consecutiveFailures',
  'createdAt',
  'intervalSeconds',
  'nextRunAt',
  'lockedUntil',
  'lockedBy',
  'lastStartedAt',
  'lastFinishedAt',
  'lastOutcome',
]);

function fromRow(row: Selectable<JobsTable>): Job {
  const job: Job = {
    ...plain.fromRow(row),
    consecutiveFailures: Number(row.consecutive_failures),
  };
  if (row.interval_seconds !== null) job.intervalSeconds = Number(row.interval_seconds);
  if (row.last_error !== null) job.lastError = JSON.parse(row.last_error) as JobError;
  return job;
}
