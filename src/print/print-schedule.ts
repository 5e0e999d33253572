/**
 * The use case behind `GET /print` and `porchlight print`: a finder search made into a printed
 * weekly schedule. It lists every match, not one page of results, up to a cap that keeps a
 * runaway search from producing a book.
 */
import type { Meeting } from '../meetings/model.js';
import type { Clock } from '../platform/clock.js';
import type { Repositories } from '../repositories.js';
import type { SearchParams } from '../search/parse-params.js';
import type { SearchQuery } from '../search/query.js';
import type { RuralFallback, SearchResult } from '../search/search.js';
import type { SearchService } from '../search/search-service.js';
import type { Locale } from '../web/i18n/locales.js';
import { translator } from '../web/i18n/translator.js';
import { buildScheduleSheet } from './build-sheet.js';
import { renderSchedulePdf } from './render-pdf.js';
import type { PaperSize, PrintFallback, PrintMatch, ScheduleSheet } from './sheet.js';
import { entriesOf } from './sheet-entries.js';

export interface PrintDeps {
  search: SearchService;
  repos: Repositories;
  clock: Clock;
  /** The address people reach the server at, for the links printed on the sheet. */
  publicUrl: string;
}

export interface PrintRequest {
  /** The finder's parameters; `limit` and `cursor` are ignored (a print lists every match). */
  params: SearchParams;
  locale: Locale;
  paper?: PaperSize;
  /** The viewer's zone when `params.tz` is absent. */
  viewerTimeZone?: string;
  /** The most lines the sheet may hold (default {@link MAX_PRINT_ENTRIES}). */
  maxEntries?: number;
}

export interface PrintedSchedule {
  pdf: Buffer;
  pages: number;
  /** A download name such as `meetings-greenfield-ma-2026-03-08.pdf`. */
  filename: string;
  sheet: ScheduleSheet;
  /** Meetings listed, and whether the cap cut the list short. */
  meetings: number;
  entries: number;
  capped: boolean;
}

/** The most schedule lines one print holds (a daily meeting makes seven). */
export const MAX_PRINT_ENTRIES = 1000;
const PAGE_SIZE = 200;
const LOAD_CONCURRENCY = 16;

/** Parses the search (throwing the API's 400 errors), walks every page, and renders the PDF. */
export async function printSchedule(
  deps: PrintDeps,
  request: PrintRequest,
): Promise<PrintedSchedule> {
  const { limit: _limit, cursor: _cursor, ...params } = request.params;
  await deps.search.prepare(params);
  const query = deps.search.parse(params, request.viewerTimeZone);
  const now = deps.clock.now();
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const maxEntries = request.maxEntries ?? MAX_PRINT_ENTRIES;
  const { results, total, fallback } = collectResults(deps.search, query, maxEntries);
  // A sheet is a schedule: each room's group is listed at every time it meets.
  const beyond = (fallback?.nearestBeyond ?? []).flatMap((r) => [r, ...r.alsoMeets]);
  const loaded = await loadMeetings(
    deps.repos,
    [...results, ...beyond, ...(fallback?.remote ?? [])].map((r) => r.meeting.slug),
  );
  const toMatch = (r: SearchResult): PrintMatch[] => {
    const meeting = loaded.get(r.meeting.slug);
    if (meeting === undefined) return [];
    const match: PrintMatch = { meeting };
    if (r.distanceKm !== undefined) match.distanceKm = r.distanceKm;
    if (r.next !== undefined) match.recurrenceIndex = r.next.recurrenceIndex;
    return [match];
  };

  // Stop before the meeting that would pass the cap, so no meeting is listed in part.
  const t = translator(request.locale);
  const entryContext = { locale: request.locale, t, query, now: now.getTime(), publicUrl };
  const matches: PrintMatch[] = [];
  let entries = 0;
  for (const result of results) {
    const match = toMatch(result)[0];
    if (match === undefined) continue;
    const count = Math.max(1, entriesOf(match, entryContext).length);
    if (entries + count > maxEntries) break;
    entries += count;
    matches.push(match);
  }
  const capped = matches.length < total;
  let printFallback: PrintFallback | undefined;
  if (fallback !== undefined) {
    printFallback = {
      inPersonWithinRadius: fallback.inPersonWithinRadius,
      threshold: fallback.threshold,
      nearestBeyond: beyond.flatMap(toMatch),
      remote: fallback.remote.flatMap(toMatch),
    };
  }

  const sheet = buildScheduleSheet({
    locale: request.locale,
    query,
    matches,
    total: Math.max(total, matches.length),
    ...(printFallback !== undefined ? { fallback: printFallback } : {}),
    now: now.getTime(),
    publicUrl,
    searchUrl: finderUrl(publicUrl, request.locale, params),
  });
  const { bytes, pages } = await renderSchedulePdf(sheet, {
    paper: request.paper ?? 'letter',
    createdAt: now,
  });
  return {
    pdf: bytes,
    pages,
    filename: downloadName(query, now),
    sheet,
    meetings: matches.length,
    entries,
    capped,
  };
}

/** Every result of the query, page after page, until the cap is surely reached. */
function collectResults(
  search: SearchService,
  query: SearchQuery,
  maxEntries: number,
): { results: SearchResult[]; total: number; fallback?: RuralFallback } {
  const results: SearchResult[] = [];
  const first = search.search({ ...query, limit: PAGE_SIZE });
  results.push(...first.results);
  let cursor = first.nextCursor;
  // Each meeting makes at least one line, so more than the cap in results is never needed.
  while (cursor !== undefined && results.length < maxEntries) {
    const page = search.search({ ...query, limit: PAGE_SIZE, cursor });
    results.push(...page.results);
    cursor = page.nextCursor;
  }
  return {
    results,
    total: first.total,
    ...(first.fallback !== undefined ? { fallback: first.fallback } : {}),
  };
}

/** The full meetings of the given slugs (the index holds summaries only), loaded a few at a time. */
async function loadMeetings(repos: Repositories, slugs: string[]): Promise<Map<string, Meeting>> {
  const unique = [...new Set(slugs)];
  const found = new Map<string, Meeting>();
  for (let i = 0; i < unique.length; i += LOAD_CONCURRENCY) {
    const batch = await Promise.all(
      unique.slice(i, i + LOAD_CONCURRENCY).map((slug) => repos.meetings.findBySlug(slug)),
    );
    for (const meeting of batch) if (meeting !== undefined) found.set(meeting.slug, meeting);
  }
  return found;
}

/** The finder's address for the same search, printed so a reader can look up changes. */
function finderUrl(publicUrl: string, locale: Locale, params: SearchParams): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && value.trim() !== '') query.set(name, value);
  }
  // Commas need no escaping in a query string, and `day=1,2` reads better on paper.
  const text = query.toString().replace(/%2C/gi, ',');
  const url = `${publicUrl}/${locale}/${text === '' ? '' : `?${text}`}`;
  // A sheet is for reading off a wall; a very long address helps nobody, the site does.
  return url.length <= 120 ? url : `${publicUrl}/${locale}/`;
}

/** `meetings-<place>-<date>.pdf`, ASCII only, so every browser and file system keeps it. */
export function downloadName(query: SearchQuery, now: Date): string {
  const place = (query.near?.label ?? (query.near === undefined ? 'all' : 'nearby'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const date = new Intl.DateTimeFormat('en-CA', {
    timeZone: query.viewerTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return `meetings-${place === '' ? 'nearby' : place}-${date}.pdf`;
}
