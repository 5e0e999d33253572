import type { MeetingRepository } from '../meetings/repository.js';
import { SearchIndex } from './search-index.js';

export interface LoadIndexOptions {
  /** The instant the occurrence horizon starts from (epoch ms). */
  now: number;
  /** Meetings read per page (default 5,000). */
  pageSize?: number;
  /** Called after each page is indexed, with the meetings indexed so far (benchmarks sample memory). */
  onPage?: (indexed: number) => void;
}

export const defaultPageSize = 5000;

/**
 * Builds an index from the store a page at a time (keyset pagination by id), so the process
 * never holds every Meeting object at once: each page is indexed and dropped before the next is
 * read. The pages are not one snapshot; the caller compares store revisions around the load.
 */
export async function loadSearchIndex(
  meetings: MeetingRepository,
  options: LoadIndexOptions,
): Promise<SearchIndex> {
  const pageSize = Math.max(1, options.pageSize ?? defaultPageSize);
  const builder = SearchIndex.builder({
    now: options.now,
    expectedCount: await meetings.count(),
  });
  let indexed = 0;
  let after: string | undefined;
  for (;;) {
    // Each meeting once: duplicates merged into another source's listing stay out.
    const page = await meetings.pageById(pageSize, after, { hideMerged: true });
    for (const meeting of page) builder.add(meeting);
    indexed += page.length;
    options.onPage?.(indexed);
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.id;
  }
  return builder.finish();
}
