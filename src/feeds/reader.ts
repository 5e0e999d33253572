/**
 * The contract between a feed format's reader and whoever feeds it (the sources capability, the
 * `validate` command, tests): what a reader is given and what it gives back. It lives with the
 * formats so that they depend on nothing above them.
 */
import type { FeedProblem } from '../platform/errors.js';
import type { MeetingDraft } from '../meetings/model.js';
import type { Program } from '../meetings/programs.js';
import {
  runSteps,
  runStepsYielding,
  type Steps,
  type YieldToLoop,
} from '../platform/loop-yield.js';

export interface FeedContext {
  program: Program;
  sourceId: string;
  fetchedAt: string;
  /** The zone for rows that carry neither a zone nor coordinates (an operator's setting). */
  defaultTimeZone?: string;
  /** Finds a town's coordinates offline, to infer the zone of rows that name only a town. */
  locateTown?: (town: string) => { latitude: number; longitude: number } | undefined;
  /** Told how many of the feed's rows have been read (a progress bar's count). */
  onRow?: (done: number, total: number) => void;
  /** Gives the event loop a turn between rows of a long feed (a server reading one). */
  yieldToLoop?: YieldToLoop;
}

/** What a reader makes of one snapshot of a source: drafts, located problems, rows seen. */
export interface FeedReading {
  drafts: MeetingDraft[];
  problems: FeedProblem[];
  rowCount: number;
}

/**
 * Where a format reader gets its input: the source's location (read once, on demand), other URLs
 * of the same server (BMLT asks for formats and service bodies too), or rows already in memory.
 * Every read goes through the same Fetcher port and limits.
 */
export interface SourceInput {
  location: string;
  /** Rows handed over in memory (demo data, tests); the location then only labels the report. */
  rows?: unknown[];
  /** The text at `location`; read on the first call, the same text afterwards. */
  text(): Promise<string>;
  /** The text at another URL, within the same limits. */
  fetchText(url: string, accept?: string): Promise<string>;
}

/**
 * Reads one snapshot of a source in one format. Throws a PorchlightError when the snapshot as a
 * whole cannot be read (nothing is applied then); reports row-level trouble as problems.
 */
export type FormatReader = (input: SourceInput, ctx: FeedContext) => Promise<FeedReading>;

/** Runs a reader's steps, giving the loop turns between rows when the context asks for them. */
export function runReader(steps: Steps<FeedReading>, ctx: FeedContext): Promise<FeedReading> {
  const turn = ctx.yieldToLoop;
  return turn === undefined ? Promise.resolve(runSteps(steps)) : runStepsYielding(steps, turn);
}

/** True when a location is a URL (any scheme) rather than a file path. */
export function isUrlLocation(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}
