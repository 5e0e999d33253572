/**
 * The in-memory index the resource search reads, built once per revision of the directory: one
 * entry per service at a located place (a service offered at three places is three entries;
 * results show each service once, at its nearest place), plus one entry for each service with
 * no located place (telehealth, a phone line), found by every search that has no `near`.
 *
 * What a query compares is precomputed: per service, bit masks for cost kinds, MOUD, served
 * groups and recovery attributes, its needs with their broader needs as small integers, folded
 * text, and its rank by name; per entry, opening hours as minute-of-week intervals in its zone
 * (`opening-hours.ts`). A near query reads the entries within the circle from `ResourcePlaces`
 * in one pass, keeps each matching service's nearest entry in per-service scratch arrays reused
 * from query to query, and picks the page from those without sorting the rest.
 */
import { timeZoneAt } from '../../meetings/time-zone.js';
import { distanceKm } from '../../platform/geo/sphere.js';
import {
  costKinds,
  moudKinds,
  servedGroups,
  type CostKind,
  type Location,
  type MoudKind,
  type Organization,
  type ResourceDirectory,
  type Schedule,
  type ServedGroup,
  type Service,
} from '../model.js';
import { intervalsOf, OpeningHoursBuilder, type OpeningHours } from './opening-hours.js';
import { nearestFirst } from './page-order.js';
import { ResourcePlaces } from './resource-places.js';

/** Boolean recovery attributes a query can ask for, as bits. */
export const attributeFlags = [
  'accepts_moud',
  'naloxone',
  'walk_in',
  'same_day',
  'telehealth',
] as const;
export type AttributeFlag = (typeof attributeFlags)[number];

export interface ResourceQuery {
  near?: { latitude: number; longitude: number };
  radiusKm: number;
  needs?: string[];
  text?: string;
  openNow?: boolean;
  /** Now, epoch ms (open_now compares with it). */
  now: number;
  languages?: string[];
  costs?: CostKind[];
  moud?: MoudKind[];
  serves?: ServedGroup[];
  attributes?: AttributeFlag[];
  limit: number;
  offset: number;
}

export interface ResourceHit {
  service: Service;
  organization: Organization | undefined;
  location: Location | undefined;
  distanceKm?: number;
  openNow: boolean | undefined;
}

