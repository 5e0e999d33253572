import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { isPorchlightError, PorchlightError, type FeedProblem } from '../platform/errors.js';
import type { Meeting, MeetingDraft } from '../meetings/model.js';
import { getProgram } from '../meetings/programs.js';
import { encodeMeetingData, type StoredMeeting } from '../meetings/repository.js';
import { chooseSlug } from '../meetings/slug.js';
import { canonicalTimeZone } from '../meetings/time-zone.js';
import type { Repositories } from '../repositories.js';
import { parseFeedText, readMeetingGuideFeed } from '../feeds/meeting-guide/read-feed.js';
import { readFeedLocation, type FeedReadLimits } from './feed-reader.js';
import type { Geocoder, Place } from '../places/gazetteer.js';
import { isValidSourceName, maxReportedProblems, type ImportReport, type Source } from './model.js';

/** A town lookup memoised for one import: a feed names the same few towns many times. */
function townLocator(geocoder: Geocoder) {
  const seen = new Map<string, Place | undefined>();
  return (town: string) => {
    if (!seen.has(town)) seen.set(town, geocoder.lookup(town, { limit: 1 })[0]);
    return seen.get(town);
  };
}

/** Rows per INSERT batch while an import runs. */
const insertBatchSize = 400;

export interface ImportDeps {
  repos: Repositories;
  clock: Clock;
  limits: FeedReadLimits;
  /** The offline gazetteer, to infer the zone of rows that name only a town. */
  geocoder?: Geocoder;
  /** Told after a change is committed, so in-memory views (feed cache, search index) follow. */
  onChange?: (change: StoreChange) => void | Promise<void>;
}

/** What one committed write changed: the new store revision and the meetings it touched. */
export interface StoreChange {
  revision: number;
  /** Ids of meetings added or updated. */
  upserted: string[];
  /** Ids of meetings removed. */
  removed: string[];
}

export interface ImportRequest {
  /** The source's name; created on first import. */
  source: string;
  /** A file path or an https URL. */
  location: string;
  /** The program the feed lists (default: the source's, else `aa`). */
  program?: string;
  /** The zone for rows that give no hint of one. */
  timeZone?: string;
  /** Import nothing when any row has an error. */
  strict?: boolean;
  /** Rows already in memory (demo data, tests); `location` then only labels the report. */
  rows?: unknown[];
}

/**
 * Imports a Meeting Guide feed into a named source in one transaction: new rows are added,
 * changed rows updated in place (ids and slugs kept), rows gone from the feed removed, and an
 * unchanged feed changes nothing. The report is stored on the source whatever the outcome.
 */
export async function importFeed(deps: ImportDeps, request: ImportRequest): Promise<ImportReport> {
  const startedAt = deps.clock.now().toISOString();
  const source = await findOrCreateSource(deps, request, startedAt);
  const report = emptyReport(source, request, startedAt);

  let drafts: MeetingDraft[];
  try {
    const rows =
      request.rows ?? parseFeedText((await readFeedLocation(request.location, deps.limits)).text);
    const reading = readMeetingGuideFeed(rows, {
      program: getProgram(source.program)!,
      sourceId: source.id,
      fetchedAt: startedAt,
      ...(source.defaultTimeZone !== undefined ? { defaultTimeZone: source.defaultTimeZone } : {}),
      ...(deps.geocoder !== undefined ? { locateTown: townLocator(deps.geocoder) } : {}),
    });
    drafts = reading.drafts;
    summariseProblems(report, reading.problems, reading.rowCount, drafts.length);
  } catch (error) {
    if (!isPorchlightError(error)) throw error;
    return finish(deps, source, {
      ...report,
      outcome: 'failed',
      error: { code: error.code, message: error.message },
    });
  }

  if (request.strict === true && report.errorCount > 0) {
    return finish(deps, source, {
      ...report,
      outcome: 'rejected',
      error: {
        code: 'PL_IMPORT_STRICT_FAILED',
        message: `${report.errorCount} rows have errors; strict mode imports nothing.`,
      },
    });
  }

  const now = deps.clock.now().toISOString();
  const change = await deps.repos.transaction(async (repos): Promise<StoreChange | undefined> => {
    const existing = new Map(
      (await repos.meetings.keysForSource(source.id)).map((k) => [k.sourceSlug, k]),
    );
    // Loaded once, on the first new meeting: a refresh with no new meetings never reads it.
    let taken: Set<string> | undefined;
    const inserts: StoredMeeting[] = [];
    const upserted: string[] = [];
    let added = 0;
    const updates: StoredMeeting[] = [];
    for (const draft of drafts) {
      const data = encodeMeetingData(draft);
      const contentHash = hashContent(draft, data);
      const key = existing.get(draft.provenance.sourceSlug);
      if (key !== undefined) {
        existing.delete(draft.provenance.sourceSlug);
        if (key.contentHash === contentHash) {
          report.unchanged++;
          continue;
        }
        // createdAt is never rewritten by an update, so its value here is not used.
        updates.push({
          meeting: { ...draft, id: key.id, slug: key.slug, createdAt: now, updatedAt: now },
          contentHash,
          data,
        });
      } else {
        taken ??= await repos.meetings.slugsInUse();
        const slug = chooseSlug(draft.provenance.sourceSlug, draft.name, taken);
        taken.add(slug);
        const meeting: Meeting = {
          ...draft,
          id: randomUUID(),
          slug,
          createdAt: now,
          updatedAt: now,
        };
        inserts.push({ meeting, contentHash, data });
        // Written in batches as we go, so a large feed's rows are not all held at once.
        upserted.push(meeting.id);
        if (inserts.length >= insertBatchSize) {
          added += inserts.length;
          await repos.meetings.insert(inserts.splice(0));
        }
      }
    }
    const removed = [...existing.values()].map((k) => k.id);
    added += inserts.length;
    await repos.meetings.insert(inserts);
    await repos.meetings.update(updates);
    await repos.meetings.remove(removed);
    for (const update of updates) upserted.push(update.meeting.id);
    report.added = added;
    report.updated = updates.length;
    report.removed = removed.length;
    const changed = added + updates.length + removed.length > 0;
    report.outcome = changed ? 'applied' : 'unchanged';
    report.finishedAt = deps.clock.now().toISOString();
    await repos.sources.recordImport(source.id, report);
    if (!changed) return undefined;
    return { revision: await repos.revision.bump(), upserted, removed };
  });
  if (change !== undefined) await deps.onChange?.(change);
  return report;
}

