/** Dates and times on the desk's pages, in the center's time zone and the reader's language. */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, timeZone: string, kind: 'day' | 'time' | 'both') {
  const key = `${locale}|${timeZone}|${kind}`;
  let found = formats.get(key);
  if (found === undefined) {
    found = new Intl.DateTimeFormat(locale, {
      timeZone,
      ...(kind !== 'time' ? { dateStyle: 'medium' as const } : {}),
      ...(kind !== 'day' ? { timeStyle: 'short' as const } : {}),
    });
    formats.set(key, found);
  }
  return found;
}

/** The day of an instant (`7 Dec 2026`). */
export function formatDay(iso: string, locale: string, timeZone: string): string {
  return format(locale, timeZone, 'day').format(new Date(iso));
}

/** The time of day of an instant (`2:05 PM`). */
export function formatTime(iso: string, locale: string, timeZone: string): string {
  return format(locale, timeZone, 'time').format(new Date(iso));
}

/** The day and time of an instant. */
export function formatDayTime(iso: string, locale: string, timeZone: string): string {
  return format(locale, timeZone, 'both').format(new Date(iso));
}
