/**
 * "One meeting, shown once": which stored meetings are the same meeting listed by several
 * sources. Pure functions over plain candidates, so the rule can be tested on its own:
 *
 * - same program and the same start instants, as UTC minutes of the week in both January and
 *   July (so two zones that agree only half the year are not the same time), with the same
 *   fortnightly or monthly rhythm; a by-appointment meeting has no start and is never merged;
 * - and either the same conference room (a normalised link: a Zoom meeting id whatever the
 *   subdomain or query, a Google Meet code, else host and path) for online and hybrid meetings,
 *   or rooms within 50 m of each other for in-person and hybrid meetings with exact coordinates;
 * - never two meetings of one source (a source listing two meetings at one place and time means
 *   two meetings, e.g. a men's and a women's group), never a pair an editor split, and never two
 *   exact places more than 50 m apart in one cluster, however the links chain.
 *
 * Links between candidates are considered in id order, so the result does not depend on the
 * order meetings or sources are read in.
 */
import {
  hasApproximateCoordinates,
  type Attendance,
  type Meeting,
  type Recurrence,
} from '../meetings/model.js';
import { wallClockToEpochMs } from '../search/occurrences.js';
import { daysFromCivil } from '../search/week-math.js';

/** Farthest apart two rooms of one meeting may be, in metres. */
export const samePlaceMetres = 50;

/** What the matching needs of a meeting. */
export interface DuplicateCandidate {
  id: string;
  sourceId: string;
  program: string;
  attendance: Attendance;
  /** The start signature ({@link startSignature}); empty when the meeting has no start. */
  when: string;
  /** The normalised conference room ({@link conferenceKey}). */
  room?: string;
  /** Exact coordinates only (an approximate town centre says nothing about the room). */
  point?: { lat: number; lng: number };
  verifiedAt?: string;
  createdAt: string;
}

export type MergeReason = 'online' | 'place';

/** A set of meetings that are one meeting; the canonical one is shown, the others point to it. */
export interface DuplicateCluster {
  canonicalId: string;
  /** Every member, the canonical one included, in id order. */
  memberIds: string[];
  /** How the members were found to be one meeting. */
  reasons: MergeReason[];
}

/** The candidate form of a stored meeting. */
export function candidateOf(meeting: Meeting): DuplicateCandidate {
  const candidate: DuplicateCandidate = {
    id: meeting.id,
    sourceId: meeting.provenance.sourceId,
    program: meeting.program,
    attendance: meeting.attendance,
    when: startSignature(meeting.schedule, meeting.timeZone),
    createdAt: meeting.createdAt,
  };
  const room = roomOf(meeting.online);
  if (room !== undefined) candidate.room = room;
  const { latitude, longitude, approximate } = meeting.place;
  // Two rooms in one ZIP code share its centre: that says nothing about the room either.
  if (
    !approximate &&
    !hasApproximateCoordinates(meeting.place) &&
    latitude !== undefined &&
    longitude !== undefined
  )
    candidate.point = { lat: latitude, lng: longitude };
  if (meeting.provenance.lastVerifiedAt !== undefined)
    candidate.verifiedAt = meeting.provenance.lastVerifiedAt;
  return candidate;
}

function roomOf(online: Meeting['online']): string | undefined {
  if (online.url !== undefined) return conferenceKey(online.url);
  // A Zoom dial string carries the meeting id after the first pause: `+16465588656,,81234567890#`.
  if (online.provider === 'zoom' && online.phone !== undefined) {
    const id = /^[+\d]+,+(\d{9,11})#?/.exec(online.phone)?.[1];
    if (id !== undefined) return `zoom:${id}`;
  }
  return undefined;
}

const zoomHost = /(^|\.)zoom\.(us|com)$|(^|\.)zoomgov\.com$/;

/**
 * The conference room a link opens, whatever the form of the link: `zoom:<id>` for Zoom (any
 * subdomain, `/j/`, `/w/`, `/s/`, `/wc/join/`, `?confno=`, passcode or not), `zoom:my:<name>`
 * for personal links, `meet:<code>` for Google Meet, else host (without `www.`) and path with
 * the query sorted and tracking parameters dropped. Undefined for what is not an http(s) URL.
 */
