/**
 * A meeting as lines of a printed weekly schedule: one entry per weekday and local start, in
 * the meeting's own zone. Monthly recurrences on the same weekday and time merge into one entry
 * ("2nd and 4th Tuesday of the month"); every other week says so, with the next date.
 */
import { formatAddress } from '../meetings/address.js';
import { conferenceProvider } from '../meetings/links.js';
import type { Meeting, Recurrence, WeekOfMonth } from '../meetings/model.js';
import { getProgram, typeName } from '../meetings/programs.js';
import { nextIndexedOccurrence } from '../search/occurrences.js';
import type { SearchQuery } from '../search/query.js';
import type { Locale } from '../web/i18n/locales.js';
import type { Translate } from '../web/i18n/translator.js';
import { capitalise, clockTime, weekdayName } from '../web/intl-format.js';
import { displayDial, safeWebHref } from '../web/links.js';
import { providerName } from '../web/providers.js';
import { distanceText, languageName, listText, programName } from './describe-query.js';
import { printable } from './print-text.js';
import type { PrintMatch, SheetEntry } from './sheet.js';

export interface EntryContext {
  locale: Locale;
  t: Translate;
  query: SearchQuery;
  /** The instant the sheet is printed (epoch ms): "next on ..." dates count from it. */
  now: number;
  /** Base of the meeting page links, without a trailing slash. */
  publicUrl: string;
}

type Timed = Exclude<Recurrence, { kind: 'by_appointment' }>;

