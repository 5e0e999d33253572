import type { FeedProblem } from '../platform/errors.js';

export const sourceFormats = ['meeting-guide'] as const;
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

export type ImportOutcome = 'applied' | 'unchanged' | 'rejected' | 'failed';

/** What one import did, kept on the source so people can see why a list looks as it does. */
export interface ImportReport {
  source: string;
  location: string;
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
}

/** Most problems a stored report lists; a broken 50,000-row feed must not bloat the database. */
export const maxReportedProblems = 500;

const sourceNamePattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** True for a valid source name. */
export function isValidSourceName(name: string): boolean {
  return sourceNamePattern.test(name);
}
