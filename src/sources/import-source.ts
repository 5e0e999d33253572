import type { CommittedChange } from '../platform/database/change-feed.js';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { countOf, forCount } from '../platform/english.js';
import type { YieldToLoop } from '../platform/loop-yield.js';
import { isPorchlightError, PorchlightError, type FeedProblem } from '../platform/errors.js';
import type { MeetingDraft } from '../meetings/model.js';
import { getProgram } from '../meetings/programs.js';
import { canonicalTimeZone } from '../meetings/time-zone.js';
import type { Repositories } from '../repositories.js';
import type { FeedContext, SourceInput } from '../feeds/reader.js';
import { problem } from '../feeds/meeting-guide/read-row.js';
import type { Geocoder, Place } from '../places/gazetteer.js';
import type { AddressGeocoder } from '../places/address-geocoder.js';
import { locateMeetings, type LocateSummary } from '../places/locate-meetings.js';
import { applySnapshot } from './apply-snapshot.js';
import { readFeedLocation, type FeedReadLimits } from './feed-reader.js';
import { detectFormat } from './format-reader.js';
import {
  isSourceFormat,
  isValidSourceName,
  maxReportedProblems,
  sourceFormats,
  startReport,
  type ImportReport,
  type Source,
  type SourceFormat,
} from './model.js';
import { formatReaders } from './readers.js';

export interface ImportDeps {
  repos: Repositories;
  clock: Clock;
  limits: FeedReadLimits;
  /**
   * The offline gazetteer: infers the zone of rows that name only a town, and places meetings
   * that have an address but no coordinates at the centre of their ZIP code or town.
   */
  geocoder?: Geocoder;
  /** The operator's street-address geocoder (answers kept in the database); never a default. */
  addressGeocoder?: AddressGeocoder;
  /** Told after a change is committed, so in-memory views (feed cache, search index) follow. */
  onChange?: (change: CommittedChange) => void | Promise<void>;
  /** Told how far a long import has got (the CLI's progress bar). */
  progress?: ImportProgress;
  /**
   * Gives the event loop a turn between slices of a long import, so a server answers requests
   * during one (absent: never; a one-shot command has nothing else to serve).
   */
  yieldToLoop?: YieldToLoop;
}

/** How far an import has got, in counts: rows read from the snapshot, then meetings written. */
export interface ImportProgress {
  /** `done` of the snapshot's `total` rows read and checked. */
  reading: (done: number, total: number) => void;
  /** `done` of the `total` readable meetings compared with the list and written. */
  writing: (done: number, total: number) => void;
}

export interface ImportRequest {
  /** The source's name; created on first import. */
  source: string;
  /** A file path or a URL (https, or http on the loopback address). */
  location: string;
  /** The format (default: the source's, else told from the content). */
  format?: SourceFormat;
  /** The program the feed lists (default: the source's, else `na` for BMLT and `aa` otherwise). */
  program?: string;
  /** The zone for rows that give no hint of one. */
  timeZone?: string;
  /** Import nothing when any row has an error. */
  strict?: boolean;
  /** Rows already in memory (demo data, tests); `location` then only labels the report. */
  rows?: unknown[];
  /** Extra headers for reading `location` (a refresh's `If-None-Match`, `If-Modified-Since`). */
  requestHeaders?: Record<string, string>;
  /** Told the validators (ETag, Last-Modified) the server sent with `location`. */
  onValidators?: (validators: { etag?: string; lastModified?: string }) => void;
  /**
   * Asked before a readable snapshot is applied; a report it returns is stored instead and
   * nothing is applied (a refresh holds a snapshot that would empty most of the source).
   */
  review?: (
    source: Source,
    drafts: readonly MeetingDraft[],
    report: ImportReport,
  ) => Promise<ImportReport | undefined>;
}

/** A town lookup memoised for one import: a feed names the same few towns many times. */
function townLocator(geocoder: Geocoder) {
  const seen = new Map<string, Place | undefined>();
  return (town: string) => {
    if (!seen.has(town)) seen.set(town, geocoder.lookup(town, { limit: 1 })[0]);
    return seen.get(town);
  };
}

/**
 * Imports one snapshot of a source in its format (Meeting Guide JSON, BMLT, CSV) in one
 * transaction: new meetings are added, changed ones updated in place (ids and slugs kept), ones
 * gone from the snapshot removed, and an unchanged snapshot changes nothing. The report is stored
 * on the source whatever the outcome; a snapshot that cannot be read leaves the list untouched.
 */
