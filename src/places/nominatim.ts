/*
 * The address geocoder over a Nominatim server the operator runs (or chose, and may use under
 * its usage policy). Only ever built when the operator configured its URL.
 */
import type { Config } from '../platform/config.js';
import { systemTimers, type Timers } from '../platform/timers.js';
import {
  addressLine,
  type AddressGeocoder,
  type AddressQuery,
  type GeocodedPoint,
} from './address-geocoder.js';

export interface NominatimOptions {
  /** The server's base URL, e.g. `https://nominatim.example.org` (its `/search` is asked). */
  url: string;
  /** Sent as User-Agent: Nominatim's policy asks every client to name itself. */
  userAgent: string;
  /** How long one request may take, in milliseconds (default 10 s). */
  timeoutMs?: number;
  fetcher?: typeof fetch;
  timers?: Timers;
}

// Nominatim's place_rank: 26 and 27 are streets, 28-30 buildings and house numbers. A coarser
// answer (a town, a ZIP code area) is no better than the offline gazetteer's, which says so.
const STREET_RANK = 26;
// Counties are 12; cities, towns and villages 13-20 (hamlets and suburbs beyond).
const SETTLEMENT_RANK = 12;

interface NominatimPlace {
  lat?: unknown;
  lon?: unknown;
  place_rank?: unknown;
}

/** Builds the geocoder over the server at `options.url`. */
export function createNominatimGeocoder(options: NominatimOptions): AddressGeocoder {
  const base = baseUrl(options.url);
  const fetcher = options.fetcher ?? fetch;
  const timers = options.timers ?? systemTimers;
  const timeoutMs = options.timeoutMs ?? 10_000;
  /** The first answer to a search with these parameters, and its place_rank (NaN if none). */
  const first = async (
    params: Record<string, string>,
  ): Promise<(GeocodedPoint & { rank: number }) | undefined> => {
    const url = new URL('search', base);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    const controller = new AbortController();
    const cancel = timers.after(timeoutMs, () => controller.abort());
    try {
      const response = await fetcher(url, {
        headers: { 'user-agent': options.userAgent, accept: 'application/json' },
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`the geocoder answered ${response.status}`);
      const body = (await response.json()) as unknown;
      const place = Array.isArray(body) ? (body[0] as NominatimPlace | undefined) : undefined;
      if (place === undefined) return undefined;
      const latitude = Number(place.lat);
      const longitude = Number(place.lon);
      if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
      if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
      return { latitude, longitude, rank: Number(place.place_rank) };
    } finally {
      cancel();
    }
  };
  return {
    name: 'nominatim',
    async geocode(query: AddressQuery) {
      const line = addressLine(query);
      if (line === '') return undefined;
      const country = countryCode(query.country);
      const found = await first({
        q: line,
        format: 'jsonv2',
        limit: '1',
        addressdetails: '0',
        ...(country !== undefined ? { countrycodes: country } : {}),
      });
      if (found === undefined) return undefined;
      if (Number.isFinite(found.rank) && found.rank < STREET_RANK) return undefined;
      return { latitude: found.latitude, longitude: found.longitude };
    },
    async settlement(name: string, country?: string) {
      if (name.trim() === '') return undefined;
      const found = await first({
        q: name.trim(),
        format: 'jsonv2',
        limit: '1',
        addressdetails: '0',
        // Towns, villages, hamlets: not a street of that name somewhere else.
        featureType: 'settlement',
        ...(country !== undefined ? { countrycodes: country.toLowerCase() } : {}),
      });
      if (found === undefined) return undefined;
      // A state or a country (ranks up to 11) is no place to measure a distance from.
      if (Number.isFinite(found.rank) && found.rank < SETTLEMENT_RANK) return undefined;
      return { latitude: found.latitude, longitude: found.longitude };
    },
  };
}

/** The operator's Nominatim, when PORCHLIGHT_GEOCODER_URL names one; never a default. */
export function configuredAddressGeocoder(
  config: Pick<Config, 'geocoderUrl' | 'publicUrl'>,
  version: string,
  ports: { fetcher?: typeof fetch; timers?: Timers } = {},
): AddressGeocoder | undefined {
  if (config.geocoderUrl === undefined) return undefined;
  return createNominatimGeocoder({
    url: config.geocoderUrl,
    // Nominatim's policy asks each application to name itself and say where it is reached.
    userAgent: `Porchlight/${version} (${config.publicUrl})`,
    ...(ports.fetcher !== undefined ? { fetcher: ports.fetcher } : {}),
    ...(ports.timers !== undefined ? { timers: ports.timers } : {}),
  });
}

/**
 * The geocoder's base URL, ending in `/` so that `search` is resolved under its path (a
 * Nominatim behind `https://example.org/nominatim`). Plain http is allowed: the operator's own
 * server often sits beside this one. The configuration has refused anything else already.
 */
function baseUrl(value: string): URL {
  const url = new URL(value);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

// Nominatim wants ISO 3166-1 codes; sources write the country in words as often as in codes.
const COUNTRY_CODES: Readonly<Record<string, string>> = {
  us: 'us',
  usa: 'us',
  'united states': 'us',
  'united states of america': 'us',
  ca: 'ca',
  canada: 'ca',
  mx: 'mx',
  mexico: 'mx',
  méxico: 'mx',
  gb: 'gb',
  uk: 'gb',
  'united kingdom': 'gb',
  ie: 'ie',
  ireland: 'ie',
  au: 'au',
  australia: 'au',
  nz: 'nz',
  'new zealand': 'nz',
};

function countryCode(country: string | undefined): string | undefined {
  if (country === undefined) return undefined;
  const name = country.trim().toLowerCase().replace(/\./g, '');
  return Object.hasOwn(COUNTRY_CODES, name) ? COUNTRY_CODES[name] : undefined;
}
