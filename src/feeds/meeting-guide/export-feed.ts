import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Repositories } from '../../repositories.js';
import { writeMeetingGuideRows, type MeetingGuideRow, type WriteOptions } from './write-row.js';

/** Every stored meeting as Meeting Guide rows, ordered by slug so the output is stable. */
export async function exportMeetingGuideFeed(
  repos: Repositories,
  options: WriteOptions,
): Promise<MeetingGuideRow[]> {
  const meetings = await repos.meetings.all();
  return meetings.flatMap((meeting) => writeMeetingGuideRows(meeting, options));
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
  private current: Promise<RenderedFeed> | undefined;

  constructor(
    private readonly repos: Repositories,
    private readonly options: WriteOptions,
  ) {}

  async get(): Promise<RenderedFeed> {
    const revision = await this.repos.revision.current();
    const cached = this.current;
    if (cached !== undefined && (await cached).revision === revision) return cached;
    const next = this.render(revision);
    this.current = next;
    next.catch(() => {
      if (this.current === next) this.current = undefined;
    });
    return next;
  }

  private async render(revision: number): Promise<RenderedFeed> {
    const rows = await exportMeetingGuideFeed(this.repos, this.options);
    const body = Buffer.from(JSON.stringify(rows));
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    return { revision, etag, body, gzip: gzipSync(body) };
  }
}