export async function importSource(
  deps: ImportDeps,
  request: ImportRequest,
): Promise<ImportReport> {
  const startedAt = deps.clock.now().toISOString();
  const settings = checkRequest(request);
  const existing = await deps.repos.sources.findByName(request.source);
  const feedProblems: FeedProblem[] = [];
  const input = sourceInput(deps, request, feedProblems);
  const format = request.format ?? existing?.format ?? (await chooseFormat(request, input));
  const source = await saveSource(deps, request, existing, { ...settings, format }, startedAt);
  // A new source is written with its first snapshot, in the same transaction: an import that
  // fails or is interrupted leaves no empty source behind.
  const isNew = existing === undefined;
  const finish = (done: ImportReport) => finishUnapplied(deps, source, done, isNew);
  const report = startReport(source, request.location, startedAt, request.strict === true);

  let reading;
  try {
    reading = await formatReaders[format](input, readingContext(deps, source, startedAt));
  } catch (error) {
    if (!isPorchlightError(error)) throw error;
    if (error.code === 'PL_FEED_NOT_MODIFIED')
      return finish({ ...report, outcome: 'not_modified' });
    return finish({
      ...report,
      problems: feedProblems,
      warningCount: feedProblems.length,
      outcome: 'failed',
      error: { code: error.code, message: error.message },
    });
  }
  summariseProblems(
    report,
    [...feedProblems, ...reading.problems],
    reading.rowCount,
    reading.drafts.length,
  );

  if (reading.rowCount > 0 && reading.drafts.length === 0) {
    // A feed whose every row is broken is a broken feed (a changed format, an error page that
    // parsed), not a region that closed every meeting: keep the list people rely on.
    return finish({
      ...report,
      outcome: 'failed',
      error: {
        code: 'PL_FEED_NO_VALID_ROWS',
        message:
          reading.rowCount === 1
            ? 'The one row could not be read; the previous list is kept.'
            : `None of the ${reading.rowCount} rows could be read; the previous list is kept.`,
      },
    });
  }
  if (request.strict === true && report.errorCount > 0) {
    return finish({
      ...report,
      outcome: 'rejected',
      error: {
        code: 'PL_IMPORT_STRICT_FAILED',
        message: `${countOf(report.errorCount, 'row')} ${forCount(report.errorCount, 'has', 'have')} errors; strict mode imports nothing.`,
      },
    });
  }
  if (deps.geocoder !== undefined) {
    const located = await locateMeetings(reading.drafts, {
      geocoder: deps.geocoder,
      cache: deps.repos.geocodeCache,
      clock: deps.clock,
      ...(deps.addressGeocoder !== undefined ? { addressGeocoder: deps.addressGeocoder } : {}),
    });
    reportLocating(report, located);
  }
  const held = await request.review?.(source, reading.drafts, report);
  if (held !== undefined) return finish(held);
  return applySnapshot(deps, source, reading.drafts, report, { createSource: isNew });
}

function readingContext(deps: ImportDeps, source: Source, fetchedAt: string): FeedContext {
  return {
    program: getProgram(source.program)!,
    sourceId: source.id,
    fetchedAt,
    ...(source.defaultTimeZone !== undefined ? { defaultTimeZone: source.defaultTimeZone } : {}),
    ...(deps.geocoder !== undefined ? { locateTown: townLocator(deps.geocoder) } : {}),
    ...(deps.progress !== undefined ? { onRow: deps.progress.reading } : {}),
    ...(deps.yieldToLoop !== undefined ? { yieldToLoop: deps.yieldToLoop } : {}),
  };
}

/** The reader's view of the location: read once, through the limits, encoding trouble noted. */
function sourceInput(
  deps: ImportDeps,
  request: ImportRequest,
  feedProblems: FeedProblem[],
): SourceInput {
  const read = async (location: string, accept?: string) => {
    const main = location === request.location;
    const feed = await readFeedLocation(location, deps.limits, {
      ...(accept !== undefined ? { accept } : {}),
      ...(main && request.requestHeaders !== undefined ? { headers: request.requestHeaders } : {}),
    });
    if (main && (feed.etag !== undefined || feed.lastModified !== undefined)) {
      request.onValidators?.({
        ...(feed.etag !== undefined ? { etag: feed.etag } : {}),
        ...(feed.lastModified !== undefined ? { lastModified: feed.lastModified } : {}),
      });
    }
    if (feed.recoded !== undefined) {
      feedProblems.push(problem(-1, undefined, undefined, 'PL_FEED_ENCODING', location));
    }
    return feed.text;
  };
  let text: Promise<string> | undefined;
  return {
    location: request.location,
    ...(request.rows !== undefined ? { rows: request.rows } : {}),
    text: () => (text ??= read(request.location)),
    fetchText: read,
  };
}

/** A new source's format, from the request's rows or the location and its content. */
async function chooseFormat(request: ImportRequest, input: SourceInput): Promise<SourceFormat> {
  if (request.rows !== undefined) {
    const first: unknown = request.rows[0];
    const bmlt = typeof first === 'object' && first !== null && 'weekday_tinyint' in first;
    return bmlt ? 'bmlt' : 'meeting-guide';
  }
  const byLocation = detectFormat(request.location, undefined);
  if (byLocation !== undefined) return byLocation;
  let text: string;
  try {
    text = await input.text();
  } catch (error) {
    // Unreadable now: the read fails again with its own code, and the report says why.
    if (isPorchlightError(error)) return 'meeting-guide';
    throw error;
  }
  const detected = detectFormat(request.location, text);
  if (detected !== undefined) return detected;
  throw new PorchlightError(
    'PL_FEED_FORMAT_UNKNOWN',
    `Cannot tell the format of ${request.location}; name it (${sourceFormats.join(', ')}).`,
  );
}

