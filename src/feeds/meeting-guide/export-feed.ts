import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Repositories } from '../../repositories.js';
import { writeMeetingGuideRows, type MeetingGuideRow, type WriteOptions } from './write-row.js';
import { RevisionCache } from '../../platform/database/revision-cache.js';

const pageSize = 2000;

/** What a feed holds: every meeting, or one program's (as the Meeting Guide app expects). */
export interface FeedSelection {
  program?: string;
}

/**
 * Every stored meeting (or one program's) as Meeting Guide rows, ordered by slug so the output
 * is stable, read a page at a time so a national directory never sits in memory twice.
 * `onMeetings` hears the running count of meetings read (the CLI's progress bar).
 */
export async function* meetingGuideRowPages(
  repos: Repositories,
  options: WriteOptions,
  onMeetings?: (read: number) => void,
  selection: FeedSelection = {},
): AsyncGenerator<MeetingGuideRow[]> {
  let after: string | undefined;
  let read = 0;
  for (;;) {
    const meetings = await repos.meetings.page({
      limit: pageSize,
      ...(after !== undefined ? { after } : {}),
    });
    if (meetings.length === 0) return;
    onMeetings?.((read += meetings.length));
    const { program } = selection;
    const chosen = program === undefined ? meetings : meetings.filter((m) => m.program === program);
    yield chosen.flatMap((meeting) => writeMeetingGuideRows(meeting, options));
    if (meetings.length < pageSize) return;
    after = meetings.at(-1)!.slug;
  }
}

/** Every stored meeting as Meeting Guide rows. */
export async function exportMeetingGuideFeed(
  repos: Repositories,
  options: WriteOptions,
  selection: FeedSelection = {},
): Promise<MeetingGuideRow[]> {
  const rows: MeetingGuideRow[] = [];
  for await (const page of meetingGuideRowPages(repos, options, undefined, selection))
    rows.push(...page);
  return rows;
}

/** The feed as JSON text, serialised page by page, with its number of rows. */
export async function renderMeetingGuideFeed(
  repos: Repositories,
  options: WriteOptions,
  onMeetings?: (read: number) => void,
  selection: FeedSelection = {},
): Promise<{ text: string; rows: number }> {
  const parts: string[] = [];
  for await (const page of meetingGuideRowPages(repos, options, onMeetings, selection)) {
    for (const row of page) parts.push(JSON.stringify(row));
  }
  return { text: `[${parts.join(',')}]`, rows: parts.length };
}

export interface RenderedFeed {
  revision: number;
  etag: string;
  body: Buffer;
  gzip: Buffer;
}

/**
 * The exported feed, rendered once per store revision and kept compressed: clients poll it,
 * and an unchanged list must cost a revision lookup, not a 50,000-row rebuild.
 */
export class FeedCache {
  /** One cache per selection: the whole directory under '', each program under its id. */
  private readonly caches = new Map<string, RevisionCache<RenderedFeed>>();

  constructor(
    private readonly repos: Repositories,
    private readonly options: WriteOptions,
  ) {}

  /** The feed of the current store revision: every meeting, or one program's. */
  get(selection: FeedSelection = {}): Promise<RenderedFeed> {
    const key = selection.program ?? '';
    let cache = this.caches.get(key);
    if (cache === undefined) {
      cache = new RevisionCache(this.repos.revision, (revision) =>
        this.render(revision, selection),
      );
      this.caches.set(key, cache);
    }
    return cache.get();
  }

  private async render(revision: number, selection: FeedSelection): Promise<RenderedFeed> {
    const { text } = await renderMeetingGuideFeed(this.repos, this.options, undefined, selection);
    return renderedFeed(revision, text);
  }
}

/** A feed's text as served: the bytes, their ETag, and their gzip, for one store revision. */
export function renderedFeed(revision: number, text: string): RenderedFeed {
  const body = Buffer.from(text);
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { revision, etag, body, gzip: gzipSync(body) };
}
