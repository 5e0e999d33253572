/**
 * The place a search is near, from what a person typed: offline first (the gazetteer, which
 * prefers the town nearest the middle of the list when several share a name), then the
 * operator's geocoder for a town the gazetteer does not know, whose answers are held in memory
 * for the searches that follow.
 */
import { PorchlightError } from '../platform/errors.js';
import {
  placeCandidate,
  type Geocoder,
  type Place,
  type PlaceResolution,
} from '../places/gazetteer.js';
import type { GeocodedPlaces } from '../places/geocoded-places.js';
import type { Point } from './query.js';
import type { SearchIndex } from './search-index.js';

/** Places the geocoder found, held in memory for the searches that name them. */
const GEOCODED_KEPT = 1000;

/** Coordinates as typed ("42.6,-72.6"): never a place to look up. */
const COORDINATES = /^\s*-?\d+(?:\.\d+)?\s*,\s*-?\d+(?:\.\d+)?\s*$/;

/** The index a search reads, and the store revision it shows. */
export interface ListedIndex {
  index: SearchIndex | undefined;
  revision: number;
}

export class SearchPlaces {
  /** Typed places the geocoder found (by their text as typed), for `resolve` to read. */
  private readonly geocoded = new Map<string, Point>();
  private centre:
    | {
        revision: number;
        point: { latitude: number; longitude: number } | undefined;
        country?: string | undefined;
      }
    | undefined;

  constructor(
    private readonly geocoder: Geocoder,
    private readonly geocodedPlaces: GeocodedPlaces | undefined,
    private readonly listed: () => ListedIndex,
  ) {}

  /**
   * The place a person typed, offline. A name several towns share with none standing out
   * ("Springfield") is not guessed: PL_AMBIGUOUS_PLACE lists them, nearest the list first.
   */
  resolve(text: string): Point | undefined {
    const centre = this.listCentre();
    const resolution: PlaceResolution =
      this.geocoder.resolve?.(text, centre === undefined ? {} : { near: centre }) ??
      firstOf(this.geocoder.lookup(text, { limit: 1 }));
    if (resolution.kind === 'none') return this.geocoded.get(text);
    if (resolution.kind === 'several') {
      const candidates = resolution.places.map(placeCandidate);
      throw new PorchlightError(
        'PL_AMBIGUOUS_PLACE',
        `Several places are called "${text.length > 40 ? `${text.slice(0, 37)}...` : text}": ${candidates.map((c) => c.near).join('; ')}.`,
        { field: 'near', candidates },
      );
    }
    const { place } = resolution;
    const label = [place.name, place.region ?? place.country].join(', ');
    return { latitude: place.latitude, longitude: place.longitude, label };
  }

  /**
   * Asks the operator's geocoder for a typed place the offline gazetteer does not know, so that
   * `resolve` finds it next. Does nothing without a configured geocoder, for coordinates, for a
   * known place or a name several towns share; a geocoder that fails or finds nothing leaves
   * the place unknown.
   */
  async findTyped(text: string | undefined): Promise<void> {
    if (this.geocodedPlaces === undefined || text === undefined) return;
    const typed = text.trim();
    if (typed === '' || typed.length > 100 || this.geocoded.has(text)) return;
    if (COORDINATES.test(typed)) return;
    try {
      if (this.resolve(text) !== undefined) return;
    } catch {
      return; // several places of that name: the person is asked which one
    }
    const point = await this.fromGeocoder(typed);
    if (point === undefined) return;
    if (this.geocoded.size >= GEOCODED_KEPT) this.geocoded.clear();
    this.geocoded.set(text, {
      latitude: point.latitude,
      longitude: point.longitude,
      label: typed,
      foundBy: 'geocoder',
    });
  }

  /**
   * What the operator's geocoder finds by this name, in `country` or else in the list's own
   * country (which the answer names when known); undefined without a geocoder, when it knows
   * no such place or cannot be asked.
   */
  async fromGeocoder(
    text: string,
    country?: string,
  ): Promise<{ latitude: number; longitude: number; country?: string } | undefined> {
    const places = this.geocodedPlaces;
    if (places === undefined || text.trim() === '') return undefined;
    const within = country ?? this.listCountry();
    const point = await places.find(text.trim(), within);
    if (point === undefined) return undefined;
    const found = { latitude: point.latitude, longitude: point.longitude };
    return within === undefined ? found : { ...found, country: within.toUpperCase() };
  }

  /** The country the listed rooms are in, as far as the offline gazetteer tells. */
  private listCountry(): string | undefined {
    const centre = this.listCentre();
    if (centre === undefined || this.centre === undefined) return undefined;
    if (!('country' in this.centre)) this.centre.country = this.geocoder.countryNear?.(centre);
    return this.centre.country;
  }

  /** The middle of the listed rooms, worked out once per index revision. */
  private listCentre(): { latitude: number; longitude: number } | undefined {
    const { index, revision } = this.listed();
    if (index === undefined) return undefined;
    if (this.centre?.revision !== revision) this.centre = { revision, point: index.placeCentre() };
    return this.centre.point;
  }
}

function firstOf(places: readonly Place[]): PlaceResolution {
  const place = places[0];
  return place === undefined ? { kind: 'none' } : { kind: 'one', place };
}
