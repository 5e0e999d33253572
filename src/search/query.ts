import type { Attendance, Focus, Weekday } from '../meetings/model.js';

/** A point on Earth, with what the person typed when it came from a place name. */
export interface Point {
  latitude: number;
  longitude: number;
  label?: string;
  /** Set when the operator's geocoder found the place, not the offline gazetteer. */
  foundBy?: 'geocoder';
}

export type AttendanceFilter = Attendance | 'phone';

/** A circle on the map: a centre and a radius in km. */
export interface Circle {
  latitude: number;
  longitude: number;
  radiusKm: number;
}

/**
 * Where a meeting may be: inside every circle of it (the overlap of a ride program's area and
 * one driver's reach, say).
 */
export type Region = readonly Circle[];

/**
 * A search as the engine receives it: validated and resolved (places to points, type codes to
 * program-scoped keys). Built from URL parameters by `parseSearchParams`; the same model serves
 * the API, the finder page and later channels.
 */
export interface SearchQuery {
  /** The instant "now" for next-occurrence maths (epoch ms). */
  now: number;
  /** The viewer's IANA zone: results show times in it, and `date` is read in it. */
  viewerTimeZone: string;
  near?: Point;
  /** Radius around `near`, km. Ignored when `nearest` is set. */
  radiusKm: number;
  /** The N nearest matching in-person meetings instead of a radius. */
  nearest?: number;
  /** Local weekday(s) in the meeting's own zone (0 = Sunday). */
  days?: Weekday[];
  /** Local start-time window in the meeting's own zone, minutes after midnight: from <= start < to. */
  fromMinute?: number;
  toMinute?: number;
  /** Only occurrences starting within this many minutes from now (or in progress when `inProgress`). */
  startingWithinMinutes?: number;
  /** Include meetings that are in progress now (default true when `startingWithinMinutes` is set). */
  includeInProgress: boolean;
  /** A local date in the viewer's zone (YYYY-MM-DD): only meetings with an occurrence that day. */
  date?: string;
  /** Any of these ways of attending ('phone' = has a dial-in). */
  attendance?: AttendanceFilter[];
  programs?: string[];
  /** Any of these focus areas. */
  focus?: Focus[];
  /**
   * Type requirements: the meeting must satisfy every group; a group is satisfied by any of its
   * program-scoped keys (`aa:W`, `na:W`, ...), so "women" can span programs explicitly.
   */
  typeGroups?: string[][];
  /** Any of these BCP-47 languages (primary subtag match: `es` matches `es-MX`). */
  languages?: string[];
  wheelchair?: boolean;
  /**
   * Only meetings held at a place inside one of these regions (`rides=true`: where volunteer
   * drivers take people). An empty list matches nothing.
   */
  regions?: readonly Region[];
  /** Show temporarily closed (and inactive) meetings too. */
  includeClosed: boolean;
  /** Free text: name, location, group, town, notes; case- and accent-insensitive. */
  text?: string;
  sort: 'time' | 'distance';
  limit: number;
  /** Opaque position after the last result of the previous page. */
  cursor?: string;
  /** Fewer in-person matches than this within the radius triggers the rural fallback. */
  fallbackThreshold: number;
  /** How distances are shown (the engine works in km). */
  units?: 'mi' | 'km';
  /** false: the facets are not counted and the answer has none (default: counted). */
  countFacets?: boolean;
}

export const searchDefaults = {
  radiusKm: 40,
  limit: 25,
  maxLimit: 200,
  maxNearest: 100,
  fallbackThreshold: 5,
  maxRadiusKm: 500,
} as const;
