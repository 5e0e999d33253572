import { randomUUID } from 'node:crypto';
import type { MeetingDraft } from '../meetings/model.js';
import { getProgram } from '../meetings/programs.js';
import { canonicalTimeZone } from '../meetings/time-zone.js';
import { countOf } from '../platform/english.js';
import { PorchlightError } from '../platform/errors.js';
import { noYield } from '../platform/loop-yield.js';
import type { JobHandler, JobRunner } from '../platform/jobs/job-runner.js';
import type { Job } from '../platform/jobs/model.js';
import { applySnapshot } from './apply-snapshot.js';
import { importSource, type ImportDeps } from './import-source.js';
import {
  isSourceFormat,
  isValidSourceName,
  sourceFormats,
  type ImportReport,
  type Source,
  type SourceFormat,
} from './model.js';
import { conditionalHeaders, type HttpValidators } from './refresh-validators.js';

/** The job kind of a source's refresh; its target is the source id. */
export const refreshJobKind = 'refresh-source';

/**
 * The safety valve: a snapshot that would remove more than `maxRemovedShare` of a source's
 * meetings, when it has at least `minExisting`, is held for a person to approve or reject.
 */
export interface HoldPolicy {
  minExisting: number;
  maxRemovedShare: number;
  /** Largest held snapshot kept (its drafts as JSON); a larger one is read again on approval. */
  maxHeldBytes: number;
}

export const defaultHoldPolicy: HoldPolicy = {
  minExisting: 10,
  maxRemovedShare: 0.5,
  maxHeldBytes: 32 * 1024 * 1024,
};

/** A source to register for refreshing (`porchlight sources add`). */
export interface SourceRegistration {
  name: string;
  location: string;
  format: SourceFormat;
  program?: string;
  timeZone?: string;
  /** Refresh interval in seconds; absent: refreshed only when asked. */
  everySeconds?: number;
}

/**
 * Registers a source, or changes a registered one's address, format, program, zone or interval,
 * and schedules its refresh job (due at once when new or when its interval changed).
 */
export async function registerSource(
  deps: ImportDeps,
  registration: SourceRegistration,
): Promise<{ source: Source; job: Job; created: boolean }> {
  const { name, location, format } = registration;
  if (!isValidSourceName(name))
    throw new PorchlightError(
      'PL_INVALID_SOURCE_NAME',
      `Source names use lower-case letters, digits and dashes (got "${name}").`,
    );
  if (!isSourceFormat(format))
    throw new PorchlightError(
      'PL_INVALID_QUERY',
      `"${String(format)}" is not a source format (${sourceFormats.join(', ')}).`,
      { field: 'format' },
    );
  if (registration.program !== undefined && getProgram(registration.program) === undefined)
    throw new PorchlightError(
      'PL_UNKNOWN_PROGRAM',
      `No program is called "${registration.program}".`,
    );
  const timeZone =
    registration.timeZone === undefined ? undefined : canonicalTimeZone(registration.timeZone);
  if (registration.timeZone !== undefined && timeZone === undefined)
    throw new PorchlightError(
      'PL_INVALID_QUERY',
      `"${registration.timeZone}" is not an IANA time zone.`,
      {
        field: 'timezone',
      },
    );
  if (registration.everySeconds !== undefined && registration.everySeconds < 60)
    throw new PorchlightError(
      'PL_INVALID_INTERVAL',
      'A source is refreshed at most once a minute.',
    );

  const now = deps.clock.now().toISOString();
  const existing = await deps.repos.sources.findByName(name);
  let source: Source;
  if (existing === undefined) {
    source = {
      id: randomUUID(),
      name,
      format,
      program: registration.program ?? (format === 'bmlt' ? 'na' : 'aa'),
      location,
      createdAt: now,
      ...(timeZone !== undefined ? { defaultTimeZone: timeZone } : {}),
    };
    await deps.repos.sources.create(source);
  } else {
    const defaultTimeZone = timeZone ?? existing.defaultTimeZone;
    source = {
      ...existing,
      format,
      location,
      program: registration.program ?? existing.program,
      ...(defaultTimeZone !== undefined ? { defaultTimeZone } : {}),
    };
    await deps.repos.sources.updateSettings(source.id, {
      program: source.program,
      format,
      location,
      ...(defaultTimeZone !== undefined ? { defaultTimeZone } : {}),
    });
  }
  const previous = await deps.repos.jobs.find(refreshJobKind, source.id);
  const intervalChanged = previous?.intervalSeconds !== registration.everySeconds;
  const job = await deps.repos.jobs.ensure(
    refreshJobKind,
    source.id,
    {
      ...(registration.everySeconds !== undefined
        ? { intervalSeconds: registration.everySeconds }
        : {}),
      ...(previous === undefined || intervalChanged
        ? registration.everySeconds !== undefined
          ? { nextRunAt: now }
          : {}
        : {}),
    },
    now,
  );
  return { source, job, created: existing === undefined };
}

