/**
 * Resource sources refresh themselves the way meeting sources do (decision 0136): a job per
 * source in the `jobs` table, run under a lease renewed by a heartbeat and backed off after a
 * failure; a conditional read when the last snapshot came with an ETag or Last-Modified (a 304
 * changes nothing); the shrink guard (a snapshot that would remove most of a source is held and
 * the directory kept); and a report on the source after every pass, with the problems located
 * in the snapshot. `porchlight resources schedule|refresh` and the server's runner share it.
 */
import type { Clock } from '../platform/clock.js';
import { isPorchlightError, PorchlightError } from '../platform/errors.js';
import type { JobRepository } from '../platform/jobs/job-repository.js';
import type { JobHandler, JobRunner } from '../platform/jobs/job-runner.js';
import type { Job } from '../platform/jobs/model.js';
import type { FeedReadLimits } from '../sources/feed-reader.js';
import { conditionalHeaders } from '../sources/refresh-validators.js';
import { importResources } from './import-resources.js';
import type { ResourceSource } from './model.js';
import type {
  ResourceImportReport,
  ResourcePassOutcome,
  ResourceRepository,
  ResourceValidators,
} from './resource-repository.js';

/** The job kind of a resource source's refresh; its target is the source id. */
export const resourceRefreshJobKind = 'refresh-resources';

export interface ResourceRefreshDeps {
  resources: ResourceRepository;
  jobs: JobRepository;
  clock: Clock;
  limits: FeedReadLimits;
}

export interface ResourceRefreshOptions {
  /** Applies a snapshot even when it removes most of the source (a person decided it). */
  allowShrink?: boolean;
}

/** What a pass did, as stored on the source. */
export type ResourceRefreshReport = ResourceImportReport & { outcome: ResourcePassOutcome };

/** Whether a pass's outcome counts as a success for the job's backoff. */
function succeeded(outcome: ResourcePassOutcome): boolean {
  return outcome !== 'failed';
}

async function sourceNamed(deps: ResourceRefreshDeps, name: string): Promise<ResourceSource> {
  const source = await deps.resources.sourceByName(name);
  if (source === undefined) throw new PorchlightError('PL_SOURCE_NOT_FOUND', { name });
  return source;
}

/**
 * Reads a source again and applies it when it changed. Whatever happens, the pass's report is
 * stored on the source; a failure, a 304 or a held shrink leaves its directory as it was.
 */
export async function refreshResources(
  deps: ResourceRefreshDeps,
  source: ResourceSource,
  options: ResourceRefreshOptions = {},
): Promise<ResourceRefreshReport> {
  const { location } = source;
  const validators = await deps.resources.validators(source.id);
  let received: Omit<ResourceValidators, 'location'> = {};
  try {
    const result = await importResources(
      { resources: deps.resources, clock: deps.clock, limits: deps.limits },
      {
        source: source.name,
        location,
        format: source.format,
        requestHeaders: conditionalHeaders(validators, location),
        onValidators: (v) => {
          received = v;
        },
        skipUnchanged: true,
        ...(options.allowShrink === true ? { allowShrink: true } : {}),
      },
    );
    const fresh = received.etag !== undefined || received.lastModified !== undefined;
    await deps.resources.saveValidators(source.id, fresh ? { location, ...received } : undefined);
    return { ...result.report, outcome: result.outcome };
  } catch (error) {
    if (!isPorchlightError(error)) throw error;
    const previous = (await deps.resources.listSources(source.centerId)).find(
      (s) => s.id === source.id,
    )?.lastReport;
    const outcome: ResourcePassOutcome =
      error.code === 'PL_FEED_NOT_MODIFIED'
        ? 'not_modified'
        : error.code === 'PL_SNAPSHOT_HELD'
          ? 'held'
          : 'failed';
    const located = error.details?.problems;
    const report: ResourceRefreshReport = {
      outcome,
      finishedAt: deps.clock.now().toISOString(),
      // The counts are what the source still holds; a held snapshot's own are in the message.
      counts: previous?.counts ?? {},
      problems: Array.isArray(located)
        ? (located as ResourceImportReport['problems'])
        : outcome === 'not_modified'
          ? (previous?.problems ?? [])
          : [],
      ...(outcome !== 'not_modified'
        ? { error: { code: error.code, message: error.message } }
        : {}),
      ...(previous?.digest !== undefined ? { digest: previous.digest } : {}),
    };
    await deps.resources.saveReport(source.id, report);
    return report;
  }
}

