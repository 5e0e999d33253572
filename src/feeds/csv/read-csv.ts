import { parse } from 'csv-parse/sync';
import { PorchlightError, type FeedProblem } from '../../platform/errors.js';
import { runSteps, type Steps } from '../../platform/loop-yield.js';
import type { MeetingDraft, Recurrence } from '../../meetings/model.js';
import type { Program } from '../../meetings/programs.js';
import { slugify } from '../../meetings/slug.js';
import { runReader, type FeedContext, type FeedReading, type FormatReader } from '../reader.js';
import { settleMissingZones } from '../meeting-guide/read-feed.js';
import { problem, readMeetingGuideRow } from '../meeting-guide/read-row.js';
import { fieldOfHeader, regionSeparator } from './columns.js';
import { unguardCell } from './formula-guard.js';

/** Reads a CSV source (a file, a URL, a published Google Sheet's CSV link). */
export const readCsvSource: FormatReader = async (input, ctx) => {
  if (input.rows !== undefined) {
    throw new PorchlightError('PL_FEED_NOT_CSV', 'A CSV source is read from text, not rows.');
  }
  return runReader(csvTextSteps(await input.text(), ctx), ctx);
};

interface Row {
  /** Zero-based position among the data rows; the spreadsheet row is this + 2. */
  index: number;
  fields: Record<string, unknown>;
  /** True when the sheet gave no slug and one was made from the name and place. */
  derivedSlug: boolean;
}

/**
 * Reads a 12 Step Meeting List style sheet: a header row, then one row per meeting and weekday.
 * Each row goes through the Meeting Guide row reader, so a meeting means the same whichever
 * door it came through; rows sharing a slug and saying the same are one meeting on several days.
 * Every problem carries the spreadsheet row number (the header is row 1) and the column header.
 */
export function readCsvText(text: string, ctx: FeedContext): FeedReading {
  return runSteps(csvTextSteps(text, ctx));
}

/** {@link readCsvText} a row at a time, for a reader that gives the loop turns. */
export function* csvTextSteps(text: string, ctx: FeedContext): Steps<FeedReading> {
  const { headers, records } = parseTable(text);
  const fields = headers.map((header) => (header === '' ? '' : fieldOfHeader(header)));
  if (!fields.includes('name')) {
    throw new PorchlightError(
      'PL_FEED_NOT_CSV',
      `The header row has no Name column (it has ${headers.filter(Boolean).slice(0, 8).join(', ') || 'nothing'}).`,
    );
  }
  const headerOf = new Map<string, string>();
  fields.forEach((field, i) => {
    if (field !== '' && !headerOf.has(field)) headerOf.set(field, headers[i]!);
  });

  const problems: FeedProblem[] = [];
  const rows: Row[] = [];
  records.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    if (cells.length > headers.length && cells.slice(headers.length).some((c) => c.trim() !== '')) {
      problems.push({ ...problem(index, undefined, undefined, 'PL_EXTRA_CELLS'), row: index + 2 });
    }
    rows.push(toRow(cells, fields, index, ctx.program));
  });

  const locate = (p: FeedProblem): FeedProblem => {
    const located: FeedProblem = { ...p, row: p.index + 2 };
    if (p.field !== undefined) located.field = headerOf.get(p.field) ?? p.field;
    return located;
  };

  const drafts: MeetingDraft[] = [];
  const bySlug = new Map<string, { draft: MeetingDraft; meaning: string }>();
  const missingZone: { draft: MeetingDraft; index: number }[] = [];
  const zoneCounts = new Map<string, number>();
  let read = 0;
  for (const row of rows) {
    if (read > 0) yield;
    ctx.onRow?.(read++, rows.length);
    const reading = readMeetingGuideRow(row.fields, row.index, ctx);
    const draft = reading.draft;
    if (draft === undefined) {
      problems.push(...reading.problems.map(locate));
      continue;
    }
    const meaning = meaningWithoutSchedule(draft);
    let slug = draft.provenance.sourceSlug;
    let same = bySlug.get(slug);
    if (same !== undefined && same.meaning !== meaning && row.derivedSlug) {
      // Two meetings with one name at one place: number them in sheet order.
      for (let n = 2; same !== undefined && same.meaning !== meaning; n++) {
        slug = `${draft.provenance.sourceSlug}-${n}`;
        same = bySlug.get(slug);
      }
      draft.provenance.sourceSlug = slug;
    }
    problems.push(...reading.problems.map(locate));
    if (same !== undefined) {
      if (same.meaning !== meaning) {
        problems.push(locate(problem(row.index, slug, 'slug', 'PL_DUPLICATE_SLUG')));
        continue;
      }
      // Another weekday of the same meeting.
      for (const recurrence of draft.schedule) addRecurrence(same.draft.schedule, recurrence);
      continue;
    }
    bySlug.set(slug, { draft, meaning });
    drafts.push(draft);
    if (reading.timeZoneMissing) missingZone.push({ draft, index: row.index });
    else zoneCounts.set(draft.timeZone, (zoneCounts.get(draft.timeZone) ?? 0) + 1);
  }
  ctx.onRow?.(rows.length, rows.length);
  const zoneProblems: FeedProblem[] = [];
  settleMissingZones(missingZone, zoneCounts, ctx, zoneProblems);
  problems.push(...zoneProblems.map(locate));
  problems.sort((a, b) => a.index - b.index);
  return { drafts, problems, rowCount: rows.length };
}

