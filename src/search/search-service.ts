import type { Clock } from '../platform/clock.js';
import { PorchlightError } from '../platform/errors.js';
import type { Repositories } from '../repositories.js';
import type { Geocoder } from '../places/gazetteer.js';
import { parseSearchParams, type SearchParams } from './parse-params.js';
import type { Point, SearchQuery } from './query.js';
import { search, type SearchAnswer } from './search.js';
import { SearchIndex } from './search-index.js';

/**
 * Owns the process's in-memory search index: built from the database at start (the process is
 * ready only then) and rebuilt after every committed change, swapped in whole so a search never
 * sees half an import.
 */
export class SearchService {
  private index: SearchIndex | undefined;
  private pending: Promise<void> | undefined;
  private stale = false;

  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    private readonly geocoder: Geocoder,
  ) {}

  /** True once the first index is built. */
  get ready(): boolean {
    return this.index !== undefined;
  }

  get size(): number {
    return this.index?.size ?? 0;
  }

  /** Rebuilds the index from the database; concurrent calls coalesce into one more build. */
  rebuild(): Promise<void> {
    if (this.pending !== undefined) {
      this.stale = true;
      return this.pending;
    }
    this.pending = (async () => {
      do {
        this.stale = false;
        const meetings = await this.repos.meetings.all();
        this.index = SearchIndex.build(meetings, { now: this.clock.now().getTime() });
      } while (this.stale);
    })().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Parses URL parameters (the API's and the finder's) into a query. */
  parse(params: SearchParams, viewerTimeZone = 'America/New_York'): SearchQuery {
    return parseSearchParams(params, {
      now: this.clock.now().getTime(),
      defaultTimeZone: viewerTimeZone,
      resolvePlace: (text) => this.resolvePlace(text),
    });
  }

  /** Answers a query from the index; refuses while the index is being built for the first time. */
  search(query: SearchQuery): SearchAnswer {
    const index = this.index;
    if (index === undefined)
      throw new PorchlightError('PL_NOT_READY', 'The search index is still being built.');
    return search(index, query);
  }

  /** The best place for what a person typed, offline. */
  resolvePlace(text: string): Point | undefined {
    const place = this.geocoder.lookup(text, { limit: 1 })[0];
    if (place === undefined) return undefined;
    const label = [place.name, place.region ?? place.country].join(', ');
    return { latitude: place.latitude, longitude: place.longitude, label };
  }
}