export function conferenceKey(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  if (zoomHost.test(host)) {
    const id =
      /^\/(?:j|w|s|wc\/join|join)\/(\d{9,12})\b/.exec(path)?.[1] ??
      /^\/wc\/(\d{9,12})\//.exec(`${path}/`)?.[1] ??
      /^\d{9,12}$/.exec(url.searchParams.get('confno') ?? '')?.[0];
    if (id !== undefined) return `zoom:${id}`;
    const personal = /^\/my\/([\w.-]+)$/i.exec(path)?.[1];
    if (personal !== undefined) return `zoom:my:${personal.toLowerCase()}`;
  }
  if (host === 'meet.google.com') {
    const code = /^\/([a-z]{3}-[a-z]{4}-[a-z]{3})$/i.exec(path)?.[1];
    if (code !== undefined) return `meet:${code.toLowerCase()}`;
  }
  const params = [...url.searchParams]
    .filter(([name]) => !/^utm_|^fbclid$|^gclid$/i.test(name))
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1));
  const query = params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
  return `${host}${path}${query}`;
}

/** Sundays of the two reference weeks: one in winter and one in summer (northern). */
const referenceWeeks = [daysFromCivil(2025, 1, 12), daysFromCivil(2025, 7, 13)];
const minutesPerWeek = 7 * 1440;

/**
 * The meeting's start instants as UTC minutes of the week in both reference weeks, with the
 * rhythm of fortnightly (which weeks) and monthly (which week of the month) recurrences: equal
 * signatures mean the same start instants all year, whatever zones the sources gave.
 */
export function startSignature(schedule: readonly Recurrence[], timeZone: string): string {
  const entries = new Set<string>();
  for (const r of schedule) {
    if (r.kind === 'by_appointment') continue;
    const [hours = '0', minutes = '0'] = r.start.split(':');
    const startMinute = Number(hours) * 60 + Number(minutes);
    const instants = referenceWeeks.map((sunday) => {
      const epochMinute = wallClockToEpochMs(timeZone, sunday + r.day, startMinute) / 60_000;
      return (((epochMinute - sunday * 1440) % minutesPerWeek) + minutesPerWeek) % minutesPerWeek;
    });
    const at = instants.join('/');
    if (r.kind === 'weekly') entries.add(`w${at}`);
    else if (r.kind === 'monthly') entries.add(`m${r.week}:${at}`);
    else {
      const [y = 0, m = 1, d = 1] = r.anchorDate.split('-').map(Number);
      // Weeks counted from the Sunday before 1970-01-01: which of the two alternating weeks.
      const parity = Math.floor((daysFromCivil(y, m, d) + 4) / 7) % 2;
      entries.add(`b${parity}:${at}`);
    }
  }
  return [...entries].sort().join(',');
}

/** Great-circle distance in metres. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The key of an unordered pair of ids. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

interface Link {
  a: DuplicateCandidate;
  b: DuplicateCandidate;
  reason: MergeReason;
}

/**
 * Groups candidates into clusters of one meeting each. `apart` holds the pairs an editor split
 * ({@link pairKey}). Meetings alone are not returned.
 */
