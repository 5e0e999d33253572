import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Repositories } from '../../repositories.js';
import { writeMeetingGuideRows, type MeetingGuideRow, type WriteOptions } from './write-row.js';
import { RevisionCache } from '../../platform/database/revision-cache.js';

const pageSize = 2000;

/**
 * Every stored meeting as Meeting Guide rows, ordered by slug so the output is stable, read a
 * page at a time so a national directory never sits in memory twice. `onMeetings` hears the
 * running count of meetings read (the CLI's progress bar).
 */
export async function* meetingGuideRowPages(
  repos: Repositories,
  options: WriteOptions,
  onMeetings?: (read: number) => void,
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
    yield meetings.flatMap((meeting) => writeMeetingGuideRows(meeting, options));
    if (meetings.length < pageSize) return;
    after = meetings.at(-1)!.slug;
  }
}

/** Every stored meeting as Meeting Guide rows. */
export async function exportMeetingGuideFeed(
  repos: Repositories,
  options: WriteOptions,
): Promise<MeetingGuideRow[]> {
  const rows: MeetingGuideRow[] = [];
  for await (const page of meetingGuideRowPages(repos, options)) rows.push(...page);
  return rows;
}

/** The feed as JSON text, serialised page by page, with its number of rows. */
export async function renderMeetingGuideFeed(
  repos: Repositories,
  options: WriteOptions,
  onMeetings?: (read: number) => void,
): Promise<{ text: string; rows: number }> {
  const parts: string[] = [];
  for await (const page of meetingGuideRowPages(repos, options, onMeetings)) {
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
  private readonly cache: RevisionCache<RenderedFeed>;

  constructor(
    private readonly repos: Repositories,
    private readonly options: WriteOptions,
  ) {
    this.cache = new RevisionCache(repos.revision, (revision) => this.render(revision));
  }

  /** The feed of the current store revision. */
  get(): Promise<RenderedFeed> {
    return this.cache.get();
  }

  private async render(revision: number): Promise<RenderedFeed> {
    return renderedFeed(revision, (await renderMeetingGuideFeed(this.repos, this.options)).text);
  }
}

/** A feed's text as served: the bytes, their ETag, and their gzip, for one store revision. */
export function renderedFeed(revision: number, text: string): RenderedFeed {
  const body = Buffer.from(text);
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { revision, etag, body, gzip: gzipSync(body) };
}
