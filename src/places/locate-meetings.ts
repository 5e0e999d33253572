/*
 * Gives coordinates to imported meetings whose source gave an address but none: most
 * spreadsheets and many feeds carry no coordinates, and a meeting without them is never found
 * by a search near a place.
 */
import type { GeocodedFrom, MeetingDraft } from '../meetings/model.js';
import type { Clock } from '../platform/clock.js';
import {
  addressKey,
  type AddressGeocoder,
  type AddressQuery,
  type GeocodedPoint,
} from './address-geocoder.js';
import type { GeocodeCacheRepository } from './geocode-cache-repository.js';
import type { Geocoder } from './gazetteer.js';

export interface LocateDeps {
  /** The offline gazetteer: ZIP code and town centres. */
  geocoder: Geocoder;
  /** The operator's street-address geocoder, when one is configured. */
  addressGeocoder?: AddressGeocoder;
  /** Where the address geocoder's answers are kept (needed with it). */
  cache?: GeocodeCacheRepository;
  clock: Clock;
}

/** What locating needs of a meeting: how people attend and where (its coordinates are set). */
export type Locatable = Pick<MeetingDraft, 'attendance' | 'place'>;

/** What locating an import's meetings did, by how each meeting was placed. */
export interface LocateSummary {
  /** Meetings that had an address and no coordinates. */
  candidates: number;
  address: number;
  postalCode: number;
  town: number;
  unplaced: number;
  /** Requests sent to the address geocoder (answers kept from earlier imports are not asked). */
  asked: number;
  /** Set when the address geocoder failed; the meetings left were placed offline. */
  geocoderError?: string;
}

/** A "nothing found" answer is trusted this long; then the address is asked again. */
export const MISS_KEPT_MS = 30 * 86_400_000;

const ZIP = /^(\d{5})(?:-\d{4})?$/;
const US_NAMES = /^(us|usa|united states( of america)?)$/i;
const ZIP_IN_LINE = /(?:^|[\s,])(\d{5})(?:-\d{4})?(?=$|[\s,])/;

/**
 * Sets coordinates on the drafts that have an address but none (in person and hybrid meetings;
 * an online meeting's town says where the group is from, not where to go): first from the
 * operator's address geocoder for street addresses, its answers kept so that a refresh asks
 * nothing again; else the centre of the ZIP code, else of the town, marked as such.
 */
export async function locateMeetings(
  drafts: readonly Locatable[],
  deps: LocateDeps,
): Promise<LocateSummary> {
  const summary: LocateSummary = {
    candidates: 0,
    address: 0,
    postalCode: 0,
    town: 0,
    unplaced: 0,
    asked: 0,
  };
  const pending = drafts.filter(needsLocating);
  summary.candidates = pending.length;
  if (pending.length === 0) return summary;

  const byStreet = await streetAddresses(pending, deps, summary);
  // A feed names the same few towns and ZIP codes many times.
  const offline = new Map<string, { point: GeocodedPoint; from: GeocodedFrom } | undefined>();
  for (const draft of pending) {
    const found =
      byStreet.get(draft) ??
      locateOffline(queryOf(draft), draft.place.approximate, deps.geocoder, offline);
    if (found === undefined) {
      summary.unplaced++;
      continue;
    }
    draft.place.latitude = found.point.latitude;
    draft.place.longitude = found.point.longitude;
    draft.place.geocoded = found.from;
    if (found.from === 'address') summary.address++;
    else if (found.from === 'postal_code') summary.postalCode++;
    else summary.town++;
  }
  return summary;
}

function needsLocating(draft: Locatable): boolean {
  const { place } = draft;
  if (draft.attendance === 'online') return false;
  if (place.latitude !== undefined && place.longitude !== undefined) return false;
  const { street, city, postalCode } = place.address;
  return (
    street !== undefined ||
    city !== undefined ||
    postalCode !== undefined ||
    place.formattedAddress !== undefined
  );
}