export function findClusters(
  candidates: readonly DuplicateCandidate[],
  apart: ReadonlySet<string> = new Set(),
): DuplicateCluster[] {
  const links = findLinks(candidates).sort((x, y) => {
    const kx = pairKey(x.a.id, x.b.id);
    const ky = pairKey(y.a.id, y.b.id);
    return kx < ky ? -1 : kx > ky ? 1 : x.reason < y.reason ? -1 : x.reason > y.reason ? 1 : 0;
  });
  const setOf = new Map<string, Set<DuplicateCandidate>>();
  const reasons = new Map<Set<DuplicateCandidate>, Set<MergeReason>>();
  const find = (c: DuplicateCandidate) => {
    let set = setOf.get(c.id);
    if (set === undefined) {
      set = new Set([c]);
      setOf.set(c.id, set);
      reasons.set(set, new Set());
    }
    return set;
  };
  for (const { a, b, reason } of links) {
    const x = find(a);
    const y = find(b);
    if (x === y) {
      reasons.get(x)!.add(reason);
      continue;
    }
    if (!compatible(x, y, apart)) continue;
    const [big, small] = x.size >= y.size ? [x, y] : [y, x];
    for (const member of small) {
      big.add(member);
      setOf.set(member.id, big);
    }
    const merged = reasons.get(big)!;
    for (const r of reasons.get(small)!) merged.add(r);
    merged.add(reason);
    reasons.delete(small);
  }
  const clusters: DuplicateCluster[] = [];
  for (const [set, why] of reasons) {
    if (set.size < 2) continue;
    const members = [...set].sort((p, q) => (p.id < q.id ? -1 : 1));
    clusters.push({
      canonicalId: chooseCanonical(members).id,
      memberIds: members.map((m) => m.id),
      reasons: [...why].sort(),
    });
  }
  return clusters.sort((p, q) => (p.canonicalId < q.canonicalId ? -1 : 1));
}

/** Two clusters may become one only if no source, split pair or far-apart room says otherwise. */
function compatible(
  x: ReadonlySet<DuplicateCandidate>,
  y: ReadonlySet<DuplicateCandidate>,
  apart: ReadonlySet<string>,
): boolean {
  for (const p of x) {
    for (const q of y) {
      if (p.sourceId === q.sourceId || apart.has(pairKey(p.id, q.id))) return false;
      if (p.point !== undefined && q.point !== undefined) {
        if (distanceMetres(p.point, q.point) > samePlaceMetres) return false;
      }
    }
  }
  return true;
}

/** The member shown: the most recently verified by a person, else the oldest, else the first id. */
export function chooseCanonical(members: readonly DuplicateCandidate[]): DuplicateCandidate {
  return members.reduce((best, c) => {
    const bv = best.verifiedAt ?? '';
    const cv = c.verifiedAt ?? '';
    if (cv !== bv) return cv > bv ? c : best;
    if (c.createdAt !== best.createdAt) return c.createdAt < best.createdAt ? c : best;
    return c.id < best.id ? c : best;
  });
}

const remote = new Set<Attendance>(['online', 'hybrid']);
const inRoom = new Set<Attendance>(['in_person', 'hybrid']);
/** 50 m in degrees of latitude, a little over, to bound the sweep. */
const latitudeWindow = (samePlaceMetres / 111_000) * 1.01;

/** Candidate pairs: same program and start, and the same room online or nearby in person. */
function findLinks(candidates: readonly DuplicateCandidate[]): Link[] {
  const byRoom = new Map<string, DuplicateCandidate[]>();
  const byStart = new Map<string, DuplicateCandidate[]>();
  for (const c of candidates) {
    if (c.when === '') continue;
    const start = `${c.program}|${c.when}`;
    if (c.room !== undefined && remote.has(c.attendance)) push(byRoom, `${start}|${c.room}`, c);
    if (c.point !== undefined && inRoom.has(c.attendance)) push(byStart, start, c);
  }
  const links: Link[] = [];
  for (const group of byRoom.values()) {
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) addLink(links, group[i]!, group[j]!, 'online');
  }
  for (const group of byStart.values()) {
    group.sort((p, q) => p.point!.lat - q.point!.lat || (p.id < q.id ? -1 : 1));
    for (let i = 0; i < group.length; i++) {
      const p = group[i]!;
      for (let j = i + 1; j < group.length; j++) {
        const q = group[j]!;
        if (q.point!.lat - p.point!.lat > latitudeWindow) break;
        if (distanceMetres(p.point!, q.point!) <= samePlaceMetres) addLink(links, p, q, 'place');
      }
    }
  }
  return links;
}

function addLink(links: Link[], a: DuplicateCandidate, b: DuplicateCandidate, reason: MergeReason) {
  if (a.sourceId !== b.sourceId) links.push({ a, b, reason });
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
