const formats = new Map<string, Intl.DateTimeFormat>();

/** An instant as the locale writes it, in UTC and saying so (the viewer's zone is not known). */
export function formatInstant(iso: string, locale: string): string {
  let format = formats.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
    formats.set(locale, format);
  }
  return `${format.format(new Date(iso))} UTC`;
}