export interface ResourceAnswer {
  hits: ResourceHit[];
  /** Services matching in all (each counted once). */
  total: number;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function maskOf<T extends string>(values: readonly T[], vocabulary: readonly T[]): number {
  let mask = 0;
  for (const v of values) {
    const bit = vocabulary.indexOf(v);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}

/** A need code and every broader one: `a.b.c` -> `a`, `a.b`, `a.b.c`. */
function needAndBroader(code: string): string[] {
  const out: string[] = [];
  for (let dot = code.indexOf('.'); dot >= 0; dot = code.indexOf('.', dot + 1)) {
    out.push(code.slice(0, dot));
  }
  out.push(code);
  return out;
}

/**
 * A list of terms per service (its needs, its languages) as small integers, so a query's check
 * compares integers: service s's terms are `ids[start[s] .. start[s + 1])`.
 */
class TermLists {
  private readonly idOf = new Map<string, number>();
  private readonly start: Int32Array;
  private ids: Int32Array = new Int32Array(0);
  private readonly pending: number[] = [];

  constructor(services: number) {
    this.start = new Int32Array(services + 1);
  }

  /** Sets service s's terms; services are set in order 0, 1, 2, ... */
  set(s: number, terms: Iterable<string>): void {
    for (const term of new Set(terms)) {
      let id = this.idOf.get(term);
      if (id === undefined) {
        id = this.idOf.size;
        this.idOf.set(term, id);
      }
      this.pending.push(id);
    }
    this.start[s + 1] = this.pending.length;
  }

  finish(): void {
    this.ids = Int32Array.from(this.pending);
    this.pending.length = 0;
  }

  /** The ids of a query's terms; a term no service has gets -1, which matches nothing. */
  idsOf(terms: readonly string[]): Int32Array {
    return Int32Array.from(terms, (t) => this.idOf.get(t) ?? -1);
  }

  /** Whether service s has any of the terms `wanted`. */
  hasAny(s: number, wanted: Int32Array): boolean {
    for (let i = this.start[s]!, end = this.start[s + 1]!; i < end; i++) {
      const id = this.ids[i]!;
      for (let k = 0; k < wanted.length; k++) if (wanted[k] === id) return true;
    }
    return false;
  }
}

export class ResourceIndex {
  private readonly services: Service[];
  private readonly organizations: Map<string, Organization>;
  private readonly locations: Location[];
  // Per service:
  private readonly costMask: Int32Array;
  private readonly moudMask: Int32Array;
  private readonly servesMask: Int32Array;
  private readonly flagMask: Int32Array;
  private readonly text: string[];
  private readonly languages: TermLists;
  /** Each service's needs with their broader needs. */
  private readonly needs: TermLists;
  /** Position of each service in the order by name (then id), and the service at each rank. */
  private readonly nameRank: Int32Array;
  private readonly byRank: Int32Array;
  // Per entry:
  private readonly entryService: Int32Array;
  /** Location index, -1 for a service with no located place. */
  private readonly entryLocation: Int32Array;
  private readonly hours: OpeningHours;
  private readonly places: ResourcePlaces;
  // Scratch of one query at a time, reused so that a query allocates nothing per service:
  private readonly verdictStamp: Uint32Array;
  private readonly verdict: Uint8Array;
  private readonly seenStamp: Uint32Array;
  private readonly bestCloseness: Float64Array;
  private readonly bestEntry: Int32Array;
  private readonly matched: Int32Array;
  private readonly circleEntries: Int32Array;
  private readonly circleCloseness: Float64Array;
  private generation = 0;

  constructor(directory: ResourceDirectory) {
    this.services = directory.services.filter((s) => s.status === 'active');
    this.organizations = new Map(directory.organizations.map((o) => [o.id, o]));
    this.locations = directory.locations;
    const locationIndex = new Map(this.locations.map((l, i) => [l.id, i]));
    const serviceIndex = new Map(this.services.map((s, i) => [s.id, i]));
    const n = this.services.length;
    this.costMask = new Int32Array(n);
    this.moudMask = new Int32Array(n);
    this.servesMask = new Int32Array(n);
    this.flagMask = new Int32Array(n);
    this.text = new Array<string>(n);
    this.languages = new TermLists(n);
    this.needs = new TermLists(n);
    this.services.forEach((s, i) => {
      this.costMask[i] = maskOf(
        s.costOptions.map((c) => c.kind),
        costKinds,
      );
      this.moudMask[i] = maskOf(s.recovery.moud, moudKinds);
      this.servesMask[i] = maskOf(s.eligibility.serves, servedGroups);
      const flags: AttributeFlag[] = [];
      if (s.recovery.acceptsMoud === true) flags.push('accepts_moud');
      if (s.recovery.naloxone) flags.push('naloxone');
      if (s.recovery.walkIn) flags.push('walk_in');
      if (s.recovery.sameDay) flags.push('same_day');
      if (s.recovery.telehealth) flags.push('telehealth');
      this.flagMask[i] = maskOf(flags, attributeFlags);
      const org = this.organizations.get(s.organizationId);
      this.text[i] = fold(
        [s.name, s.alternateName, s.description, org?.name].filter(Boolean).join(' '),
      );
      this.languages.set(
        i,
        s.languages.map((l) => l.toLowerCase()),
      );
      this.needs.set(i, s.needs.flatMap(needAndBroader));
    });
    this.languages.finish();
    this.needs.finish();
    const collator = new Intl.Collator('en');
    const order = this.services.map((_, i) => i);
    order.sort((a, b) => {
      const sa = this.services[a]!;
      const sb = this.services[b]!;
      return collator.compare(sa.name, sb.name) || collator.compare(sa.id, sb.id);
    });
    this.byRank = Int32Array.from(order);
    this.nameRank = new Int32Array(n);
    order.forEach((si, rank) => (this.nameRank[si] = rank));

    // Entries: the placed ones first (in the order of the links), then the unplaced services.
    const entryService: number[] = [];
    const entryLocation: number[] = [];
    const entrySchedules: (readonly Schedule[] | undefined)[] = [];
    const linked = new Uint8Array(n);
    for (const sal of directory.serviceAtLocations) {
      const si = serviceIndex.get(sal.serviceId);
      const li = locationIndex.get(sal.locationId);
      if (si === undefined || li === undefined) continue;
      const location = this.locations[li]!;
      if (location.latitude === undefined || location.longitude === undefined) continue;
      linked[si] = 1;
      entryService.push(si);
      entryLocation.push(li);
      entrySchedules.push(sal.schedules.length > 0 ? sal.schedules : undefined);
    }
    const placedCount = entryService.length;
    for (let si = 0; si < n; si++) {
      if (linked[si] === 1) continue;
      entryService.push(si);
      entryLocation.push(-1);
      entrySchedules.push(undefined);
    }
    this.entryService = Int32Array.from(entryService);
    this.entryLocation = Int32Array.from(entryLocation);

    const hours = new OpeningHoursBuilder();
    const zoneAt = new Map<string, string | undefined>();
    for (let e = 0; e < entryService.length; e++) {
      const service = this.services[entryService[e]!]!;
      const location = entryLocation[e]! >= 0 ? this.locations[entryLocation[e]!] : undefined;
      const schedules =
        entrySchedules[e] ??
        (service.schedules.length > 0 ? service.schedules : (location?.schedules ?? []));
      const intervals = intervalsOf(schedules);
      let zone = schedules.find((s) => s.timeZone !== undefined)?.timeZone;
      if (intervals.length > 0 && zone === undefined && location?.latitude !== undefined) {
        // Many services share a place; the boundary lookup is the build's costliest step.
        const key = `${location.latitude},${location.longitude}`;
        if (!zoneAt.has(key)) zoneAt.set(key, timeZoneAt(location.latitude, location.longitude!));
        zone = zoneAt.get(key);
      }
      hours.add(intervals, zone ?? 'America/New_York');
    }
    this.hours = hours.finish();

    const placedLat = new Float64Array(placedCount);
    const placedLng = new Float64Array(placedCount);
    const placedEntries = new Int32Array(placedCount);
    for (let e = 0; e < placedCount; e++) {
      const location = this.locations[entryLocation[e]!]!;
      placedEntries[e] = e;
      placedLat[e] = location.latitude!;
      placedLng[e] = location.longitude!;
    }
    this.places = new ResourcePlaces(placedEntries, placedLat, placedLng);

    this.verdictStamp = new Uint32Array(n);
    this.verdict = new Uint8Array(n);
    this.seenStamp = new Uint32Array(n);
    this.bestCloseness = new Float64Array(n);
    this.bestEntry = new Int32Array(n);
    this.matched = new Int32Array(n);
    this.circleEntries = new Int32Array(placedCount);
    this.circleCloseness = new Float64Array(placedCount);
  }

  private nextGeneration(): number {
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.generation = 1;
      this.verdictStamp.fill(0);
      this.seenStamp.fill(0);
    }
    return this.generation;
  }

  get size(): number {
    return this.services.length;
  }

  search(query: ResourceQuery): ResourceAnswer {
    const matches = this.serviceFilter(query);
    const minuteByZone = this.hours.nowIn(query.now);
    const openNow = query.openNow === true;
    const seen = this.seenStamp;
    const best = this.bestEntry;
    const matched = this.matched;
    const generation = this.nextGeneration();
    let total = 0;
    let page: Int32Array;
    if (query.near !== undefined) {
      const { latitude, longitude } = query.near;
      const entries = this.circleEntries;
      const closeness = this.circleCloseness;
      const bestCloseness = this.bestCloseness;
      const inCircle = this.places.within(latitude, longitude, query.radiusKm, entries, closeness);
      for (let i = 0; i < inCircle; i++) {
        const e = entries[i]!;
        const si = this.entryService[e]!;
        const c = closeness[i]!;
        const known = seen[si] === generation;
        // Only a nearer place (or an equally near one listed earlier) can change the answer.
        if (known && (c < bestCloseness[si]! || (c === bestCloseness[si]! && e > best[si]!))) {
          continue;
        }
        if (!matches(si)) continue;
        if (openNow && this.hours.isOpen(e, minuteByZone) !== true) continue;
        if (!known) {
          seen[si] = generation;
          matched[total++] = si;
        }
        bestCloseness[si] = c;
        best[si] = e;
      }
      page = nearestFirst(matched, total, query.offset + query.limit, bestCloseness, best);
      page = page.subarray(Math.min(query.offset, page.length));
    } else {
      for (let e = 0; e < this.entryService.length; e++) {
        const si = this.entryService[e]!;
        if (seen[si] === generation || !matches(si)) continue;
        if (openNow && this.hours.isOpen(e, minuteByZone) !== true) continue;
        seen[si] = generation;
        best[si] = e;
        matched[total++] = this.nameRank[si]!;
      }
      // By name: ranks sort as plain integers, with no string compared per query.
      const ranks = matched.subarray(0, total).sort();
      const from = Math.min(query.offset, total);
      const to = Math.min(query.offset + query.limit, total);
      page = Int32Array.from(ranks.subarray(from, to), (rank) => this.byRank[rank]!);
    }
    return {
      total,
      hits: Array.from(page, (si) => {
        const e = best[si]!;
        const service = this.services[si]!;
        const li = this.entryLocation[e]!;
        const location = li >= 0 ? this.locations[li] : undefined;
        const hit: ResourceHit = {
          service,
          organization: this.organizations.get(service.organizationId),
          location,
          openNow: this.hours.isOpen(e, minuteByZone),
        };
        if (query.near !== undefined && location !== undefined) {
          hit.distanceKm = distanceKm(
            query.near.latitude,
            query.near.longitude,
            location.latitude!,
            location.longitude!,
          );
        }
        return hit;
      }),
    };
  }

  /** The query's checks on a service (not on a place), each service's verdict kept for the query. */
  private serviceFilter(query: ResourceQuery): (si: number) => boolean {
    const costMask = maskOf(query.costs ?? [], costKinds);
    const moudMask = maskOf(query.moud ?? [], moudKinds);
    const servesMask = maskOf(query.serves ?? [], servedGroups);
    const flagMask = maskOf(query.attributes ?? [], attributeFlags);
    const words = query.text === undefined ? [] : fold(query.text).split(/\s+/).filter(Boolean);
    const languages =
      query.languages && this.languages.idsOf(query.languages.map((l) => l.toLowerCase()));
    // A need no service has (nor any narrower one) has no id, and so matches nothing.
    const needs = query.needs && this.needs.idsOf(query.needs);
    const generation = this.nextGeneration();
    const verdictAt = this.verdictStamp;
    const verdict = this.verdict;
    const hasWords = (si: number): boolean => {
      const text = this.text[si]!;
      for (const word of words) if (!text.includes(word)) return false;
      return true;
    };
    return (si) => {
      if (verdictAt[si] === generation) return verdict[si] === 1;
      const ok =
        (costMask === 0 || (this.costMask[si]! & costMask) !== 0) &&
        (moudMask === 0 || (this.moudMask[si]! & moudMask) !== 0) &&
        (servesMask === 0 || (this.servesMask[si]! & servesMask) !== 0) &&
        (this.flagMask[si]! & flagMask) === flagMask &&
        (needs === undefined || this.needs.hasAny(si, needs)) &&
        (languages === undefined || this.languages.hasAny(si, languages)) &&
        (words.length === 0 || hasWords(si));
      verdictAt[si] = generation;
      verdict[si] = ok ? 1 : 0;
      return ok;
    };
  }
}
