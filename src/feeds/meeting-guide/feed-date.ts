/**
 * Reads the `updated` stamp as feeds write it ("2023-08-29 15:56:59", "2023-08-29",
 * "8/25/2022 11:17:07 AM", full ISO 8601) and returns ISO 8601 in UTC. Stamps without an offset
 * are the publishing site's local time, which the feed does not name; they are read as UTC,
 * which is close enough for "last changed" and keeps the value stable across refreshes.
 */
export function parseFeedDate(text: string): string | undefined {
  const value = text.trim();
  let m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      value,
    );
  if (m) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
    return toIso(`${y}-${mo}-${d}T${h}:${mi}:${s}${normaliseZone(zone)}`);
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i.exec(
    value,
  );
  if (m) {
    const [, mo = '', d = '', y, hText = '0', mi = '00', s = '00', ampm] = m;
    let h = Number(hText);
    if (ampm !== undefined) h = (h % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
    return toIso(
      `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}T${String(h).padStart(2, '0')}:${mi}:${s}Z`,
    );
  }
  return undefined;
}

function normaliseZone(zone: string | undefined): string {
  if (zone === undefined || zone === 'Z') return 'Z';
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

function toIso(text: string): string | undefined {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date rolls 2023-02-30 over to March; a stamp that does not survive the round trip is invalid.
  if (!text.startsWith(date.toISOString().slice(0, 10)) && text.endsWith('Z')) return undefined;
  // With an offset the instant's date may rightly differ, so check the written date on its own.
  const day = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || !text.startsWith(day.toISOString().slice(0, 10)))
    return undefined;
  const year = date.getUTCFullYear();
  if (year < 1990 || year > 2200) return undefined;
  return date.toISOString().replace('.000Z', 'Z');
}

/** Formats an ISO instant the way the Meeting Guide format writes `updated`. */
export function formatFeedDate(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}
