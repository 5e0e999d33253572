import { stringify } from 'csv-stringify/sync';
import type { Repositories } from '../../repositories.js';
import { renderedFeed, type RenderedFeed } from '../meeting-guide/export-feed.js';
import type { WriteOptions } from '../meeting-guide/write-row.js';
import { csvHeader, writeCsvRows } from './write-csv.js';
import { RevisionCache } from '../../platform/database/revision-cache.js';

const pageSize = 2000;

/**
 * Every stored meeting as a CSV sheet in the 12 Step Meeting List's columns, ordered by slug,
 * read a page at a time. A byte order mark and CRLF line ends let Excel open it as UTF-8.
 * `onMeetings` hears the running count of meetings read (the CLI's progress bar).
 */
export async function renderMeetingsCsv(
  repos: Repositories,
  options: WriteOptions,
  onMeetings?: (read: number) => void,
): Promise<{ text: string; rows: number }> {
  let read = 0;
  const parts = [stringify([csvHeader], { bom: true, record_delimiter: 'windows' })];
  let rows = 0;
  let after: string | undefined;
  for (;;) {
    const meetings = await repos.meetings.page({
      limit: pageSize,
      ...(after !== undefined ? { after } : {}),
    });
    if (meetings.length === 0) break;
    onMeetings?.((read += meetings.length));
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
  private readonly cache: RevisionCache<RenderedFeed>;

  constructor(
    private readonly repos: Repositories,
    private readonly options: WriteOptions,
  ) {
    this.cache = new RevisionCache(repos.revision, (revision) => this.render(revision));
  }

  /** The CSV export of the current store revision. */
  get(): Promise<RenderedFeed> {
    return this.cache.get();
  }

  private async render(revision: number): Promise<RenderedFeed> {
    return renderedFeed(revision, (await renderMeetingsCsv(this.repos, this.options)).text);
  }
}
