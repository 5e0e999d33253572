/**
 * Builds the schedule sheet of a search: the matching meetings grouped by local weekday, then
 * ordered by local start time in each meeting's own zone (a 7 PM meeting in Chicago and one in
 * Boston both read "7:00 PM" under their own day, the Chicago one marked with its zone when the
 * sheet's zone is Eastern). Pure: the same input gives the same sheet.
 */
import type { Weekday } from '../meetings/model.js';
import type { SearchQuery } from '../search/query.js';
import type { Locale } from '../web/i18n/locales.js';
import { translator } from '../web/i18n/translator.js';
import { capitalise, longDate, weekdayName, zoneName } from '../web/intl-format.js';
import { describeFilters, describePlace, distanceText } from './describe-query.js';
import { entriesOf, type EntryContext } from './sheet-entries.js';
import type {
  PrintFallback,
  PrintMatch,
  ScheduleSheet,
  SheetDay,
  SheetEntry,
  SheetSection,
} from './sheet.js';

export interface SheetInput {
  locale: Locale;
  query: SearchQuery;
  /** The matches to list, in search order (already capped). */
  matches: PrintMatch[];
  /** How many meetings the search matched in all; more than `matches` when capped. */
  total: number;
  fallback?: PrintFallback;
  /** The instant printed on the sheet (epoch ms). */
  now: number;
  /** Base of absolute links, without a trailing slash. */
  publicUrl: string;
  /** The finder's address for the same search, so a reader can look up the current list. */
  searchUrl: string;
}

const WEEK: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/** The sheet of a search's matches, in the input's language. */
export function buildScheduleSheet(input: SheetInput): ScheduleSheet {
  const { locale, query, now } = input;
  const t = translator(locale);
  const ctx: EntryContext = { locale, t, query, now, publicUrl: input.publicUrl };

  const listed = new Set(input.matches.map((m) => m.meeting.slug));
  const groups: { heading?: string; note?: string; matches: PrintMatch[] }[] = [
    { matches: input.matches },
  ];
  const fallback = input.fallback;
  if (fallback !== undefined) {
    const radius = distanceText(query.radiusKm, query.units ?? 'mi', locale);
    const fresh = (list: PrintMatch[]) =>
      list.filter((m) => {
        if (listed.has(m.meeting.slug)) return false;
        listed.add(m.meeting.slug);
        return true;
      });
    const beyond = fresh(fallback.nearestBeyond);
    const remote = fresh(fallback.remote);
    const note = t('print.fallback', {
      count: fallback.inPersonWithinRadius,
      threshold: fallback.threshold,
      radius,
    });
    if (beyond.length > 0)
      groups.push({ heading: t('print.section.beyond', { radius }), note, matches: beyond });
    if (remote.length > 0) {
      groups.push({
        heading: t('print.section.remote'),
        ...(beyond.length === 0 ? { note } : {}),
        matches: remote,
      });
    }
  }

  const raw = groups.map((g) => ({ ...g, entries: g.matches.flatMap((m) => entriesOf(m, ctx)) }));
  const zone = sheetZone(
    raw.flatMap((g) => g.entries),
    query.viewerTimeZone,
  );
  const sections = raw.map((g) => section(g.entries, zone, ctx, g.heading, g.note));

  const sheet: ScheduleSheet = {
    locale,
    title: describePlace(query, t, locale),
    filters: describeFilters(query, t, locale),
    printed: t('print.printed', {
      date: longDate(new Date(now).toISOString(), locale, zone) ?? '',
      url: input.searchUrl,
    }),
    count: t('print.count', { count: input.matches.length }),
    zoneNote: t('print.zone', { zone: zoneName(zone, locale, now) }),
    sections,
    helpHeading: t('print.help.heading'),
    helpLines: [t('crisis.988'), t('crisis.samhsa'), t('help.crisis.911')],
    site: `${t('site.name')} · ${input.publicUrl}`,
    byAppointmentHeading: t('when.byAppointment'),
  };
  if (input.total > input.matches.length)
    sheet.capped = t('print.capped', { shown: input.matches.length, total: input.total });
  if (input.matches.length === 0) sheet.empty = t('print.empty');
  return sheet;
}

/**
 * The zone most of the sheet's entries keep (ties go to the viewer's zone, then to the first
 * in alphabetical order): times in it need no label; the others carry theirs.
 */
function sheetZone(entries: readonly SheetEntry[], viewerZone: string): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.timeZone, (counts.get(e.timeZone) ?? 0) + 1);
  let best = viewerZone;
  let bestCount = counts.get(viewerZone) ?? 0;
  for (const [zone, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (count > bestCount) {
      best = zone;
      bestCount = count;
    }
  }
  return best;
}

function section(
  entries: SheetEntry[],
  zone: string,
  ctx: EntryContext,
  heading?: string,
  note?: string,
): SheetSection {
  const { locale, now } = ctx;
  const labelled = entries.map((e) =>
    e.timeZone === zone ? e : { ...e, zoneLabel: zoneName(e.timeZone, locale, now) },
  );
  const collator = new Intl.Collator(locale);
  const order = (a: SheetEntry, b: SheetEntry) =>
    a.startMinute - b.startMinute ||
    collator.compare(a.name, b.name) ||
    (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  const days: SheetDay[] = [];
  for (const weekday of WEEK) {
    const onDay = labelled.filter((e) => e.weekday === weekday).sort(order);
    if (onDay.length > 0) {
      const heading = weekdayName(weekday, locale);
      days.push({ weekday, heading: capitalise(heading, locale), entries: onDay });
    }
  }
  const result: SheetSection = {
    days,
    byAppointment: labelled.filter((e) => e.weekday === undefined).sort(order),
  };
  if (heading !== undefined) result.heading = heading;
  if (note !== undefined) result.note = note;
  return result;
}