/**
 * Reads a registered source again and applies what changed. The read is conditional when the
 * last applied snapshot came with an ETag or Last-Modified (a 304 records `not_modified` and
 * changes nothing); a snapshot that would remove most of the source is held for review
 * ({@link HoldPolicy}); a failure leaves the meetings as they were. The report is stored on the
 * source whatever happened.
 */
export async function refreshSource(
  deps: ImportDeps,
  source: Source,
  policy: HoldPolicy = defaultHoldPolicy,
): Promise<ImportReport> {
  const location = source.location;
  if (location === undefined)
    throw new PorchlightError(
      'PL_SOURCE_NOT_REFRESHABLE',
      `The source "${source.name}" has no file or URL to refresh from.`,
    );
  const validators = await deps.repos.sources.validators(source.id);
  let received: Omit<HttpValidators, 'location'> = {};
  const report = await importSource(deps, {
    source: source.name,
    location,
    format: source.format,
    program: source.program,
    ...(source.defaultTimeZone !== undefined ? { timeZone: source.defaultTimeZone } : {}),
    requestHeaders: conditionalHeaders(validators, location),
    onValidators: (v) => {
      received = v;
    },
    review: (current, drafts, draftReport) =>
      holdIfDrastic(deps, current, drafts, draftReport, policy, { location, ...received }),
  });
  if (report.outcome === 'applied' || report.outcome === 'unchanged') {
    const fresh = received.etag !== undefined || received.lastModified !== undefined;
    await deps.repos.sources.saveValidators(
      source.id,
      fresh ? { location, ...received } : undefined,
    );
  }
  // The list now matches the source again: a snapshot held before is out of date.
  if (['applied', 'unchanged', 'not_modified'].includes(report.outcome))
    await deps.repos.heldSnapshots.remove(source.id);
  return report;
}

/** Holds the snapshot instead of applying it when it would remove too much of the source. */
async function holdIfDrastic(
  deps: ImportDeps,
  source: Source,
  drafts: readonly MeetingDraft[],
  report: ImportReport,
  policy: HoldPolicy,
  validators: HttpValidators,
): Promise<ImportReport | undefined> {
  const turn = deps.yieldToLoop ?? noYield;
  const incoming = new Set<string>();
  for (const draft of drafts) {
    incoming.add(draft.provenance.sourceSlug);
    await turn();
  }
  let existing = 0;
  let wouldRemove = 0;
  for await (const page of deps.repos.meetings.keysForSourcePages(source.id)) {
    existing += page.length;
    for (const key of page) if (!incoming.has(key.sourceSlug)) wouldRemove++;
    await turn();
  }
  if (existing < policy.minExisting || wouldRemove <= existing * policy.maxRemovedShare)
    return undefined;
  const json = JSON.stringify(drafts);
  const kept = Buffer.byteLength(json) <= policy.maxHeldBytes;
  const now = deps.clock.now().toISOString();
  const held: ImportReport = {
    ...report,
    outcome: 'held',
    removed: wouldRemove,
    finishedAt: now,
    error: {
      code: 'PL_SNAPSHOT_HELD',
      message:
        `The new snapshot would remove ${wouldRemove} of ${countOf(existing, 'meeting')}; it is held ` +
        `for review and the previous list is kept (porchlight sources approve|reject ${source.name}).`,
    },
    held: { existing, wouldRemove, incoming: drafts.length, snapshotKept: kept },
  };
  const fresh = validators.etag !== undefined || validators.lastModified !== undefined;
  await deps.repos.heldSnapshots.hold({
    sourceId: source.id,
    heldAt: now,
    report: held,
    drafts: kept ? json : null,
    ...(fresh ? { validators } : {}),
  });
  return held;
}

