import { PorchlightError, type FeedProblem } from '../../platform/errors.js';
import { runSteps, type Steps } from '../../platform/loop-yield.js';
import type { MeetingDraft } from '../../meetings/model.js';
import { timeZoneAt } from '../../meetings/time-zone.js';
import type { FeedContext, FeedReading } from '../reader.js';
import { settleMissingZones } from '../meeting-guide/read-feed.js';
import { problem } from '../meeting-guide/read-row.js';
import { formatMeaning, keyMeaning, type BmltFormat } from './read-formats.js';
import {
  isUnpublished,
  readBmltMeeting,
  type BmltLookups,
  type FormatEntry,
} from './read-meeting.js';
import { ServiceBodies, type BmltServiceBody } from './read-service-bodies.js';

/** The answers of one BMLT server that make a snapshot: meetings, and what they refer to. */
export interface BmltAnswers {
  /** The `GetSearchResults` answer. */
  meetings: unknown;
  /** The `GetFormats` answer, read; without it formats are read by their stock keys. */
  formats?: readonly BmltFormat[];
  serviceBodies?: readonly BmltServiceBody[];
}

/** Fields every BMLT meeting row has; an answer with none of one has changed its format. */
const requiredFields = ['id_bigint', 'weekday_tinyint', 'start_time'] as const;

/**
 * Reads a BMLT server's answers into meeting drafts: unpublished rows are left out (they are not
 * part of the list), each BMLT id once, and rows without a zone get the town's, the operator's,
 * or the zone most of the server's meetings share.
 */
export function readBmltAnswers(answers: BmltAnswers, ctx: FeedContext): FeedReading {
  return runSteps(bmltAnswersSteps(answers, ctx));
}

/** {@link readBmltAnswers} a row at a time, for a reader that gives the loop turns. */
export function* bmltAnswersSteps(answers: BmltAnswers, ctx: FeedContext): Steps<FeedReading> {
  const rows = meetingRows(answers.meetings);
  checkShape(rows);
  const lookups = buildLookups(answers, ctx);

  const problems: FeedProblem[] = [];
  const drafts: MeetingDraft[] = [];
  const missingZone: { draft: MeetingDraft; index: number }[] = [];
  const zoneCounts = new Map<string, number>();
  const seen = new Set<string>();
  let rowCount = 0;
  // Indexes stay positions in the answer, so a problem can be found in what the server sent.
  for (let index = 0; index < rows.length; index++) {
    if (index > 0) yield;
    const raw = rows[index];
    ctx.onRow?.(index, rows.length);
    if (isUnpublished(raw)) continue;
    rowCount++;
    const reading = readBmltMeeting(raw, index, lookups);
    problems.push(...reading.problems);
    const draft = reading.draft;
    if (draft === undefined) continue;
    const id = draft.provenance.sourceSlug;
    if (seen.has(id)) {
      problems.push(problem(index, id, 'id_bigint', 'PL_DUPLICATE_SLUG'));
      continue;
    }
    seen.add(id);
    drafts.push(draft);
    if (reading.timeZoneMissing) missingZone.push({ draft, index });
    else zoneCounts.set(draft.timeZone, (zoneCounts.get(draft.timeZone) ?? 0) + 1);
  }
  ctx.onRow?.(rows.length, rows.length);
  const { locateTown, ...withoutTowns } = ctx;
  const stillMissing = missingZone.filter(({ draft }) => {
    const zone = ctx.defaultTimeZone === undefined ? zoneOfTown(draft, locateTown) : undefined;
    if (zone === undefined) return true;
    draft.timeZone = zone;
    zoneCounts.set(zone, (zoneCounts.get(zone) ?? 0) + 1);
    return false;
  });
  settleMissingZones(stillMissing, zoneCounts, withoutTowns, problems);
  for (const p of problems) if (p.field === 'timezone') p.field = 'time_zone';
  return { drafts, problems, rowCount };
}

/** The meeting rows of a `GetSearchResults` answer (plain, or with `get_used_formats`). */
function meetingRows(answer: unknown): unknown[] {
  if (Array.isArray(answer)) return answer;
  if (answer !== null && typeof answer === 'object') {
    const meetings = (answer as Record<string, unknown>).meetings;
    if (Array.isArray(meetings)) return meetings;
  }
  throw new PorchlightError(
    'PL_FEED_FORMAT_CHANGED',
    'The BMLT GetSearchResults answer is not a JSON array of meetings.',
  );
}

function checkShape(rows: unknown[]): void {
  const objects = rows.filter(
    (row): row is Record<string, unknown> => row !== null && typeof row === 'object',
  );
  if (objects.length === 0) return;
  const missing = requiredFields.filter((field) => !objects.some((row) => field in row));
  if (missing.length > 0) {
    throw new PorchlightError(
      'PL_FEED_FORMAT_CHANGED',
      `No meeting in the BMLT answer has ${missing.join(', ')}; the server's format has changed.`,
    );
  }
}

function buildLookups(answers: BmltAnswers, ctx: FeedContext): BmltLookups {
  const program = ctx.program;
  const byKey = new Map<string, FormatEntry>();
  let formatsById: Map<string, FormatEntry> | undefined;
  if (answers.formats !== undefined) {
    formatsById = new Map();
    for (const format of answers.formats) {
      const entry = { key: format.key, name: format.name, meaning: formatMeaning(program, format) };
      if (format.id !== '') formatsById.set(format.id, entry);
      if (format.key !== '' && !byKey.has(format.key)) byKey.set(format.key, entry);
    }
  }
  const formatByKey = (key: string): FormatEntry => {
    let entry = byKey.get(key);
    if (entry === undefined) {
      // A key the server did not list, or no list at all: the stock keys are our codes.
      entry = { key, name: '', meaning: keyMeaning(program, key) };
      byKey.set(key, entry);
    }
    return entry;
  };
  return {
    program,
    sourceId: ctx.sourceId,
    fetchedAt: ctx.fetchedAt,
    formatByKey,
    ...(formatsById !== undefined ? { formatsById } : {}),
    ...(answers.serviceBodies !== undefined
      ? { serviceBodies: new ServiceBodies(answers.serviceBodies) }
      : {}),
  };
}

/**
 * The zone of the town a meeting without a room names, from its address parts. The postal code
 * is left out of the query: "Falkensee, Brandenburg 14612" would otherwise be read as a ZIP code
 * in New York.
 */
function zoneOfTown(
  draft: MeetingDraft,
  locateTown: FeedContext['locateTown'],
): string | undefined {
  const { city, region, country } = draft.place.address;
  if (locateTown === undefined || city === undefined) return undefined;
  const queries = [[city, region, country].filter(Boolean).join(', ')];
  if (region !== undefined && country !== undefined) queries.push(`${city}, ${country}`);
  for (const query of queries) {
    const point = locateTown(query);
    if (point !== undefined) return timeZoneAt(point.latitude, point.longitude);
  }
  return undefined;
}
