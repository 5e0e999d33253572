import { describe, expect, it } from 'vitest';
import { placeKey } from './geocoded-places.js';

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
