import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSmallPlacesModule, SMALL_PLACES_MODULE } from './small-places-build.js';
import { readSmallPlaces } from './small-places.js';
import { US_SMALL_PLACES } from './us-small-places.js';

describe('the smaller US places file', () => {
  it('is what the installed packages give (run scripts/build-small-places.ts after updating them)', () => {
    expect(readFileSync(SMALL_PLACES_MODULE, 'utf8')).toBe(buildSmallPlacesModule());
  });

  it('reads back every row as a US town with its GeoNames id', () => {
    const towns: unknown[][] = [];
    const count = readSmallPlaces(US_SMALL_PLACES, (...t) => towns.push(t));
    expect(count).toBeGreaterThan(4000);
    expect(towns).toContainEqual(['Leyden', 'US', 'MA', 785, 42.70008, -72.63009, 4941949]);
    for (const [name, , admin1, population, latitude, longitude, id] of towns) {
      expect(name).not.toBe('');
      expect(admin1).toMatch(/^[A-Z]{2}$/);
      expect(population).toBeGreaterThanOrEqual(0);
      expect(Math.abs(latitude as number)).toBeLessThanOrEqual(90);
      expect(Math.abs(longitude as number)).toBeLessThanOrEqual(180);
      expect(id).toBeGreaterThan(0);
    }
  });
});
