import tzLookup from '@photostructure/tz-lookup';

const validity = new Map<string, string | undefined>();

/**
 * The canonical IANA name of a time zone ("america/new_york" -> "America/New_York"), or
 * undefined when the runtime does not know it. Results are memoised: imports ask per row.
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (validity.has(name)) return validity.get(name);
  let canonical: string | undefined;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    canonical = undefined;
  }
  validity.set(name, canonical);
  return canonical;
}

/** The IANA zone at a point on Earth, from an offline boundary table. */
export function timeZoneAt(latitude: number, longitude: number): string | undefined {
  if (!isValidCoordinate(latitude, longitude)) return undefined;
  try {
    return tzLookup(latitude, longitude);
  } catch {
    return undefined;
  }
}

/** True for finite coordinates within range; (0, 0) is treated as "missing", as feeds use it so. */
export function isValidCoordinate(latitude: number, longitude: number): boolean {
  return (
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180 &&
    !(latitude === 0 && longitude === 0)
  );
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) an instant falls on in a zone; the formatter kept per zone. */
export function localDateIn(epochMs: number, zone: string): string {
  let format = dateFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(zone, format);
  }
  return format.format(epochMs);
}
