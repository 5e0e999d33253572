/**
 * A search in words, for the top of a printed schedule: a reader of a sheet on a clinic wall
 * must see what it lists ("Meetings near Greenfield, MA within 25 miles", "On Tuesday", ...).
 */
import type { Focus } from '../meetings/model.js';
import { getProgram, typeName } from '../meetings/programs.js';
import { kmToUnits, roundDistance } from '../search/distance.js';
import type { AttendanceFilter, SearchQuery } from '../search/query.js';
import type { Locale } from '../web/i18n/locales.js';
import type { MessageId, Translate } from '../web/i18n/translator.js';
import { capitalise, clockTime, longDate, weekdayName } from '../web/intl-format.js';
import { printable } from './print-text.js';

/** A distance in the person's units, as the locale writes it ("25 miles", "40 kilómetros"). */
export function distanceText(km: number, units: 'mi' | 'km', locale: Locale): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units === 'mi' ? 'mile' : 'kilometer',
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(roundDistance(kmToUnits(km, units)));
}

/** Words joined as the locale joins them: "Monday and Tuesday", "a or b". */
export function listText(
  items: readonly string[],
  locale: Locale,
  type: 'conjunction' | 'disjunction',
): string {
  return new Intl.ListFormat(locale, { style: 'long', type }).format(items);
}

/** The language of a BCP-47 tag in the locale's words ("Spanish", "español"). */
export function languageName(tag: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The name of a program in the locale, or its id when unknown. */
export function programName(id: string, locale: Locale): string {
  const program = getProgram(id);
  return program === undefined ? id : (program.names[locale] ?? program.name);
}

const focusWords: Record<Focus, MessageId> = {
  alcohol: 'print.focus.alcohol',
  drugs: 'print.focus.drugs',
  gambling: 'print.focus.gambling',
  sex_and_love: 'print.focus.sex_and_love',
  food: 'print.focus.food',
  co_dependency: 'print.focus.co_dependency',
  family_and_friends: 'print.focus.family_and_friends',
  behaviour: 'print.focus.behaviour',
};

const attendanceWords: Record<AttendanceFilter, MessageId> = {
  in_person: 'print.way.room',
  online: 'print.way.online',
  hybrid: 'print.way.hybrid',
  phone: 'print.way.phone',
};

/** The sheet's title: where the search looked. */
export function describePlace(query: SearchQuery, t: Translate, locale: Locale): string {
  const near = query.near;
  if (near === undefined) return t('print.title.all');
  const place =
    printable(near.label, 100) ?? `${near.latitude.toFixed(4)}, ${near.longitude.toFixed(4)}`;
  if (query.nearest !== undefined) return t('print.title.nearest', { place, count: query.nearest });
  const radius = distanceText(query.radiusKm, query.units ?? 'mi', locale);
  return t('print.title.near', { place, radius });
}

/** Every other filter of the search as a phrase, in a fixed order. */
export function describeFilters(query: SearchQuery, t: Translate, locale: Locale): string[] {
  const phrases: string[] = [];
  if (query.days !== undefined) {
    const days = [...new Set(query.days)].sort((a, b) => a - b);
    phrases.push(
      t('print.filter.days', {
        days: listText(
          days.map((d) => weekdayName(d, locale)),
          locale,
          'conjunction',
        ),
      }),
    );
  }
  const hhmm = (minute: number) =>
    clockTime(
      `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
      locale,
    );
  if (query.fromMinute !== undefined && query.toMinute !== undefined) {
    phrases.push(
      t('print.filter.between', { from: hhmm(query.fromMinute), to: hhmm(query.toMinute) }),
    );
  } else if (query.fromMinute !== undefined) {
    phrases.push(t('print.filter.from', { from: hhmm(query.fromMinute) }));
  } else if (query.toMinute !== undefined) {
    phrases.push(t('print.filter.to', { to: hhmm(query.toMinute) }));
  }
  if (query.startingWithinMinutes !== undefined)
    phrases.push(t('print.filter.startingWithin', { minutes: query.startingWithinMinutes }));
  if (query.date !== undefined) {
    const date = longDate(`${query.date}T12:00:00Z`, locale) ?? query.date;
    phrases.push(t('print.filter.date', { date }));
  }
  if (query.attendance !== undefined) {
    const ways = [...new Set(query.attendance)].map((a) => t(attendanceWords[a]));
    phrases.push(capitalise(listText(ways, locale, 'disjunction'), locale));
  }
  if (query.programs !== undefined) {
    const names = [...new Set(query.programs)].map((id) => programName(id, locale));
    phrases.push(listText(names, locale, 'disjunction'));
  }
  if (query.focus !== undefined) {
    const words = [...new Set(query.focus)].map((f) => t(focusWords[f]));
    phrases.push(t('print.filter.focus', { focus: listText(words, locale, 'disjunction') }));
  }
  if (query.typeGroups !== undefined) {
    const names = query.typeGroups.map((group) => typeGroupName(group, locale));
    phrases.push(t('print.filter.types', { types: listText(names, locale, 'conjunction') }));
  }
  if (query.languages !== undefined) {
    const names = [...new Set(query.languages)].map((tag) => languageName(tag, locale));
    phrases.push(
      t('print.filter.languages', { languages: listText(names, locale, 'disjunction') }),
    );
  }
  if (query.wheelchair === true) phrases.push(t('where.wheelchair.yes'));
  if (query.text !== undefined) {
    const text = printable(query.text, 100);
    if (text !== undefined) phrases.push(t('print.filter.text', { text }));
  }
  if (query.includeClosed) phrases.push(t('print.filter.includeClosed'));
  return phrases;
}

/**
 * One type requirement in words. Its keys are program-scoped (`aa:W`, `na:W`) but usually name
 * one idea, so the distinct names are joined: "Women", not "Women or Women".
 */
function typeGroupName(group: readonly string[], locale: Locale): string {
  const names = new Set<string>();
  for (const key of group) {
    const split = key.indexOf(':');
    const program = getProgram(key.slice(0, split));
    const code = key.slice(split + 1);
    names.add(program === undefined ? code : typeName(program, code, locale));
  }
  return listText([...names], locale, 'disjunction');
}
