import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import type { Repositories } from '../../repositories.js';
import type { RenderedFeed } from '../meeting-guide/export-feed.js';
import type { WriteOptions } from '../meeting-guide/write-row.js';
import { csvHeader, writeCsvRows } from './write-csv.js';

const pageSize = 2000;

/**
 * Every stored meeting as a CSV sheet in the 12 Step Meeting List's columns, ordered by slug,
 * read a page at a time. A byte order mark and CRLF line ends let Excel open it as UTF-8.
 */
export async function renderMeetingsCsv(
  repos: Repositories,
  options: WriteOptions,
): Promise<{ text: string; rows: number }> {
  const parts = [stringify([csvHeader], { bom: true, record_delimiter: 'windows' })];
  let rows = 0;
  let after: string | undefined;
  for (;;) {
    const meetings = await repos.meetings.page({
      limit: pageSize,
      ...(after !== undefined ? { after } : {}),
    });
    if (meetings.length === 0) break;
    const records = meetings.flatMap((meeting) => writeCsvRows(meeting, options));
    rows += records.length;
    parts.push(stringify(records, { record_delimiter: 'windows' }));
    if (meetings.length < pageSize) break;
    after = meetings.at(-1)!.slug;
  }
  return { text: parts.join(''), rows };
}

/** The CSV export, rendered once per store revision and kept compressed, like the JSON feed. */
export class CsvFeedCache {
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
    const body = Buffer.from((await renderMeetingsCsv(this.repos, this.options)).text);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    return { revision, etag, body, gzip: gzipSync(body) };
  }
}
