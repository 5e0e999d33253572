import { describe, expect, it } from 'vitest';
import type { GeocodeCacheRepository } from './geocode-cache-repository.js';
import { geocodedPlaces, placeKey } from './geocoded-places.js';

describe('the cache key of a typed place', () => {
  it('ignores case, commas, dots and spacing, and is kept apart from street addresses', () => {
    expect(placeKey('nominatim', 'Monroe, MA', 'US')).toBe('nominatim:place:us:monroe ma');
    expect(placeKey('nominatim', '  monroe   ma. ', 'us')).toBe('nominatim:place:us:monroe ma');
  });

  it('differs by country, and with no country', () => {
    const keys = new Set([
      placeKey('nominatim', 'Monroe', 'US'),
      placeKey('nominatim', 'Monroe', 'CA'),
      placeKey('nominatim', 'Monroe'),
    ]);
    expect(keys.size).toBe(3);
  });

  it('has none for text with no words', () => {
    expect(placeKey('nominatim', ' , . ')).toBeUndefined();
  });
});

describe('typed places through the operator’s geocoder', () => {
  it('are not looked up without a geocoder, or with one that knows no settlements', () => {
    const deps = {
      cache: {} as GeocodeCacheRepository,
      clock: { now: () => new Date(0) },
      onFailure: () => undefined,
    };
    expect(geocodedPlaces({ ...deps, geocoder: undefined })).toBeUndefined();
    const streetsOnly = { name: 'streets', geocode: () => Promise.resolve(undefined) };
    expect(geocodedPlaces({ ...deps, geocoder: streetsOnly })).toBeUndefined();
  });
});