/** The job handler that refreshes the resource source a job names. */
export function resourceRefreshHandler(
  deps: ResourceRefreshDeps,
  options: ResourceRefreshOptions = {},
): JobHandler {
  return async (job) => {
    const source = (await deps.resources.listSources()).find((s) => s.id === job.target);
    if (source === undefined) {
      await deps.jobs.remove(job.kind, job.target);
      return { ok: true, outcome: 'source_removed' };
    }
    const report = await refreshResources(deps, source, options);
    return {
      ok: succeeded(report.outcome),
      outcome: report.outcome,
      ...(report.outcome === 'failed' && report.error !== undefined ? { error: report.error } : {}),
    };
  };
}

/** Teaches a job runner (the server's) to refresh resource sources. */
export function registerResourceRefresh(deps: ResourceRefreshDeps, runner: JobRunner): void {
  runner.register(resourceRefreshJobKind, resourceRefreshHandler(deps));
}

/**
 * Refreshes a source every `everySeconds` from now on (its first refresh due at once when the
 * interval changed), or, with undefined, only when asked.
 */
export async function scheduleResourceRefresh(
  deps: ResourceRefreshDeps,
  name: string,
  everySeconds: number | undefined,
): Promise<{ source: ResourceSource; job?: Job }> {
  const source = await sourceNamed(deps, name);
  if (everySeconds === undefined) {
    await deps.jobs.remove(resourceRefreshJobKind, source.id);
    return { source };
  }
  if (!Number.isSafeInteger(everySeconds) || everySeconds < 60)
    throw new PorchlightError(
      'PL_INVALID_INTERVAL',
      'A source is refreshed at most once a minute.',
    );
  const now = deps.clock.now().toISOString();
  const previous = await deps.jobs.find(resourceRefreshJobKind, source.id);
  const job = await deps.jobs.ensure(
    resourceRefreshJobKind,
    source.id,
    {
      intervalSeconds: everySeconds,
      ...(previous?.intervalSeconds !== everySeconds ? { nextRunAt: now } : {}),
    },
    now,
  );
  return { source, job };
}

/** How often a source is refreshed, and when next; undefined when only on request. */
export async function resourceRefreshSchedule(
  deps: Pick<ResourceRefreshDeps, 'jobs'>,
  sourceId: string,
): Promise<Job | undefined> {
  const job = await deps.jobs.find(resourceRefreshJobKind, sourceId);
  return job?.intervalSeconds === undefined ? undefined : job;
}

/**
 * Refreshes a source now, under the same lease as the background refresh (never twice at once
 * across processes); returns the report stored on the source.
 */
export async function refreshResourcesNow(
  deps: ResourceRefreshDeps,
  runner: JobRunner,
  name: string,
): Promise<ResourceRefreshReport> {
  const source = await sourceNamed(deps, name);
  const now = deps.clock.now().toISOString();
  const job =
    (await deps.jobs.find(resourceRefreshJobKind, source.id)) ??
    (await deps.jobs.ensure(resourceRefreshJobKind, source.id, {}, now));
  const run = await runner.runNow(job);
  if (run === undefined) {
    const until = (await deps.jobs.find(resourceRefreshJobKind, source.id))?.lockedUntil;
    throw new PorchlightError(
      'PL_SOURCE_BUSY',
      `The source "${name}" is being refreshed by another process; try again shortly` +
        (until !== undefined ? ` (if that process stopped, after ${until}).` : '.'),
    );
  }
  const after = (await deps.resources.listSources(source.centerId)).find((s) => s.id === source.id);
  const report = after?.lastReport;
  if (report === undefined) {
    throw new PorchlightError(
      'PL_FEED_UNREADABLE',
      run.result.error?.message ?? `The source "${name}" could not be refreshed.`,
    );
  }
  return { ...report, outcome: report.outcome ?? 'applied' };
}