/** The entries of one match: its recurrences that the search's day and time filters keep. */
export function entriesOf(match: PrintMatch, ctx: EntryContext): SheetEntry[] {
  const { meeting } = match;
  const timed = chosenRecurrences(match, ctx.query);
  const common = commonFields(match, ctx);
  if (timed.length === 0) {
    const byAppointment = meeting.schedule.some((r) => r.kind === 'by_appointment');
    return byAppointment || meeting.schedule.length === 0
      ? [{ ...common, startMinute: -1, time: '' }]
      : [];
  }
  // One entry per (weekday, start, kind); monthly weeks gather into it.
  const groups = new Map<string, Timed[]>();
  for (const r of timed) {
    const key = `${r.day}|${r.start}|${r.kind}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [r]);
    else list.push(r);
  }
  const entries: SheetEntry[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const entry: SheetEntry = {
      ...common,
      weekday: first.day,
      startMinute: minutesOf(first.start),
      time: clockTime(first.start, ctx.locale),
    };
    const recurrence = recurrenceWords(group, meeting, ctx);
    if (recurrence !== undefined) entry.recurrence = recurrence;
    entries.push(entry);
  }
  return entries;
}

function minutesOf(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * The timed recurrences a sheet lists: those on the asked days and in the asked time window (in
 * the meeting's zone, as the search reads them); for a search about one moment or date, only the
 * one that qualified.
 */
function chosenRecurrences(match: PrintMatch, query: SearchQuery): Timed[] {
  const { schedule } = match.meeting;
  if (
    (query.date !== undefined || query.startingWithinMinutes !== undefined) &&
    match.recurrenceIndex !== undefined
  ) {
    const r = schedule[match.recurrenceIndex];
    return r === undefined || r.kind === 'by_appointment' ? [] : [r];
  }
  return schedule.filter((r): r is Timed => {
    if (r.kind === 'by_appointment') return false;
    if (query.days !== undefined && !query.days.includes(r.day)) return false;
    return inWindow(minutesOf(r.start), query.fromMinute, query.toMinute);
  });
}

/** from <= start < to; a window with from > to wraps past midnight. */
function inWindow(start: number, from: number | undefined, to: number | undefined): boolean {
  if (from === undefined && to === undefined) return true;
  if (from === undefined) return start < to!;
  if (to === undefined) return start >= from;
  return from <= to ? start >= from && start < to : start >= from || start < to;
}

const weekOrder: readonly WeekOfMonth[] = [1, 2, 3, 4, 5, -1];

/** Words for a schedule that is not weekly; undefined for weekly ones. */
function recurrenceWords(group: Timed[], meeting: Meeting, ctx: EntryContext): string | undefined {
  const { t, locale } = ctx;
  const first = group[0]!;
  if (first.kind === 'weekly') return undefined;
  if (first.kind === 'biweekly') {
    const next = nextIndexedOccurrence([first], meeting.timeZone, ctx.now);
    if (next === undefined) return t('print.biweekly');
    const date = new Intl.DateTimeFormat(locale, {
      timeZone: meeting.timeZone,
      month: 'long',
      day: 'numeric',
    }).format(next.start);
    return t('print.biweeklyNext', { date });
  }
  const weeks = [...new Set(group.flatMap((r) => (r.kind === 'monthly' ? [r.week] : [])))].sort(
    (a, b) => weekOrder.indexOf(a) - weekOrder.indexOf(b),
  );
  // The weekday goes along so languages whose ordinals agree with it can (Portuguese 1ª, 1º).
  const words = weeks.map((w) =>
    w === -1 ? t('print.last', { day: first.day }) : t('print.ordinal', { n: w, day: first.day }),
  );
  return capitalise(
    t('print.monthly', {
      weeks: listText(words, locale, 'conjunction'),
      weekday: weekdayName(first.day, locale),
    }),
    locale,
  );
}

/** Everything an entry says that does not depend on the recurrence. */
function commonFields(
  match: PrintMatch,
  ctx: EntryContext,
): Omit<SheetEntry, 'weekday' | 'startMinute' | 'time'> {
  const { meeting } = match;
  const { t, locale } = ctx;
  const entry: Omit<SheetEntry, 'weekday' | 'startMinute' | 'time'> = {
    slug: meeting.slug,
    timeZone: meeting.timeZone,
    name: printable(meeting.name, 160) ?? meeting.slug,
    attendance: attendanceWords(meeting, t, locale),
  };
  const where = whereText(meeting, t);
  if (where !== undefined) entry.where = where;
  const dial = displayDial(meeting.online.phone);
  if (dial !== undefined) {
    const codes = dial.codes.map((c) => printable(c, 40)).filter((c) => c !== undefined);
    entry.dial =
      codes.length === 0
        ? t('print.dial', { number: dial.number })
        : t('print.dialCodes', {
            number: dial.number,
            codes: listText(codes, locale, 'conjunction'),
          });
    // Notes usually spell out the same codes; they earn their space only when the dial string
    // carries none.
    const notes = codes.length === 0 ? printable(meeting.online.phoneNotes, 200) : undefined;
    if (notes !== undefined) entry.dialNotes = notes;
  }
  const joinHref = safeWebHref(meeting.online.url);
  if (joinHref !== undefined) {
    const url = `${ctx.publicUrl}/${locale}/meetings/${encodeURIComponent(meeting.slug)}`;
    const provider = providerName(meeting.online.provider ?? conferenceProvider(joinHref));
    entry.online =
      provider === undefined
        ? t('print.online', { url })
        : t('print.onlineWith', { url, provider });
  }
  const details = detailsText(match, ctx);
  if (details !== '') entry.details = details;
  if (meeting.status !== 'active') entry.status = t(`print.status.${meeting.status}`);
  return entry;
}

/** "In person", "Online and by phone", "In person, online and by phone". */
function attendanceWords(meeting: Meeting, t: Translate, locale: Locale): string {
  const ways: string[] = [];
  if (meeting.attendance !== 'online') ways.push(t('print.way.room'));
  if (meeting.attendance !== 'in_person' && safeWebHref(meeting.online.url) !== undefined)
    ways.push(t('print.way.online'));
  if (displayDial(meeting.online.phone) !== undefined) ways.push(t('print.way.phone'));
  if (ways.length === 0) ways.push(t('print.way.online'));
  return capitalise(listText(ways, locale, 'conjunction'), locale);
}

/** Venue and address for a meeting with a room; nothing for one held only online or by phone. */
function whereText(meeting: Meeting, t: Translate): string | undefined {
  if (meeting.attendance === 'online') return undefined;
  const { place } = meeting;
  const address = printable(
    (place.formattedAddress ?? formatAddress(place.address))?.replace(/,\s*(USA|US)$/, ''),
    200,
  );
  const name = printable(place.name, 120);
  if (place.approximate && address !== undefined)
    return [name, t('where.approximate', { place: address })].filter(Boolean).join(', ');
  const parts = [name, address].filter((p) => p !== undefined);
  return parts.length === 0 ? undefined : parts.join(', ');
}

/** "Alcoholics Anonymous · Open, Discussion · In Spanish · 2.3 miles away". */
function detailsText(match: PrintMatch, ctx: EntryContext): string {
  const { meeting } = match;
  const { t, locale } = ctx;
  const program = getProgram(meeting.program);
  const showLanguages =
    meeting.languages.length > 0 &&
    !(meeting.languages.length === 1 && meeting.languages[0]?.split('-')[0] === locale);
  const types = [
    ...new Set(
      meeting.types
        .filter((code) => {
          const tags = program?.types.get(code)?.tags ?? [];
          // Attendance and status are said elsewhere; languages too, when listed.
          if (tags.some((tag) => ['online', 'hybrid', 'temporarily_closed'].includes(tag)))
            return false;
          return !(showLanguages && program?.types.get(code)?.language !== undefined);
        })
        .map((code) => (program === undefined ? code : typeName(program, code, locale)))
        .map((name) => printable(name, 60))
        .filter((name) => name !== undefined),
    ),
  ];
  const parts = [programName(meeting.program, locale)];
  if (types.length > 0) parts.push(types.join(', '));
  if (showLanguages) {
    const names = meeting.languages.map((tag) => languageName(tag, locale));
    parts.push(t('print.languages', { languages: listText(names, locale, 'conjunction') }));
  }
  if (match.distanceKm !== undefined)
    parts.push(
      t('print.distance', {
        distance: distanceText(match.distanceKm, ctx.query.units ?? 'mi', locale),
      }),
    );
  return parts.join(' · ');
}