async function findOrCreateSource(
  deps: ImportDeps,
  request: ImportRequest,
  now: string,
): Promise<Source> {
  if (!isValidSourceName(request.source)) {
    throw new PorchlightError(
      'PL_INVALID_SOURCE_NAME',
      `Source names use lower-case letters, digits and dashes (got "${request.source}").`,
    );
  }
  if (request.program !== undefined && getProgram(request.program) === undefined) {
    throw new PorchlightError('PL_UNKNOWN_PROGRAM', `No program is called "${request.program}".`);
  }
  let timeZone: string | undefined;
  if (request.timeZone !== undefined) {
    timeZone = canonicalTimeZone(request.timeZone);
    if (timeZone === undefined)
      throw new PorchlightError(
        'PL_INVALID_QUERY',
        `"${request.timeZone}" is not an IANA time zone.`,
      );
  }
  const existing = await deps.repos.sources.findByName(request.source);
  if (existing !== undefined) {
    const program = request.program ?? existing.program;
    const defaultTimeZone = timeZone ?? existing.defaultTimeZone;
    const changed =
      program !== existing.program ||
      request.location !== existing.location ||
      defaultTimeZone !== existing.defaultTimeZone;
    if (changed) {
      await deps.repos.sources.updateSettings(existing.id, {
        program,
        location: request.location,
        ...(defaultTimeZone !== undefined ? { defaultTimeZone } : {}),
      });
    }
    return {
      ...existing,
      program,
      location: request.location,
      ...(defaultTimeZone !== undefined ? { defaultTimeZone } : {}),
    };
  }
  const source: Source = {
    id: randomUUID(),
    name: request.source,
    format: 'meeting-guide',
    program: request.program ?? 'aa',
    location: request.location,
    createdAt: now,
    ...(timeZone !== undefined ? { defaultTimeZone: timeZone } : {}),
  };
  await deps.repos.sources.create(source);
  return source;
}

function emptyReport(source: Source, request: ImportRequest, startedAt: string): ImportReport {
  return {
    source: source.name,
    location: request.location,
    startedAt,
    finishedAt: startedAt,
    outcome: 'failed',
    strict: request.strict === true,
    rowCount: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    skipped: 0,
    errorCount: 0,
    warningCount: 0,
    problems: [],
  };
}

function summariseProblems(
  report: ImportReport,
  problems: FeedProblem[],
  rowCount: number,
  accepted: number,
): void {
  report.rowCount = rowCount;
  report.skipped = rowCount - accepted;
  report.errorCount = problems.filter((p) => p.severity === 'error').length;
  report.warningCount = problems.length - report.errorCount;
  report.problems = problems.slice(0, maxReportedProblems);
}

async function finish(
  deps: ImportDeps,
  source: Source,
  report: ImportReport,
): Promise<ImportReport> {
  const done = { ...report, finishedAt: deps.clock.now().toISOString() };
  await deps.repos.sources.recordImport(source.id, done);
  return done;
}

/**
 * A fingerprint of what the feed said about a meeting: its columns and its encoded detail. The
 * fetch time is not part of it, so an unchanged row hashes the same on every refresh.
 */
function hashContent(draft: MeetingDraft, data: string): string {
  const p = draft.provenance;
  const columns = [
    draft.name,
    draft.program,
    draft.attendance,
    draft.status,
    draft.timeZone,
    p.sourceUpdatedAt ?? '',
    p.lastVerifiedAt ?? '',
  ];
  return createHash('sha1')
    .update(columns.join('\u0000'))
    .update('\u0000')
    .update(data)
    .digest('base64url');
}
