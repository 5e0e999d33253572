/**
 * Day names, times, durations, languages and dates come from `Intl` (the runtime's CLDR data),
 * never from our catalogues: they are correct in every locale for free. Formatters are memoised
 * because pages build many of them per request.
 */
import type { Weekday } from '../meetings/model.js';

const memo = new Map<string, unknown>();

function cached<T>(key: string, make: () => T): T {
  let value = memo.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    memo.set(key, value);
  }
  return value;
}

// 2023-01-01 was a Sunday, so day d of the model is 2023-01-(1 + d).
const SUNDAY_2023 = Date.UTC(2023, 0, 1);
const DAY_MS = 86_400_000;

/** The weekday's name in the locale, as used mid-sentence ("Tuesday", "martes"). */
export function weekdayName(day: Weekday, locale: string): string {
  const format = cached(
    `weekday:${locale}`,
    () => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }),
  );
  return format.format(SUNDAY_2023 + day * DAY_MS);
}

/** A wall-clock `HH:MM` as the locale writes it ("7:00 PM", "19:00"). */
export function clockTime(hhmm: string, locale: string): string {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  const format = cached(
    `clock:${locale}`,
    () => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }),
  );
  return format.format(SUNDAY_2023 + (hours * 60 + minutes) * 60_000);
}

/** A duration in words: "1 hour", "90 minutes", "1 hora", "90 minutos". */
export function durationText(minutes: number, locale: string): string {
  const whole = minutes % 60 === 0;
  const unit = whole ? 'hour' : 'minute';
  const format = cached(
    `duration:${locale}:${unit}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }),
  );
  return format.format(whole ? minutes / 60 : minutes);
}

/** BCP-47 tags as a list of names in the locale: ["en", "es"] -> "English and Spanish". */
export function languageList(tags: readonly string[], locale: string): string {
  const names = cached(
    `languages:${locale}`,
    () => new Intl.DisplayNames(locale, { type: 'language', fallback: 'code' }),
  );
  const list = cached(
    `list:${locale}`,
    () => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }),
  );
  return list.format(
    tags.map((tag) => {
      try {
        return names.of(tag) ?? tag;
      } catch {
        return tag;
      }
    }),
  );
}

/** A zone's generic long name at an instant ("Eastern Time"), or the IANA id when unknown. */
export function zoneName(timeZone: string, locale: string, at: number): string {
  const format = cached(
    `zone:${locale}:${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' }),
  );
  return format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** A calendar date for "updated" lines ("March 8, 2026", "8 de marzo de 2026"). */
export function longDate(iso: string, locale: string, timeZone = 'UTC'): string | undefined {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const format = cached(
    `date:${locale}:${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }),
  );
  return format.format(at);
}

/** Upper-cases the first letter, for Spanish dates that start a line ("martes" -> "Martes"). */
export function capitalise(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}
