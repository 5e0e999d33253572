/**
 * `porchlight validate`: reads a feed as an import would (the same readers, limits and problem
 * codes) and stores nothing. The format is the one named, else the one the location or the text
 * gives away, so a spreadsheet is checked as a spreadsheet and not refused as broken JSON.
 */
import { validateMeetingGuideFeed } from '../feeds/meeting-guide/validate-feed.js';
import { problem } from '../feeds/meeting-guide/read-row.js';
import type { SourceInput } from '../feeds/reader.js';
import { getProgram } from '../meetings/programs.js';
import { PorchlightError, type FeedProblem } from '../platform/errors.js';
import { readFeedLocation, type FeedReadLimits } from './feed-reader.js';
import { detectFormat } from './format-reader.js';
import { sourceFormats, type SourceFormat } from './model.js';
import { formatReaders } from './readers.js';

export interface FeedValidation {
  format: SourceFormat;
  rowCount: number;
  validRows: number;
  errorCount: number;
  warningCount: number;
  problems: FeedProblem[];
}

export interface ValidateRequest {
  location: string;
  /** The program whose vocabulary the feed uses; default AA, NA for a BMLT server. */
  program?: string;
  /** The format, when the person named it; else it is detected. */
  format?: SourceFormat;
  limits: FeedReadLimits;
}

/**
 * Checks the feed at a location. A Meeting Guide feed is also held to the published JSON Schema;
 * a CSV sheet's problems name its spreadsheet row and column header. Throws a PorchlightError
 * when the feed as a whole cannot be read (PL_FEED_NOT_JSON, PL_FEED_NOT_CSV,
 * PL_FEED_FORMAT_UNKNOWN, ...).
 */
export async function validateFeed(request: ValidateRequest): Promise<FeedValidation> {
  const notes: FeedProblem[] = [];
  const read = async (location: string, accept?: string) => {
    const feed = await readFeedLocation(
      location,
      request.limits,
      accept !== undefined ? { accept } : {},
    );
    if (feed.recoded !== undefined && location === request.location)
      notes.push(problem(-1, undefined, undefined, 'PL_FEED_ENCODING', location));
    return feed.text;
  };
  let text: Promise<string> | undefined;
  const input: SourceInput = {
    location: request.location,
    text: () => (text ??= read(request.location)),
    fetchText: read,
  };
  const format =
    request.format ??
    detectFormat(request.location, undefined) ??
    detectFormat(request.location, await input.text());
  if (format === undefined) {
    throw new PorchlightError(
      'PL_FEED_FORMAT_UNKNOWN',
      `Cannot tell the format of ${request.location}: it is neither a JSON array of meetings nor a ` +
        `CSV sheet with a Name column. Name it with --format (${sourceFormats.join(', ')}).`,
    );
  }
  const programId = request.program ?? (format === 'bmlt' ? 'na' : 'aa');
  const program = getProgram(programId);
  if (program === undefined)
    throw new PorchlightError('PL_UNKNOWN_PROGRAM', `No program is called "${programId}".`);
  const counted = (problems: FeedProblem[], rowCount: number, validRows: number) => {
    const all = [...notes, ...problems];
    const errorCount = all.filter((p) => p.severity === 'error').length;
    return {
      format,
      rowCount,
      validRows,
      errorCount,
      warningCount: all.length - errorCount,
      problems: all,
    };
  };
  if (format === 'meeting-guide') {
    const result = validateMeetingGuideFeed(await input.text(), program);
    return counted(result.problems, result.rowCount, result.validRows);
  }
  const reading = await formatReaders[format](input, {
    program,
    sourceId: 'validation',
    fetchedAt: new Date(0).toISOString(),
    defaultTimeZone: 'UTC',
  });
  return counted(reading.problems, reading.rowCount, reading.drafts.length);
}
