/**
 * One search result as the finder lists it: when (in the meeting's zone, and in the viewer's when
 * that reads differently), a badge when it is under way or about to start, how to attend, how far.
 * Pure functions of the presented answer, so the choices are tested without a page.
 */
import { getProgram } from '../../meetings/programs.js';
import { formatInZone, type ZonedDisplay } from '../../search/occurrences.js';
import type { SearchResponse } from '../../search/present-results.js';
import { capitalise } from '../intl-format.js';
import { boundedMemo, groupedMemo } from '../bounded-memo.js';
import { localDateIn } from '../../meetings/time-zone.js';

export type PresentedResult = SearchResponse['results'][number];
export type Way = 'in_person' | 'online' | 'hybrid' | 'phone';

/** A meeting starting within this many minutes gets a "starts in N min" badge. */
export const SOON_MINUTES = 60;

export type Badge = { kind: 'now' } | { kind: 'soon'; minutes: number };

export interface WhenView {
  /** The start instant, for `<time datetime>` (islands may count down from it). */
  iso: string;
  /** "Today", "Tomorrow", "Tuesday" or "Sunday, December 6": in the meeting's zone. */
  day: string;
  time: string;
  zone: string;
  /** The same start in the viewer's zone, when that reads differently. */
  viewer?: { day: string; time: string; zone: string };
}

export interface ResultView {
  slug: string;
  name: string;
  program: string;
  when?: WhenView;
  badge?: Badge;
  ways: Way[];
  /** Distance in the answer's units, for place-bound results of a search near a place. */
  distance?: number;
  /** Venue and town, or only the town for approximate places. */
  place?: string;
  closed: boolean;
}

/** The badge a result earns: under way, or starting within {@link SOON_MINUTES}. */
export function badgeFor(next: PresentedResult['next']): Badge | undefined {
  if (next === undefined) return undefined;
  if (next.inProgress) return { kind: 'now' };
  if (next.minutesUntilStart <= SOON_MINUTES) {
    return { kind: 'soon', minutes: Math.max(1, next.minutesUntilStart) };
  }
  return undefined;
}

/**
 * How a person can take part, as words: a phone-only meeting is "by phone", not "online"
 * (it needs no internet), and a dial-in is named next to any other way.
 */
export function waysOf(
  result: Pick<PresentedResult, 'attendance' | 'hasOnlineLink' | 'hasPhone'>,
): Way[] {
  const ways: Way[] = [];
  if (result.attendance !== 'online' || result.hasOnlineLink) ways.push(result.attendance);
  if (result.hasPhone) ways.push('phone');
  if (ways.length === 0) ways.push('online');
  return ways;
}

/** Builds the view of one result. */
export function resultView(
  result: PresentedResult,
  options: { locale: string; now: number; viewerZone: string | undefined },
): ResultView {
  const program = getProgram(result.program);
  const view: ResultView = {
    slug: result.slug,
    name: result.name,
    program: program?.names[options.locale] ?? program?.name ?? result.program,
    ways: waysOf(result),
    closed: result.status !== 'active',
  };
  if (result.next !== undefined) {
    view.when = whenView(result.next, result.timeZone, options);
    const badge = badgeFor(result.next);
    if (badge !== undefined) view.badge = badge;
  }
  if (result.distance !== undefined) view.distance = result.distance;
  const place = placeOf(result);
  if (place !== undefined) view.place = place;
  return view;
}

function whenView(
  next: NonNullable<PresentedResult['next']>,
  zone: string,
  { locale, now, viewerZone }: { locale: string; now: number; viewerZone: string | undefined },
): WhenView {
  const start = Date.parse(next.at);
  const here = shownIn(start, zone, locale);
  const view: WhenView = {
    // The answer's own instant, already as toISOString writes it.
    iso: next.at,
    day: dayLabel(start, now, zone, locale, here),
    time: here.time,
    zone: here.zoneName,
  };
  if (viewerZone !== undefined && viewerZone !== zone) {
    const there = shownIn(start, viewerZone, locale);
    const day = dayLabel(start, now, viewerZone, locale, there);
    if (there.time !== here.time || there.zoneName !== here.zoneName || day !== view.day) {
      view.viewer = { day, time: there.time, zone: there.zoneName };
    }
  }
  return view;
}

