import type { MeetingRepository } from '../meetings/repository.js';
import { runStepsYielding, type YieldToLoop } from '../platform/loop-yield.js';
import { SearchIndex } from './search-index.js';

export interface LoadIndexOptions {
  /** The instant the occurrence horizon starts from (epoch ms). */
  now: number;
  /** Meetings read per page (default 5,000). */
  pageSize?: number;
  /** Called after each page is indexed, with the meetings indexed so far (benchmarks sample memory). */
  onPage?: (indexed: number) => void;
  /** Gives the event loop a turn between pages and steps of the build (a server's rebuild). */
  yieldToLoop?: YieldToLoop;
}

/** Small enough that reading and indexing one page is a short slice of a server's time. */
export const defaultPageSize = 500;

/**
 * Builds an index from the store a page at a time (keyset pagination by id), so the process
 * never holds every Meeting object at once: each page is indexed and dropped before the next is
 * read, and a server answers requests between pages. The pages are not one snapshot; the caller compares store revisions around the load.
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
  const turn = options.yieldToLoop;
  let indexed = 0;
  let after: string | undefined;
  for (;;) {
    // Each meeting once: duplicates merged into another source's listing stay out.
    const page = await meetings.pageById(pageSize, after, { hideMerged: true });
    for (const meeting of page) builder.add(meeting);
    indexed += page.length;
    options.onPage?.(indexed);
    if (turn !== undefined) await turn();
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.id;
  }
  return turn === undefined ? builder.finish() : runStepsYielding(builder.finishSteps(), turn);
}
