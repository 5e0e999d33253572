/**
 * An HSDS 3.0 API as a source: its root (which points at `/services`), or `/services` itself,
 * read page by page (`?page=N`) until the last page; a listed service that comes without its
 * organization and locations is read whole from `/services/{id}`. Every request goes through
 * the same reader, limits and `Accept` header as a feed.
 */
import { PorchlightError } from '../../platform/errors.js';
import { readFeedLocation, type FeedReadLimits } from '../../sources/feed-reader.js';
import { addServices, collectionsOfHsdsJson, emptyCollections } from './hsds-shapes.js';
import { isObject, text } from './hsds-values.js';
import type { HsdsCollections } from './read-hsds.js';

/** More pages than any directory has: a server that never says "last page" is cut off here. */
const maxPages = 5000;

async function getJson(url: string, limits: FeedReadLimits): Promise<unknown> {
  const { text: body } = await readFeedLocation(url, limits, { accept: 'application/json' });
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new PorchlightError('PL_FEED_NOT_JSON', `${url}: ${(error as Error).message}`);
  }
}

function isPage(value: unknown): value is Record<string, unknown> & { contents: unknown[] } {
  return isObject(value) && Array.isArray(value.contents);
}

export async function readHsdsApi(
  location: string,
  first: unknown,
  limits: FeedReadLimits,
): Promise<HsdsCollections> {
  let servicesUrl = new URL(location);
  let page = first;
  if (isObject(first) && first.openapi_url !== undefined && !isPage(first)) {
    // The API's root: its services are at `services` beside it.
    servicesUrl = new URL('services', location.endsWith('/') ? location : `${location}/`);
    page = await getJson(servicesUrl.href, limits);
  }
  if (!isPage(page)) return collectionsOfHsdsJson(page);
  let current: Record<string, unknown> & { contents: unknown[] } = page;

  const into = emptyCollections();
  const base = `${servicesUrl.origin}${servicesUrl.pathname.replace(/\/$/, '')}`;
  for (let pages = 1; ; pages++) {
    const whole: unknown[] = [];
    for (const item of current.contents) {
      const id = isObject(item) ? text(item.id) : undefined;
      const complete =
        !isObject(item) ||
        item.organization !== undefined ||
        item.service_at_locations !== undefined;
      whole.push(
        complete || id === undefined
          ? item
          : await getJson(`${base}/${encodeURIComponent(id)}`, limits),
      );
    }
    addServices(whole, 'services', into);
    const number = typeof current.page_number === 'number' ? current.page_number : pages;
    const total = typeof current.total_pages === 'number' ? current.total_pages : undefined;
    const last =
      current.last_page === true ||
      current.contents.length === 0 ||
      (total !== undefined && number >= total);
    if (last || pages >= maxPages) break;
    const next = new URL(servicesUrl.href);
    next.searchParams.set('page', String(number + 1));
    const following = await getJson(next.href, limits);
    if (!isPage(following)) {
      throw new PorchlightError(
        'PL_FEED_FORMAT_CHANGED',
        `${next.href} is not a page of services.`,
      );
    }
    current = following;
  }
  return into;
}
