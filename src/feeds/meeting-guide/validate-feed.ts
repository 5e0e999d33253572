import { Value } from 'typebox/value';
import type { FeedProblem } from '../../platform/errors.js';
import type { Program } from '../../meetings/programs.js';
import { MeetingGuideFeedSchema } from './feed-schema.js';
import { parseFeedText, readMeetingGuideFeed } from './read-feed.js';
import { problem } from './read-row.js';
import { nestsDeeperThan } from '../row-depth.js';

export interface ValidationResult {
  rowCount: number;
  validRows: number;
  errorCount: number;
  warningCount: number;
  problems: FeedProblem[];
}

/**
 * Checks a feed against both the importer's rules (what each field must mean) and the published
 * JSON Schema (what other readers of the format expect). A schema finding on a field the
 * importer already reported is not repeated. Throws PL_FEED_NOT_JSON / PL_FEED_NOT_ARRAY.
 */
export function validateMeetingGuideFeed(text: string, program: Program): ValidationResult {
  const rows = parseFeedText(text);
  const reading = readMeetingGuideFeed(rows, {
    program,
    sourceId: 'validation',
    fetchedAt: new Date(0).toISOString(),
    defaultTimeZone: 'UTC',
  });
  const reported = new Set(reading.problems.map((p) => `${p.index}/${p.field ?? ''}`));
  const rowReported = new Set(
    reading.problems.filter((p) => p.severity === 'error').map((p) => p.index),
  );
  const problems = [...reading.problems];
  // A row nested too deep is already refused, and the schema walk would recurse through it.
  const checkable = rows.map((row) => (nestsDeeperThan(row) ? null : row));
  for (const error of Value.Errors(MeetingGuideFeedSchema, checkable)) {
    const [indexText = '', field] = error.instancePath.split('/').slice(1);
    const index = Number(indexText);
    if (!Number.isInteger(index)) continue;
    const fieldName = field ?? requiredField(error.params);
    if (
      reported.has(`${index}/${fieldName ?? ''}`) ||
      (fieldName === undefined && rowReported.has(index))
    )
      continue;
    reported.add(`${index}/${fieldName ?? ''}`);
    const row = rows[index] as { slug?: unknown } | null;
    const slug = typeof row?.slug === 'string' ? row.slug : undefined;
    problems.push(problem(index, slug, fieldName, 'PL_SCHEMA_MISMATCH', error.message));
  }
  problems.sort((a, b) => a.index - b.index);
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  return {
    rowCount: rows.length,
    validRows: reading.drafts.length,
    errorCount,
    warningCount: problems.length - errorCount,
    problems,
  };
}

function requiredField(params: unknown): string | undefined {
  const required = (params as { requiredProperties?: string[] } | undefined)?.requiredProperties;
  return required?.[0];
}