/** Applies the snapshot held for a source, as a person decided after review. */
export async function approveHeld(deps: ImportDeps, name: string): Promise<ImportReport> {
  const source = await findSource(deps, name);
  const held = await deps.repos.heldSnapshots.find(source.id);
  if (held === undefined)
    throw new PorchlightError('PL_NOTHING_HELD', `The source "${name}" has no snapshot held.`);
  let report: ImportReport;
  if (held.drafts !== undefined) {
    const { held: _held, error: _error, ...base } = held.report;
    const startedAt = deps.clock.now().toISOString();
    report = await applySnapshot(deps, source, held.drafts, {
      ...base,
      startedAt,
      finishedAt: startedAt,
      outcome: 'failed',
      added: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
    });
  } else {
    // Too large to have been kept: read it again, this time without the valve.
    report = await refreshSource(deps, source, { ...defaultHoldPolicy, minExisting: Infinity });
  }
  if (report.outcome === 'applied' || report.outcome === 'unchanged') {
    await deps.repos.heldSnapshots.remove(source.id);
    if (held.drafts !== undefined)
      await deps.repos.sources.saveValidators(source.id, held.validators);
  }
  return report;
}

/** Discards the snapshot held for a source; its meetings stay as they are. */
export async function rejectHeld(deps: ImportDeps, name: string): Promise<void> {
  const source = await findSource(deps, name);
  if (!(await deps.repos.heldSnapshots.remove(source.id)))
    throw new PorchlightError('PL_NOTHING_HELD', `The source "${name}" has no snapshot held.`);
}

/**
 * Where a refresh runs: {@link refreshSource} on this thread by default; a server hands in one
 * that runs it on a thread of its own and then brings its index up to the change (decision 0145).
 */
export type SourceRefresher = (source: Source, policy?: HoldPolicy) => Promise<ImportReport>;

/** The job handler that refreshes the source a job names. */
export function refreshJobHandler(
  deps: ImportDeps,
  policy?: HoldPolicy,
  refresh: SourceRefresher = (source, p) => refreshSource(deps, source, p),
): JobHandler {
  return async (job) => {
    const source = (await deps.repos.sources.list()).find((s) => s.id === job.target);
    if (source === undefined) {
      await deps.repos.jobs.remove(job.kind, job.target);
      return { ok: true, outcome: 'source_removed' };
    }
    const report = await refresh(source, policy);
    const ok = report.outcome !== 'failed' && report.outcome !== 'rejected';
    return {
      ok,
      outcome: report.outcome,
      ...(!ok && report.error !== undefined ? { error: report.error } : {}),
    };
  };
}

/**
 * Refreshes a source now, under the same lease as the background refresh, so it never runs twice
 * at once; returns the report stored on the source.
 */
export async function refreshNow(
  deps: ImportDeps,
  runner: JobRunner,
  name: string,
): Promise<ImportReport> {
  const source = await findSource(deps, name);
  if (source.location === undefined)
    throw new PorchlightError(
      'PL_SOURCE_NOT_REFRESHABLE',
      `The source "${name}" has no file or URL to refresh from.`,
    );
  const now = deps.clock.now().toISOString();
  const job =
    (await deps.repos.jobs.find(refreshJobKind, source.id)) ??
    (await deps.repos.jobs.ensure(refreshJobKind, source.id, {}, now));
  const run = await runner.runNow(job);
  if (run === undefined) {
    // A live holder renews its lease; one that died loses it when it runs out.
    const until = (await deps.repos.jobs.find(refreshJobKind, source.id))?.lockedUntil;
    throw new PorchlightError(
      'PL_SOURCE_BUSY',
      `The source "${name}" is being refreshed by another process; try again shortly` +
        (until !== undefined ? ` (if that process stopped, after ${until}).` : '.'),
    );
  }
  const after = await deps.repos.sources.findByName(name);
  if (after?.lastReport === undefined) {
    throw new PorchlightError(
      'PL_FEED_UNREADABLE',
      run.result.error?.message ?? `The source "${name}" could not be refreshed.`,
    );
  }
  return after.lastReport;
}

async function findSource(deps: ImportDeps, name: string): Promise<Source> {
  const source = await deps.repos.sources.findByName(name);
  if (source === undefined) throw new PorchlightError('PL_SOURCE_NOT_FOUND', { name });
  return source;
}
