/**
 * The in-memory index the resource search reads: one entry per service at a located place
 * (a service offered at three places is three entries; results show each service once, at its
 * nearest place), plus one entry for each service with no located place (telehealth, a phone
 * line), found by every search that has no `near`. What a query compares is precomputed per
 * entry: bit masks for cost kinds, recovery attributes and served groups, folded text, opening
 * hours as minute-of-week intervals in the entry's zone. Near queries walk a kdbush index
 * nearest-first (geokdbush), the same great-circle distance as the meeting search.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { timeZoneAt } from '../../meetings/time-zone.js';
import { boxesAround, distanceKm } from '../../search/geo.js';
import {
  costKinds,
  moudKinds,
  servedGroups,
  weekdayCodes,
  type CostKind,
  type Location,
  type MoudKind,
  type Organization,
  type ResourceDirectory,
  type Schedule,
  type ServedGroup,
  type Service,
} from '../model.js';
import { needWithin } from '../needs.js';

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

interface Entry {
  service: number;
  location: number;
  lat: number;
  lng: number;
}

/** Opening hours of one entry: minute-of-week intervals [start, end) in its zone. */
interface Hours {
  zone: string;
  intervals: Int32Array;
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

function minuteOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** Weekly intervals of a set of schedules (monthly ones count on every such weekday). */
function intervalsOf(schedules: readonly Schedule[]): number[] {
  const out: number[] = [];
  for (const s of schedules) {
    if (s.opensAt === undefined || s.closesAt === undefined) continue;
    const open = minuteOf(s.opensAt);
    let close = minuteOf(s.closesAt);
    if (close <= open) close += 1440; // past midnight
    if (s.closesAt === '23:59') close += 1;
    for (const day of s.byDay) {
      const base = weekdayCodes.indexOf(day) * 1440;
      out.push(base + open, base + close);
    }
  }
  return out;
}

export class ResourceIndex {
  private readonly services: Service[];
  private readonly organizations: Map<string, Organization>;
  private readonly locations: Location[];
  private readonly entries: Entry[] = [];
  /** Entries of services with no located place. */
  private readonly unplaced: number[] = [];
  private readonly kd: KDBush | undefined;
  private readonly placedEntries: number[] = [];
  // Per service:
  private readonly costMask: Int32Array;
  private readonly moudMask: Int32Array;
  private readonly servesMask: Int32Array;
  private readonly flagMask: Int32Array;
  private readonly text: string[];
  private readonly languages: string[][];
  /** Per entry. */
  private readonly hours: (Hours | undefined)[] = [];
  /** Per service, scratch of one query at a time (see `search`). */
  private readonly verdictStamp: Uint32Array;
  private readonly verdict: Uint8Array;
  private readonly countedStamp: Uint32Array;
  private generation = 0;

