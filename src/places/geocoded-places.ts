/*
 * Places a person typed that the offline gazetteer does not know (the smallest New England
 * towns), asked of the geocoder the operator configured, with its answers kept in the same
 * cache as imports' addresses. Without a configured geocoder nothing is built and nothing is
 * ever sent: the place is unknown, as it always was.
 */
import type { Clock } from '../platform/clock.js';
import type { AddressGeocoder, GeocodedPoint } from './address-geocoder.js';
import type { GeocodeCacheRepository } from './geocode-cache-repository.js';
import { MISS_KEPT_MS } from './locate-meetings.js';

/** Finds typed places through the operator's geocoder. */
export interface GeocodedPlaces {
  /**
   * The point of a typed place, or undefined when the geocoder knows none or could not be
   * asked (a failure is reported to `onFailure`, never thrown).
   */
  find(text: string, country?: string): Promise<GeocodedPoint | undefined>;
}

export interface GeocodedPlacesDeps {
  /** The operator's geocoder; none configured, none asked. */
  geocoder: AddressGeocoder | undefined;
  cache: GeocodeCacheRepository;
  clock: Clock;
  /**
   * Told when the geocoder could not be asked, or its answer kept. Gets only the reason: the typed place may say
   * where a person lives, and stays out of logs.
   */
  onFailure: (reason: string) => void;
}

/**
 * Typed places through the geocoder, or undefined when none is configured or it cannot look up
 * settlements.
 */
export function geocodedPlaces(deps: GeocodedPlacesDeps): GeocodedPlaces | undefined {
  const { geocoder, cache, clock, onFailure } = deps;
  const settlement = geocoder?.settlement?.bind(geocoder);
  if (geocoder === undefined || settlement === undefined) return undefined;
  // Searches for the same place at the same moment share one request.
  const asking = new Map<string, Promise<GeocodedPoint | undefined>>();
  const ask = async (key: string, text: string, country: string | undefined) => {
    const now = clock.now();
    // A cache that cannot be read or written costs a request, never the search.
    const kept = (await cache.get([key]).catch(() => undefined))?.get(key);
    if (
      kept !== undefined &&
      (kept.result !== null || now.getTime() - Date.parse(kept.createdAt) < MISS_KEPT_MS)
    ) {
      return kept.result ?? undefined;
    }
    let point: GeocodedPoint | undefined;
    try {
      point = await settlement(text.trim(), country);
    } catch (error) {
      // Not kept: the next search asks again.
      onFailure(reasonOf(error));
      return undefined;
    }
    await cache
      .put(key, { result: point ?? null, createdAt: now.toISOString() })
      .catch(() => onFailure('its answer could not be kept'));
    return point;
  };
  return {
    find(text, country) {
      const key = placeKey(geocoder.name, text, country);
      if (key === undefined) return Promise.resolve(undefined);
      let answer = asking.get(key);
      if (answer === undefined) {
        answer = ask(key, text, country).finally(() => asking.delete(key));
        asking.set(key, answer);
      }
      return answer;
    },
  };
}

/**
 * The cache key of a typed place: apart from street addresses' keys ("place:"), per country,
 * and blind to case, spacing and punctuation that do not change the place.
 */
export function placeKey(provider: string, text: string, country?: string): string | undefined {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[.,;]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (words === '') return undefined;
  return `${provider}:place:${(country ?? '').toLowerCase()}:${words}`;
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'AbortError') return 'timed out';
  // The adapters' own messages name a status, never the query; other errors are named only.
  if (error instanceof Error && error.message.startsWith('the geocoder answered'))
    return error.message;
  return error instanceof Error ? error.name : 'unknown error';
}
