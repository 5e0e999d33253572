import type { FeedContext, FeedReading } from '../feeds/meeting-guide/read-feed.js';
import type { SourceFormat } from './model.js';

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

/** What a reader makes of one snapshot of a source: drafts, located problems, rows seen. */
export type FormatReading = FeedReading;

/**
 * Reads one snapshot of a source in one format. Throws a PorchlightError when the snapshot as a
 * whole cannot be read (nothing is applied then); reports row-level trouble as problems.
 */
export type FormatReader = (input: SourceInput, ctx: FeedContext) => Promise<FormatReading>;

/** The format a file or URL most likely has, from its address and the start of its text. */
export function detectFormat(location: string, text: string | undefined): SourceFormat | undefined {
  if (/\/client_interface\/|\/main_server\/?(\?|$)/i.test(location)) return 'bmlt';
  // A CSV file, or a published Google Sheet (`.../pub?output=csv`).
  if (/\.csv(\?|$)|[?&](output|format)=csv\b/i.test(location)) return 'csv';
  if (text === undefined) return undefined;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) {
    // A saved BMLT answer is a JSON array too; its field names give it away.
    const head = start.slice(0, 4000);
    if (/"id_bigint"\s*:/.test(head) && /"weekday_tinyint"\s*:/.test(head)) return 'bmlt';
    return start.startsWith('[') ? 'meeting-guide' : undefined;
  }
  const header = start.split(/\r?\n/, 1)[0] ?? '';
  const cells = header.split(',').map((c) => c.replace(/^"|"$/g, '').trim().toLowerCase());
  // The columns every 12 Step Meeting List sheet has; two of them make it a meeting list.
  const known = ['name', 'day', 'time', 'address', 'location', 'types', 'slug'];
  if (cells.filter((c) => known.includes(c)).length >= 2) return 'csv';
  return undefined;
}