/**
 * Starts recur across requests (a weekly meeting starts at the same instant for every visitor
 * this week, and many share a time), and formatting them with Intl is most of a result's cost:
 * the displays are remembered per locale, zone and instant.
 */
const shownMemos = new Map<
  string,
  (zone: string, start: number, make: () => ZonedDisplay) => ZonedDisplay
>();

function shownIn(start: number, zone: string, locale: string): ZonedDisplay {
  let memo = shownMemos.get(locale);
  if (memo === undefined) shownMemos.set(locale, (memo = groupedMemo(20_000)));
  return memo(zone, start, () => formatInZone(start, zone, locale));
}

const DAY_MS = 86_400_000;
/** Every zone's offset from UTC is a whole number of quarter hours (India +5:30, Nepal +5:45). */
const QUARTER_HOUR_MS = 900_000;
const memo = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  const key = `rel:${locale}`;
  let format = memo.get(key) as Intl.RelativeTimeFormat | undefined;
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    memo.set(key, format);
  }
  return format;
}

function weekdayFormat(locale: string, zone: string): Intl.DateTimeFormat {
  const key = `weekday:${locale}:${zone}`;
  let format = memo.get(key) as Intl.DateTimeFormat | undefined;
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'long' });
    memo.set(key, format);
  }
  return format;
}

const civilDayMemo = groupedMemo<number, number>(20_000);

/**
 * The calendar day of an instant in a zone, as days since 1970-01-01. A day changes only on a
 * quarter-hour boundary in every zone, so the answer is remembered per zone and quarter hour.
 */
function civilDay(at: number, zone: string): number {
  const quarter = Math.floor(at / QUARTER_HOUR_MS);
  return civilDayMemo(zone, quarter, () => {
    const [y = 1970, m = 1, d = 1] = localDateIn(quarter * QUARTER_HOUR_MS, zone)
      .split('-')
      .map(Number);
    return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
  });
}

/** "Yesterday", "Today", "Tomorrow" per locale, at days + 1. */
const relativeLabels = new Map<string, string[]>();
const weekdayLabels = new Map<
  string,
  (zone: string, start: number, make: () => string) => string
>();
const dateLabels = boundedMemo<string>(20_000);

/**
 * The day of a start as people say it, in a zone: "Today", "Tomorrow" (and "Yesterday" for a
 * meeting under way since before midnight), the weekday within the coming week, else the date.
 */
export function dayLabel(
  start: number,
  now: number,
  zone: string,
  locale: string,
  shown: ZonedDisplay = shownIn(start, zone, locale),
): string {
  const days = civilDay(start, zone) - civilDay(now, zone);
  if (days >= -1 && days <= 1) {
    let labels = relativeLabels.get(locale);
    if (labels === undefined) {
      const format = relativeFormat(locale);
      labels = [-1, 0, 1].map((d) => capitalise(format.format(d, 'day'), locale));
      relativeLabels.set(locale, labels);
    }
    return labels[days + 1]!;
  }
  if (days > 1 && days < 7) {
    let memo = weekdayLabels.get(locale);
    if (memo === undefined) weekdayLabels.set(locale, (memo = groupedMemo(20_000)));
    return memo(zone, start, () => capitalise(weekdayFormat(locale, zone).format(start), locale));
  }
  return dateLabels(`${locale}\u0000${shown.date}`, () => capitalise(shown.date, locale));
}

function placeOf(result: PresentedResult): string | undefined {
  if (result.attendance === 'online') return undefined;
  const parts = result.approximate
    ? [result.city ?? result.address]
    : [
        result.placeName,
        result.city ?? (result.placeName === undefined ? result.address : undefined),
      ];
  const shown = parts.filter((p): p is string => p !== undefined && p.trim() !== '');
  return shown.length === 0 ? undefined : shown.join(', ');
}
