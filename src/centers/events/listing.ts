/**
 * A center's public groups in the meeting finder: each is a meeting of a local source of the
 * center's own (`center-<slug>`, made on first use, with no file or URL, so nothing refreshes
 * it), written the way an import writes, through the same snapshot. So the search index, the
 * feeds, the history and the meeting's stable slug all behave as for any source, and a group
 * edited on the calendar is the same meeting, edited, in the finder.
 *
 * The listing is written again after every change to the calendar or the center's place, and
 * once a day by a job, which drops series that have ended. A listing that could not be written
 * (the database busy, say) leaves the calendar saved and is put right by the next pass. The
 * center's address is located once, when it is set, and its point kept with the center: the
 * groups meet there, so none of them is located again.
 */
import { randomUUID } from 'node:crypto';
import type { MeetingDraft, Place } from '../../meetings/model.js';
import { focusOf, getProgram } from '../../meetings/programs.js';
import { localDateIn } from '../../meetings/time-zone.js';
import type { AddressGeocoder } from '../../places/address-geocoder.js';
import type { Geocoder } from '../../places/gazetteer.js';
import { locateMeetings } from '../../places/locate-meetings.js';
import type { CommittedChange } from '../../platform/database/change-feed.js';
import type { YieldToLoop } from '../../platform/loop-yield.js';
import type { Repositories } from '../../repositories.js';
import { applySnapshot } from '../../sources/apply-snapshot.js';
import { startReport, type ImportReport, type Source } from '../../sources/model.js';
import type { DeskDeps } from '../deps.js';
import type { Center, CenterPlace, CenterPoint } from '../model.js';
import { isListedGroup, recurrenceOf, type CenterEvent } from './model.js';

/** What listing groups needs beyond storage and time: the app's import ports. */
export interface ListingPorts {
  /** The offline gazetteer: places the center at its ZIP code or town when no geocoder is set. */
  geocoder?: Geocoder;
  /** The operator's street-address geocoder, when one is configured. */
  addressGeocoder?: AddressGeocoder;
  /** Told after the listing changed, so the search index and feed caches follow. */
  onChange?: (change: CommittedChange) => void | Promise<void>;
  yieldToLoop?: YieldToLoop;
  /** Where people reach the site: the meetings link back to the center's public calendar. */
  publicUrl?: string;
}

/** The program of a group that names none: peer groups at a center welcome every pathway. */
export const DEFAULT_GROUP_PROGRAM = 'all-recovery';

/** How many times a listing is written while the calendar keeps changing under it. */
const LISTING_ROUNDS = 4;

/**
 * Writes the center's listed groups as its source's meetings; returns what the snapshot did,
 * or undefined when the center has never listed a group and has none to list. With
 * `retryGeocoder` (the daily pass), a place found offline while the geocoder could not be asked
 * is asked again.
 *
 * Two saves at the same moment (two staff, or two instances) each write the whole listing from
 * what they read, and the one that read first may write last, leaving the other's group out.
 * So after writing, the calendar is read again, and while what it lists differs from what was
 * written the listing is written again: whichever save writes last also reads last.
 */
export async function syncCenterListing(
  deps: DeskDeps,
  given: Center,
  options: { retryGeocoder?: boolean } = {},
): Promise<ImportReport | undefined> {
  let read = await readListing(deps, given);
  let report: ImportReport | undefined;
  for (let round = 0; round < LISTING_ROUNDS; round += 1) {
    report = await writeListing(deps, read, options.retryGeocoder === true);
    const again = await readListing(deps, given);
    if (again.fingerprint === read.fingerprint) break;
    read = again;
  }
  return report;
}

/** What a listing is written from, and a fingerprint of it that a later read compares. */
interface ListingRead {
  center: Center;
  now: Date;
  listed: CenterEvent[];
  fingerprint: string;
}

async function readListing(deps: DeskDeps, given: Center): Promise<ListingRead> {
  // Read again: the caller's copy may predate a change of place in the same request.
  const center = (await deps.repos.centers.bySlug(given.slug)) ?? given;
  const now = deps.clock.now();
  const today = localDateIn(now.getTime(), center.timeZone);
  const events = await deps.repos.centerEvents.ofCenter(center.id, {
    from: today,
    publicOnly: true,
  });
  const listed = center.place === undefined ? [] : events.filter((e) => isListedGroup(e, today));
  const fingerprint = JSON.stringify([
    center.place === undefined ? null : addressOnly(center.place),
    center.name,
    center.timeZone,
    listed.map((e) => [e.id, e.updatedAt]),
  ]);
  return { center, now, listed, fingerprint };
}

/** A place without the point found for it: the write keeps that point, which is no change to list. */
function addressOnly(place: CenterPlace): Omit<CenterPlace, 'located'> {
  const { located: _point, ...address } = place;
  return address;
}

async function writeListing(
  deps: DeskDeps,
  { center, now, listed }: ListingRead,
  retryGeocoder: boolean,
): Promise<ImportReport | undefined> {
  if (listed.length === 0 && center.listingSourceId === undefined) return undefined;
  const source = await listingSource(deps.repos, center, now.toISOString());
  // Located only when a group meets there: a center that lists nothing asks no geocoder.
  const place = listed.length === 0 ? undefined : await locatedPlace(deps, center, retryGeocoder);
  const drafts = listed.map((e) =>
    groupDraft(e, center, place!, source, now.toISOString(), deps.listing?.publicUrl),
  );
  const report: ImportReport = {
    ...startReport(source, `center:${center.slug}`, now.toISOString()),
    outcome: 'unchanged',
    rowCount: drafts.length,
  };
  return applySnapshot(
    {
      repos: deps.repos,
      clock: deps.clock,
      ...(deps.listing?.onChange !== undefined ? { onChange: deps.listing.onChange } : {}),
      ...(deps.listing?.yieldToLoop !== undefined ? { yieldToLoop: deps.listing.yieldToLoop } : {}),
    },
    source,
    drafts,
    report,
  );
}

