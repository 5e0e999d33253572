/**
 * What a service body weighs beside a cell's count: the nearest room that already meets the
 * need (how far people there travel today) and how many online or phone meetings do. Asked of
 * the search index like any search, but never counted as one.
 */
import type { SearchService } from '../search/search-service.js';
import { paramsForNeed } from './needs.js';

export interface NeedOptions {
  /** The nearest in-person or hybrid meeting for the need, from the cell's centre. */
  nearestGroup?: { name: string; slug: string; distanceKm: number };
  /** Online and phone meetings for the need, anywhere. */
  onlineOptions: number;
}

export type OptionsSearch = Pick<SearchService, 'parse' | 'search'>;

export function needOptions(
  search: OptionsSearch,
  need: string,
  point: { latitude: number; longitude: number },
): NeedOptions {
  const asked = paramsForNeed(need);
  const near = search.parse({
    ...asked,
    near: `${point.latitude},${point.longitude}`,
    nearest: '1',
    attendance: 'in_person,hybrid',
  });
  near.countFacets = false;
  const first = search.search(near).results[0];
  const remote = search.parse({ ...asked, attendance: 'online,phone', limit: '1' });
  remote.countFacets = false;
  const onlineOptions = search.search(remote).total;
  if (first?.distanceKm === undefined) return { onlineOptions };
  return {
    nearestGroup: {
      name: first.meeting.name,
      slug: first.meeting.slug,
      distanceKm: Math.round(first.distanceKm * 10) / 10,
    },
    onlineOptions,
  };
}
