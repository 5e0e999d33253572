/**
 * The port through which imports turn a street address into coordinates with a geocoder the
 * operator runs or chose (a self-hosted Nominatim). Nothing is ever sent to one unless the
 * operator configured it: without one, addresses are placed offline by ZIP code or town.
 */

/** An address as a meeting's place holds it; any part may be missing. */
export interface AddressQuery {
  street?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  /** The source's own one-line address, when it gave one. */
  formatted?: string;
}

export interface GeocodedPoint {
  latitude: number;
  longitude: number;
}

/** A geocoder for street addresses. */
export interface AddressGeocoder {
  /** Names the provider in cache keys ("nominatim"): answers are kept per provider. */
  readonly name: string;
  /**
   * The point of the address, or undefined when the geocoder knows no point at least as
   * precise as a street. Throws when the geocoder cannot be asked (unreachable, an error status).
   */
  geocode(query: AddressQuery): Promise<GeocodedPoint | undefined>;
  /**
   * The centre of a town, village or other settlement a person typed ("Monroe, MA"), in the
   * country given (ISO 3166-1 alpha-2) when there is one; undefined when the geocoder knows no
   * such place. Throws when the geocoder cannot be asked.
   */
  settlement?(name: string, country?: string): Promise<GeocodedPoint | undefined>;
}

/** The one-line text a geocoder is asked: the source's own line, else the parts joined. */
export function addressLine(query: AddressQuery): string {
  if (query.formatted !== undefined && query.formatted.trim() !== '') return query.formatted.trim();
  const regionPostal = [query.region, query.postalCode].filter(Boolean).join(' ');
  return [query.street, query.city, regionPostal, query.country]
    .filter((p): p is string => p !== undefined && p.trim() !== '')
    .map((p) => p.trim())
    .join(', ');
}

/**
 * The cache key of an address for a provider: case, spacing and punctuation that do not change
 * the place do not change the key, so "2634 Union Ave." and "2634 union ave" share an answer.
 */
export function addressKey(provider: string, query: AddressQuery): string {
  const line = addressLine(query)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[.#]/g, '')
    .replace(/\s*,\s*/g, ',')
    .replace(/\s+/g, ' ')
    .trim();
  return `${provider}:${line}`;
}