/**
 * The center's place with its point: as kept, or else located now (the operator's geocoder for
 * a street address, else the ZIP code's or town's centre, as an import locates) and kept with
 * the center, so that the next listing asks nothing. A point found offline while the geocoder
 * could not be asked is kept too, marked to be asked again by the daily pass (`retry`).
 */
async function locatedPlace(deps: DeskDeps, center: Center, retry: boolean): Promise<CenterPlace> {
  const place = center.place!;
  const geocoder = deps.listing?.geocoder;
  const kept = place.located;
  if (geocoder === undefined || (kept !== undefined && !(retry && kept.retry === true)))
    return place;
  // Located from the address alone: a point kept for retrying is not an answer.
  const { located: _kept, ...address } = place;
  const draft = { attendance: 'in_person' as const, place: placeOf(center, address) };
  const summary = await locateMeetings([draft], {
    geocoder,
    clock: deps.clock,
    cache: deps.repos.geocodeCache,
    ...(deps.listing?.addressGeocoder !== undefined
      ? { addressGeocoder: deps.listing.addressGeocoder }
      : {}),
  });
  const { latitude, longitude, geocoded } = draft.place;
  if (latitude === undefined || longitude === undefined || geocoded === undefined) return place;
  const point: CenterPoint = { latitude, longitude, from: geocoded };
  if (summary.geocoderError !== undefined) point.retry = true;
  const located: CenterPlace = { ...address, located: point };
  await deps.repos.centers.keepPlacePoint(center.id, place, located);
  return located;
}

/** The center's own source, made (and remembered on the center) the first time. */
async function listingSource(repos: Repositories, center: Center, at: string): Promise<Source> {
  if (center.listingSourceId !== undefined) {
    const id = center.listingSourceId;
    const known = (await repos.sources.list()).find((s) => s.id === id);
    if (known !== undefined) return known;
  }
  const names = new Set((await repos.sources.list()).map((s) => s.name));
  const stem = `center-${center.slug}`.slice(0, 56).replace(/-+$/, '');
  const name = names.has(stem) ? `${stem}-${center.id.slice(0, 6).toLowerCase()}` : stem;
  // The program only says how a feed's type codes are read; each group carries its own.
  const source: Source = {
    id: randomUUID(),
    name: name.replace(/[^a-z0-9-]/g, ''),
    format: 'meeting-guide',
    program: DEFAULT_GROUP_PROGRAM,
    defaultTimeZone: center.timeZone,
    createdAt: at,
  };
  await repos.sources.create(source);
  await repos.centers.setListingSource(center.id, source.id);
  center.listingSourceId = source.id;
  return source;
}

/** A listed group as a meeting: in person at the center, on the series' rule. */
export function groupDraft(
  event: CenterEvent,
  center: Center,
  place: CenterPlace,
  source: Source,
  at: string,
  publicUrl?: string,
): MeetingDraft {
  const program =
    getProgram(event.program ?? DEFAULT_GROUP_PROGRAM) ?? getProgram(DEFAULT_GROUP_PROGRAM)!;
  const calendar =
    publicUrl === undefined
      ? undefined
      : `${publicUrl.replace(/\/+$/, '')}/centers/${center.slug}/events`;
  const recurrence = recurrenceOf(event);
  return {
    name: event.title,
    program: program.id,
    types: [],
    languages: [],
    focus: focusOf(program, []),
    attendance: 'in_person',
    status: 'active',
    timeZone: center.timeZone,
    schedule: recurrence === undefined ? [] : [recurrence],
    place: placeOf(center, place),
    online: {},
    group: { name: center.name, contacts: [], contactsPublic: false },
    ...(event.description !== undefined ? { notes: event.description } : {}),
    contributions: [],
    entity: { name: center.name, ...(calendar !== undefined ? { url: calendar } : {}) },
    provenance: {
      sourceId: source.id,
      sourceSlug: event.id,
      ...(calendar !== undefined ? { sourceUrl: calendar } : {}),
      sourceUpdatedAt: event.updatedAt,
      lastFetchedAt: at,
      extra: {},
    },
  };
}

function placeOf(center: Center, place: CenterPlace): Place {
  const address = {
    ...(place.street !== undefined ? { street: place.street } : {}),
    city: place.city,
    ...(place.region !== undefined ? { region: place.region } : {}),
    ...(place.postalCode !== undefined ? { postalCode: place.postalCode } : {}),
    country: place.country ?? 'US',
  };
  const cityLine = [place.city, [place.region, place.postalCode].filter(Boolean).join(' ')]
    .filter((part) => part !== '')
    .join(', ');
  const located = place.located;
  return {
    name: center.name,
    address,
    formattedAddress: [place.street, cityLine]
      .filter((p) => p !== undefined && p !== '')
      .join(', '),
    ...(located !== undefined
      ? { latitude: located.latitude, longitude: located.longitude, geocoded: located.from }
      : {}),
    approximate: place.street === undefined,
    regions: [],
  };
}
