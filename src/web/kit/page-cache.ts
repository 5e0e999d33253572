/**
 * Rendered pages kept while nothing they show can change: for one stamp (the search index's
 * revision and the clock's minute, say), keyed by what the page is made from (its language and
 * its canonical query). A new stamp drops them all. The oldest page goes first when the cache is
 * full, by count or by bytes (decision 0126).
 */
import { createHash, randomBytes } from 'node:crypto';
import { CachedBody } from '../../platform/http/cached-body.js';

export interface PageCacheLimits {
  /** Pages kept at most. */
  pages: number;
  /**
   * Bytes kept at most, counting each page at one and a half times its size: its compressed
   * forms, made when first asked for, are each about a quarter of it.
   */
  bytes: number;
}

export const DEFAULT_PAGE_CACHE_LIMITS: PageCacheLimits = { pages: 4_096, bytes: 48 << 20 };

export class PageCache {
  private stamp: string | undefined;
  private readonly pages = new Map<string, CachedBody>();
  private bytes = 0;
  /**
   * Makes this process's ETags its own: the same stamp and key in another process, or after a
   * restart with other code, may be another page.
   */
  private readonly origin = randomBytes(6).toString('base64url');

  constructor(private readonly limits: PageCacheLimits = DEFAULT_PAGE_CACHE_LIMITS) {}

  get size(): number {
    return this.pages.size;
  }

  /** The page kept for this stamp and key, if any. */
  get(stamp: string, key: string): CachedBody | undefined {
    if (stamp !== this.stamp) return undefined;
    return this.pages.get(key);
  }

  /**
   * The weak ETag of the page of a stamp and key, known before the page is made: within one
   * cache a stamp and a key make one page, so there is no need to digest its bytes.
   */
  etagOf(stamp: string, key: string): string {
    const digest = createHash('sha1').update(`${stamp}\n${key}`).digest('base64url');
    return `W/"${this.origin}${digest}"`;
  }

  /** The page kept for this stamp and key, rendered and kept first if it is not there. */
  getOrRender(stamp: string, key: string, render: () => string): CachedBody {
    const kept = this.get(stamp, key);
    if (kept !== undefined) return kept;
    const page = CachedBody.ofText(render(), { etag: this.etagOf(stamp, key) });
    this.keep(stamp, key, page);
    return page;
  }

  /** Keeps a page; pages of another stamp are dropped first. */
  keep(stamp: string, key: string, page: CachedBody): void {
    if (stamp !== this.stamp) {
      this.pages.clear();
      this.bytes = 0;
      this.stamp = stamp;
    }
    const cost = weight(page);
    if (cost > this.limits.bytes) return;
    const old = this.pages.get(key);
    if (old !== undefined) {
      this.pages.delete(key);
      this.bytes -= weight(old);
    }
    while (
      this.pages.size > 0 &&
      (this.pages.size >= this.limits.pages || this.bytes + cost > this.limits.bytes)
    ) {
      // A Map iterates in insertion order: the first key is the oldest page.
      const [oldestKey, oldest] = this.pages.entries().next().value as [string, CachedBody];
      this.pages.delete(oldestKey);
      this.bytes -= weight(oldest);
    }
    this.pages.set(key, page);
    this.bytes += cost;
  }
}

function weight(page: CachedBody): number {
  return Math.ceil(page.body.length * 1.5);
}
