import { PorchlightError, type FeedProblem } from '../../platform/errors.js';
import type { MeetingDraft } from '../../meetings/model.js';
import { problem, readMeetingGuideRow } from './read-row.js';
import { timeZoneAt } from '../../meetings/time-zone.js';
import { parseJsonYielding } from '../../platform/json-yielding.js';
import { runSteps, type Steps } from '../../platform/loop-yield.js';
import type { FeedContext, FeedReading } from '../reader.js';

/** Parses feed text; throws PL_FEED_NOT_JSON or PL_FEED_NOT_ARRAY when it is not a feed at all. */
export function parseFeedText(text: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(withoutBom(text));
  } catch (error) {
    throw notJson(error);
  }
  return checkFeedArray(data);
}

/** {@link parseFeedText}, giving the loop turns while a long text is parsed when `ctx` asks. */
export async function parseFeedTextFor(text: string, ctx: FeedContext): Promise<unknown[]> {
  const turn = ctx.yieldToLoop;
  if (turn === undefined) return parseFeedText(text);
  let data: unknown;
  try {
    data = await parseJsonYielding(withoutBom(text), turn);
  } catch (error) {
    throw notJson(error);
  }
  return checkFeedArray(data);
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function notJson(error: unknown): PorchlightError {
  return new PorchlightError(
    'PL_FEED_NOT_JSON',
    `The feed is not valid JSON: ${(error as Error).message}`,
  );
}

function checkFeedArray(data: unknown): unknown[] {
  if (!Array.isArray(data)) {
    const kind = data === null ? 'null' : typeof data;
    throw new PorchlightError(
      'PL_FEED_NOT_ARRAY',
      `The feed must be a JSON array of meetings, got ${kind}.`,
    );
  }
  return data;
}

/**
 * Reads a whole Meeting Guide feed: every row, then the feed-wide rules (a slug once; a zone for
 * rows that give no hint, taken from the operator's default or else the zone most rows share,
 * since a feed is one region's list).
 */
export function readMeetingGuideFeed(rows: unknown[], ctx: FeedContext): FeedReading {
  return runSteps(meetingGuideFeedSteps(rows, ctx));
}

/** {@link readMeetingGuideFeed} a row at a time, for a reader that gives the loop turns. */
export function* meetingGuideFeedSteps(rows: unknown[], ctx: FeedContext): Steps<FeedReading> {
  const problems: FeedProblem[] = [];
  const drafts: MeetingDraft[] = [];
  const missingZone: { draft: MeetingDraft; index: number }[] = [];
  const seen = new Set<string>();
  const zoneCounts = new Map<string, number>();

  for (let index = 0; index < rows.length; index++) {
    if (index > 0) yield;
    ctx.onRow?.(index, rows.length);
    const reading = readMeetingGuideRow(rows[index], index, ctx);
    problems.push(...reading.problems);
    const draft = reading.draft;
    if (draft === undefined) continue;
    const slug = draft.provenance.sourceSlug;
    if (seen.has(slug)) {
      problems.push(problem(index, slug, 'slug', 'PL_DUPLICATE_SLUG'));
      continue;
    }
    seen.add(slug);
    drafts.push(draft);
    if (reading.timeZoneMissing) missingZone.push({ draft, index });
    else zoneCounts.set(draft.timeZone, (zoneCounts.get(draft.timeZone) ?? 0) + 1);
  }

  ctx.onRow?.(rows.length, rows.length);
  settleMissingZones(missingZone, zoneCounts, ctx, problems);
  return { drafts, problems, rowCount: rows.length };
}

/**
 * Gives a zone to the drafts that carried no hint of one: the zone of the town they name, else
 * the operator's default, else the zone most of the feed's other rows share (a feed is one
 * region's list). Shared by every format that can leave a row without a zone.
 */
export function settleMissingZones(
  missingZone: { draft: MeetingDraft; index: number }[],
  zoneCounts: Map<string, number>,
  ctx: FeedContext,
  problems: FeedProblem[],
): void {
  const stillMissing = missingZone.filter(({ draft }) => {
    const fromTown = ctx.defaultTimeZone === undefined ? zoneOfTown(draft, ctx) : undefined;
    if (fromTown === undefined) return true;
    draft.timeZone = fromTown;
    zoneCounts.set(fromTown, (zoneCounts.get(fromTown) ?? 0) + 1);
    return false;
  });
  const fallback = ctx.defaultTimeZone ?? mostCommon(zoneCounts);
  for (const { draft, index } of stillMissing) {
    if (fallback !== undefined) draft.timeZone = fallback;
    else if (draft.schedule.some((r) => r.kind !== 'by_appointment')) {
      problems.push(problem(index, draft.provenance.sourceSlug, 'timezone', 'PL_TIMEZONE_UNKNOWN'));
    }
  }
}

/**
 * The zone of the town a row names ("Edmonton, Alberta"), from the offline gazetteer. Only the
 * zone is taken: a town's centre is not the meeting's place, so its coordinates stay unset.
 */
function zoneOfTown(draft: MeetingDraft, ctx: FeedContext): string | undefined {
  if (ctx.locateTown === undefined) return undefined;
  const { address, formattedAddress, approximate } = draft.place;
  // A town-level address ("Edmonton, Alberta, Canada") is itself the best query; else the
  // parts a street address was split into.
  const { city, region, country } = address;
  const candidates = [
    approximate ? formattedAddress : undefined,
    city === undefined ? undefined : [city, region, country].filter(Boolean).join(', '),
    // Without its region a town name is ambiguous ("Gunn" is in Alberta and in Australia):
    // only the country may narrow it then, never nothing at all.
    city !== undefined && region !== undefined && country !== undefined
      ? `${city}, ${country}`
      : undefined,
  ];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const point = ctx.locateTown(candidate);
    if (point !== undefined) return timeZoneAt(point.latitude, point.longitude);
  }
  return undefined;
}

function mostCommon(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [zone, count] of counts) {
    if (count > bestCount) [best, bestCount] = [zone, count];
  }
  return best;
}
