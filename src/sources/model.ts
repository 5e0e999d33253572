import type { FeedProblem } from '../platform/errors.js';

/** The formats a source can be read in. */
export const sourceFormats = ['meeting-guide', 'bmlt', 'csv'] as const;
export type SourceFormat = (typeof sourceFormats)[number];

/** A registered upstream list of meetings, and what happened the last time it was read. */
export interface Source {
  id: string;
  /** The operator's name for it (`--source`): lower-case letters, digits and dashes. */
  name: string;
  format: SourceFormat;
  /** The program whose vocabulary the source's type codes are read in. */
  program: string;
  /** The file or URL it was last read from. */
  location?: string;
  defaultTimeZone?: string;
  createdAt: string;
  lastImportAt?: string;
  lastReport?: ImportReport;
}

/**
 * `not_modified`: the server said the feed has not changed since the last read (a 304), so
 * nothing was read or changed; `held`: the snapshot would remove most of the source's meetings
 * and waits for a person to approve or reject it, the previous list still shown.
 */
export const importOutcomes = [
  'applied',
  'unchanged',
  'not_modified',
  'held',
  'rejected',
  'failed',
] as const;
export type ImportOutcome = (typeof importOutcomes)[number];

/** What one import did, kept on the source so people can see why a list looks as it does. */
export interface ImportReport {
  source: string;
  location: string;
  /** The format the source was read in (absent in reports stored before sources had several). */
  format?: SourceFormat;
  startedAt: string;
  finishedAt: string;
  outcome: ImportOutcome;
  strict: boolean;
  rowCount: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Rows not imported because of an error-level problem. */
  skipped: number;
  errorCount: number;
  warningCount: number;
  /** The first problems found (the counts above cover all of them). */
  problems: FeedProblem[];
  /** Set when the feed as a whole could not be read. */
  error?: { code: string; message: string };
  /** Set when the snapshot was held for review instead of applied. */
  held?: HeldSummary;
}

/** Why a snapshot was held: how many meetings the source has and how many it would lose. */
export interface HeldSummary {
  existing: number;
  wouldRemove: number;
  /** Meetings in the held snapshot. */
  incoming: number;
  /** False when the snapshot was too large to keep; approving then reads the source again. */
  snapshotKept: boolean;
}

/**
 * The report of an import of `source` from `location` begun at `startedAt`, before anything is
 * read: nothing counted yet, and failed until it says otherwise.
 */
export function startReport(
  source: Pick<Source, 'name' | 'format'>,
  location: string,
  startedAt: string,
  strict = false,
): ImportReport {
  return {
    source: source.name,
    location,
    format: source.format,
    startedAt,
    finishedAt: startedAt,
    outcome: 'failed',
    strict,
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

/** Most problems a stored report lists; a broken 50,000-row feed must not bloat the database. */
export const maxReportedProblems = 500;

const sourceNamePattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** True for a format a source can be read in. */
export function isSourceFormat(value: string): value is SourceFormat {
  return (sourceFormats as readonly string[]).includes(value);
}

/** True for a valid source name. */
export function isValidSourceName(name: string): boolean {
  return sourceNamePattern.test(name);
}

/** A source an operator removed with its meetings, kept so it can be restored. */
export interface RemovedSource {
  /** The source as it was, with its id: a restored source gets it back. */
  source: Source;
  removedAt: string;
  /** The person who removed it; absent when it was the command line. */
  removedBy?: string;
  /** The history change set recording the deletion of its meetings. */
  changeSet: string;
  /** Its refresh interval; absent when it was refreshed only on request. */
  intervalSeconds?: number;
  /** The service body that published it. */
  serviceBodyId?: string;
  meetingCount: number;
}