  private nextGeneration(): number {
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.generation = 1;
      this.verdictStamp.fill(0);
      this.countedStamp.fill(0);
    }
    return this.generation;
  }

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
    this.verdictStamp = new Uint32Array(n);
    this.verdict = new Uint8Array(n);
    this.countedStamp = new Uint32Array(n);
    this.languages = new Array<string[]>(n);
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
      this.languages[i] = s.languages.map((l) => l.toLowerCase());
    });

    const linked = new Set<number>();
    const schedulesAt = new Map<string, Schedule[]>();
    for (const sal of directory.serviceAtLocations) {
      const si = serviceIndex.get(sal.serviceId);
      const li = locationIndex.get(sal.locationId);
      if (si === undefined || li === undefined) continue;
      const location = this.locations[li]!;
      if (location.latitude === undefined || location.longitude === undefined) continue;
      linked.add(si);
      this.placedEntries.push(this.entries.length);
      this.entries.push({
        service: si,
        location: li,
        lat: location.latitude,
        lng: location.longitude,
      });
      if (sal.schedules.length > 0) schedulesAt.set(`${this.entries.length - 1}`, sal.schedules);
    }
    for (let si = 0; si < n; si++) {
      if (linked.has(si)) continue;
      this.unplaced.push(this.entries.length);
      this.entries.push({ service: si, location: -1, lat: Number.NaN, lng: Number.NaN });
    }
    this.entries.forEach((entry, e) => {
      const service = this.services[entry.service]!;
      const location = entry.location >= 0 ? this.locations[entry.location] : undefined;
      const schedules =
        schedulesAt.get(`${e}`) ??
        (service.schedules.length > 0 ? service.schedules : (location?.schedules ?? []));
      const intervals = intervalsOf(schedules);
      if (intervals.length === 0) {
        this.hours.push(undefined);
        return;
      }
      const zone =
        schedules.find((s) => s.timeZone !== undefined)?.timeZone ??
        (location?.latitude !== undefined && location.longitude !== undefined
          ? timeZoneAt(location.latitude, location.longitude)
          : undefined) ??
        'America/New_York';
      this.hours.push({ zone, intervals: Int32Array.from(intervals) });
    });
    if (this.placedEntries.length > 0) {
      const kd = new KDBush(this.placedEntries.length);
      for (const e of this.placedEntries) kd.add(this.entries[e]!.lng, this.entries[e]!.lat);
      kd.finish();
      this.kd = kd;
    }
  }

  get size(): number {
    return this.services.length;
  }

  search(query: ResourceQuery): ResourceAnswer {
    const costMask = maskOf(query.costs ?? [], costKinds);
    const moudMask = maskOf(query.moud ?? [], moudKinds);
    const servesMask = maskOf(query.serves ?? [], servedGroups);
    const flagMask = maskOf(query.attributes ?? [], attributeFlags);
    const text = query.text === undefined ? [] : fold(query.text).split(/\s+/).filter(Boolean);
    const languages = query.languages?.map((l) => l.toLowerCase());
    const localNow = new Map<string, number>();
    const minuteOfWeek = (zone: string) => {
      let m = localNow.get(zone);
      if (m === undefined) {
        m = localMinuteOfWeek(query.now, zone);
        localNow.set(zone, m);
      }
      return m;
    };
    // Per-service verdicts and "already counted" marks for this query: stamped arrays reused
    // from query to query, so a query allocates no map or set per service.
    const generation = this.nextGeneration();
    const verdictAt = this.verdictStamp;
    const verdict = this.verdict;
    const matchesService = (si: number): boolean => {
      if (verdictAt[si] === generation) return verdict[si] === 1;
      const service = this.services[si]!;
      const ok =
        (costMask === 0 || (this.costMask[si]! & costMask) !== 0) &&
        (moudMask === 0 || (this.moudMask[si]! & moudMask) !== 0) &&
        (servesMask === 0 || (this.servesMask[si]! & servesMask) !== 0) &&
        (this.flagMask[si]! & flagMask) === flagMask &&
        (query.needs === undefined ||
          service.needs.some((code) => query.needs!.some((need) => needWithin(code, need)))) &&
        (languages === undefined || languages.some((l) => this.languages[si]!.includes(l))) &&
        text.every((word) => this.text[si]!.includes(word));
      verdictAt[si] = generation;
      verdict[si] = ok ? 1 : 0;
      return ok;
    };
    const openAt = (e: number): boolean | undefined => {
      const hours = this.hours[e];
      if (hours === undefined) return undefined;
      const now = minuteOfWeek(hours.zone);
      const iv = hours.intervals;
      for (let i = 0; i < iv.length; i += 2) {
        const start = iv[i]!;
        const end = iv[i + 1]!;
        if ((now >= start && now < end) || (now + 10080 >= start && now + 10080 < end)) return true;
      }
      return false;
    };
    const matchesEntry = (e: number): boolean =>
      matchesService(this.entries[e]!.service) && (query.openNow !== true || openAt(e) === true);

    const counted = this.countedStamp;
    const ordered: { entry: number; distanceKm?: number }[] = [];
    let total = 0;
    let page: { entry: number; distanceKm?: number }[];
    if (query.near !== undefined) {
      if (this.kd !== undefined) {
        const { latitude, longitude } = query.near;
        // The page: nearest first, each service at its nearest place. geokdbush filters points
        // as it meets them, not in distance order, so services repeat in its answer: ask for
        // more until the page is full or the circle is exhausted.
        const wanted = query.offset + query.limit;
        for (let ask = wanted; ; ask *= 2) {
          const found = around(this.kd, longitude, latitude, ask, query.radiusKm, (k) =>
            matchesEntry(this.placedEntries[k]!),
          );
          ordered.length = 0;
          const pageGeneration = this.nextGeneration();
          for (const k of found) {
            const e = this.placedEntries[k]!;
            const entry = this.entries[e]!;
            if (counted[entry.service] === pageGeneration) continue;
            counted[entry.service] = pageGeneration;
            ordered.push({
              entry: e,
              distanceKm: distanceKm(latitude, longitude, entry.lat, entry.lng),
            });
            if (ordered.length === wanted) break;
          }
          if (ordered.length === wanted || found.length < ask) break;
        }
        // The count: every place in the circle's boxes, unsorted, each service once.
        const countGeneration = this.nextGeneration();
        for (const [minLng, minLat, maxLng, maxLat] of boxesAround(
          latitude,
          longitude,
          query.radiusKm,
        )) {
          for (const k of this.kd.range(minLng, minLat, maxLng, maxLat)) {
            const e = this.placedEntries[k]!;
            const entry = this.entries[e]!;
            if (counted[entry.service] === countGeneration) continue;
            if (distanceKm(latitude, longitude, entry.lat, entry.lng) > query.radiusKm) continue;
            if (!matchesEntry(e)) continue;
            counted[entry.service] = countGeneration;
            total++;
          }
        }
      }
      page = ordered.slice(query.offset);
    } else {
      for (let e = 0; e < this.entries.length; e++) {
        const si = this.entries[e]!.service;
        if (counted[si] === generation || !matchesEntry(e)) continue;
        counted[si] = generation;
        ordered.push({ entry: e });
      }
      ordered.sort((a, b) => {
        const sa = this.services[this.entries[a.entry]!.service]!;
        const sb = this.services[this.entries[b.entry]!.service]!;
        return sa.name.localeCompare(sb.name, 'en') || sa.id.localeCompare(sb.id);
      });
      total = ordered.length;
      page = ordered.slice(query.offset, query.offset + query.limit);
    }
    return {
      total,
      hits: page.map(({ entry: e, distanceKm: d }) => {
        const entry = this.entries[e]!;
        const service = this.services[entry.service]!;
        return {
          service,
          organization: this.organizations.get(service.organizationId),
          location: entry.location >= 0 ? this.locations[entry.location] : undefined,
          ...(d !== undefined ? { distanceKm: d } : {}),
          openNow: openAt(e),
        };
      }),
    };
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdayNumber: Record<string, number> = {
  Sun: 0,
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
};

/** Minutes since Sunday 00:00 local time in `zone` at the instant `now`. */
export function localMinuteOfWeek(now: number, zone: string): number {
  let format = formatters.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
  return (
    (weekdayNumber[parts.weekday ?? 'Sun'] ?? 0) * 1440 +
    Number(parts.hour) * 60 +
    Number(parts.minute)
  );
}