interface Settings {
  timeZone?: string;
}

function checkRequest(request: ImportRequest): Settings {
  if (!isValidSourceName(request.source)) {
    throw new PorchlightError(
      'PL_INVALID_SOURCE_NAME',
      `Source names use lower-case letters, digits and dashes (got "${request.source}").`,
    );
  }
  if (request.format !== undefined && !isSourceFormat(request.format)) {
    throw new PorchlightError(
      'PL_INVALID_QUERY',
      `"${String(request.format)}" is not a source format (${sourceFormats.join(', ')}).`,
    );
  }
  if (request.program !== undefined && getProgram(request.program) === undefined) {
    throw new PorchlightError('PL_UNKNOWN_PROGRAM', `No program is called "${request.program}".`);
  }
  if (request.timeZone === undefined) return {};
  const timeZone = canonicalTimeZone(request.timeZone);
  if (timeZone === undefined)
    throw new PorchlightError(
      'PL_INVALID_QUERY',
      `"${request.timeZone}" is not an IANA time zone.`,
    );
  return { timeZone };
}

/**
 * The source as this import sees it: a new one (not yet stored; {@link applySnapshot} creates it
 * with its first snapshot), or the stored one with a changed program, location, zone or format.
 */
async function saveSource(
  deps: ImportDeps,
  request: ImportRequest,
  existing: Source | undefined,
  settings: Settings & { format: SourceFormat },
  now: string,
): Promise<Source> {
  const { timeZone, format } = settings;
  if (existing !== undefined) {
    const program = request.program ?? existing.program;
    const defaultTimeZone = timeZone ?? existing.defaultTimeZone;
    const changed =
      program !== existing.program ||
      format !== existing.format ||
      request.location !== existing.location ||
      defaultTimeZone !== existing.defaultTimeZone;
    if (changed) {
      await deps.repos.sources.updateSettings(existing.id, {
        program,
        format,
        location: request.location,
        ...(defaultTimeZone !== undefined ? { defaultTimeZone } : {}),
      });
    }
    return {
      ...existing,
      program,
      format,
      location: request.location,
      ...(defaultTimeZone !== undefined ? { defaultTimeZone } : {}),
    };
  }
  const source: Source = {
    id: randomUUID(),
    name: request.source,
    format,
    // BMLT is the NA world's tool; every other format defaults to the Meeting Guide's AA.
    program: request.program ?? (format === 'bmlt' ? 'na' : 'aa'),
    location: request.location,
    createdAt: now,
    ...(timeZone !== undefined ? { defaultTimeZone: timeZone } : {}),
  };
  return source;
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

/** Warns, once for the whole feed, of meetings placed only approximately or not at all. */
function reportLocating(report: ImportReport, located: LocateSummary): void {
  const added: FeedProblem[] = [];
  const approximate = located.postalCode + located.town;
  if (approximate > 0) {
    const how = [
      located.postalCode > 0 ? `${located.postalCode} by ZIP code` : undefined,
      located.town > 0 ? `${located.town} by town` : undefined,
    ].filter(Boolean);
    added.push(
      problem(
        -1,
        undefined,
        'coordinates',
        'PL_PLACED_APPROXIMATELY',
        `${approximate} ${approximate === 1 ? 'meeting' : 'meetings'}: ${how.join(', ')}`,
      ),
    );
  }
  if (located.unplaced > 0) {
    added.push(
      problem(
        -1,
        undefined,
        'coordinates',
        'PL_NOT_PLACED',
        `${located.unplaced} ${located.unplaced === 1 ? 'meeting' : 'meetings'}`,
      ),
    );
  }
  if (located.geocoderError !== undefined) {
    added.push(problem(-1, undefined, 'coordinates', 'PL_GEOCODER_FAILED', located.geocoderError));
  }
  if (added.length === 0) return;
  report.warningCount += added.length;
  // Feed-wide warnings first: they are about many rows, and a long list must not hide them.
  report.problems = [...added, ...report.problems].slice(0, maxReportedProblems);
}

/** Stores the report of an import that applied nothing, on a source that already exists. */
async function finishUnapplied(
  deps: ImportDeps,
  source: Source,
  report: ImportReport,
  isNew: boolean,
): Promise<ImportReport> {
  const done = { ...report, finishedAt: deps.clock.now().toISOString() };
  if (!isNew) await deps.repos.sources.recordImport(source.id, done);
  return done;
}