function queryOf(draft: Locatable): AddressQuery {
  const { address, formattedAddress } = draft.place;
  const query: AddressQuery = { ...address };
  if (formattedAddress !== undefined) query.formatted = formattedAddress;
  return query;
}

/** Street addresses through the operator's geocoder, kept answers first. */
async function streetAddresses(
  drafts: readonly Locatable[],
  deps: LocateDeps,
  summary: LocateSummary,
): Promise<Map<Locatable, { point: GeocodedPoint; from: GeocodedFrom }>> {
  const found = new Map<Locatable, { point: GeocodedPoint; from: GeocodedFrom }>();
  const { addressGeocoder, cache } = deps;
  if (addressGeocoder === undefined || cache === undefined) return found;
  const keyed = new Map<string, { query: AddressQuery; drafts: Locatable[] }>();
  for (const draft of drafts) {
    // A place with only a town is placed offline: a geocoder could do no better.
    if (draft.place.approximate || draft.place.address.street === undefined) continue;
    const query = queryOf(draft);
    const key = addressKey(addressGeocoder.name, query);
    const entry = keyed.get(key);
    if (entry === undefined) keyed.set(key, { query, drafts: [draft] });
    else entry.drafts.push(draft);
  }
  if (keyed.size === 0) return found;

  const kept = await cache.get([...keyed.keys()]);
  const now = deps.clock.now();
  for (const [key, { query, drafts: sharing }] of keyed) {
    let point: GeocodedPoint | null | undefined;
    const answer = kept.get(key);
    const fresh =
      answer !== undefined &&
      (answer.result !== null || now.getTime() - Date.parse(answer.createdAt) < MISS_KEPT_MS);
    if (fresh) point = answer.result;
    else if (summary.geocoderError === undefined) {
      try {
        summary.asked++;
        point = (await addressGeocoder.geocode(query)) ?? null;
        await cache.put(key, { result: point, createdAt: now.toISOString() });
      } catch (error) {
        // One failure stops the asking: a server that is down would fail every address slowly.
        summary.geocoderError = error instanceof Error ? error.message : String(error);
      }
    }
    if (point === null || point === undefined) continue;
    for (const draft of sharing) found.set(draft, { point, from: 'address' });
  }
  return found;
}

/** The centre of the address's ZIP code, else of its town, from the offline gazetteer. */
function locateOffline(
  query: AddressQuery,
  townOnly: boolean,
  geocoder: Geocoder,
  memo: Map<string, { point: GeocodedPoint; from: GeocodedFrom } | undefined>,
): { point: GeocodedPoint; from: GeocodedFrom } | undefined {
  const lookup = (text: string) => {
    if (!memo.has(text)) {
      const place = geocoder.lookup(text, { limit: 1 })[0];
      memo.set(
        text,
        place === undefined
          ? undefined
          : {
              point: { latitude: place.latitude, longitude: place.longitude },
              // "Greenfield, MA 01301" is looked up by its ZIP code.
              from: place.kind === 'postal_code' ? 'postal_code' : 'town',
            },
      );
    }
    return memo.get(text);
  };
  const us = query.country === undefined || US_NAMES.test(query.country.replace(/\./g, '').trim());
  const zip =
    ZIP.exec(query.postalCode?.trim() ?? '')?.[1] ??
    (query.formatted === undefined ? undefined : ZIP_IN_LINE.exec(query.formatted)?.[1]);
  if (us && zip !== undefined) {
    const byZip = lookup(zip);
    if (byZip !== undefined) return byZip;
  }
  const towns = [
    // A town-only line ("St. Albert, Alberta, Canada") is itself the best query: its parts
    // may have been split wrongly.
    townOnly ? query.formatted : undefined,
    query.city === undefined
      ? undefined
      : [query.city, query.region, query.country].filter(Boolean).join(', '),
    // "Greenfield, MA" with no street: the whole line names the town.
    query.street === undefined && query.city === undefined ? query.formatted : undefined,
  ];
  for (const town of towns) {
    if (town === undefined || town.trim() === '') continue;
    const byTown = lookup(town);
    if (byTown !== undefined) return byTown;
  }
  return undefined;
}