function parseTable(text: string): { headers: string[]; records: string[][] } {
  let table: string[][];
  try {
    table = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    throw new PorchlightError(
      'PL_FEED_NOT_CSV',
      `The file is not well-formed CSV: ${(error as Error).message}`,
    );
  }
  const [header, ...records] = table;
  if (header === undefined || header.every((cell) => cell.trim() === '')) {
    throw new PorchlightError('PL_FEED_NOT_CSV', 'The file has no header row.');
  }
  return { headers: header.map((cell) => cell.trim()), records };
}

/**
 * Type names 12 Step Meeting List sheets use for what the Meeting Guide spec calls otherwise,
 * by the tag of the code that means it in the program ('ONL' the row reader knows itself).
 */
const sheetTypeNames: Readonly<Record<string, 'online' | 'temporarily_closed'>> = {
  'online meeting': 'online',
  'temporary closure': 'temporarily_closed',
};

function typesOfSheet(types: string, program: Program): string {
  return types
    .split(',')
    .map((item) => {
      const name = item.trim().toLowerCase();
      const tag = Object.hasOwn(sheetTypeNames, name) ? sheetTypeNames[name] : undefined;
      if (tag === undefined) return item;
      if (tag === 'online') return 'ONL';
      return [...program.types.values()].find((t) => t.tags?.includes(tag))?.code ?? item;
    })
    .join(',');
}

/** One sheet row as a Meeting Guide row: cells by field, guards removed, lists split. */
function toRow(cells: string[], fields: string[], index: number, program: Program): Row {
  const row: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    if (field === '' || row[field] !== undefined) return;
    const cell = unguardCell(cells[i] ?? '');
    if (cell.trim() !== '') row[field] = cell;
  });
  if (typeof row.types === 'string') row.types = typesOfSheet(row.types, program);
  const sub = row.sub_region;
  if (typeof row.region === 'string' && typeof sub === 'string' && sub.includes(regionSeparator)) {
    row.regions = [row.region, ...sub.split(regionSeparator).map((r) => r.trim())];
    delete row.sub_region;
    delete row.region;
  }
  let derivedSlug = false;
  if (row.slug === undefined) {
    // Sheets often have no Slug column: the name and place make a key that stays put while
    // the sheet is edited, and a meeting's weekday rows share it.
    // Cells are strings here: every value came out of the CSV parser.
    const cell = (field: string) => (typeof row[field] === 'string' ? row[field] : '');
    const place = cell('location') || cell('address') || cell('formatted_address');
    const slug = slugify(`${cell('name')} ${place}`);
    if (slug !== '') {
      row.slug = slug;
      derivedSlug = true;
    }
  }
  return { index, fields: row, derivedSlug };
}

/** A draft's meaning apart from its schedule and bookkeeping, to tell weekday rows apart. */
function meaningWithoutSchedule(draft: MeetingDraft): string {
  const { schedule: _schedule, provenance, ...rest } = draft;
  return JSON.stringify([rest, provenance.sourceUrl ?? '', provenance.sourceUpdatedAt ?? '']);
}

function addRecurrence(schedule: Recurrence[], recurrence: Recurrence): void {
  const key = JSON.stringify(recurrence);
  if (!schedule.some((r) => JSON.stringify(r) === key)) schedule.push(recurrence);
}
