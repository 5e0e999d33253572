/**
 * The next start of a saved meeting, computed on the device from its schedule (as the meetings
 * API gives it) with `Intl` for the meeting's zone: weekly, every other week, the nth or last
 * weekday of the month. The server's own calculation (src/search/occurrences.ts) uses Temporal,
 * far too heavy for a page; this one only needs to be right for the next two months.
 */
import { addDays, daysBetween, type Day } from './model.js';

/** One recurrence as `GET /api/v1/meetings/{slug}` returns it. */
export interface ScheduleRow {
  kind: string;
  day?: number;
  start?: string;
  anchorDate?: string;
  week?: number;
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock parts of an instant in a zone. */
function wallClock(at: number, zone: string) {
  let format = partsFormat.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    partsFormat.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The instant a wall-clock time on a day in a zone stands for (DST gaps move forward). */
export function zonedInstant(day: Day, start: string, zone: string): number {
  const [h = 0, m = 0] = start.split(':').map(Number);
  const naive = Date.parse(`${day}T00:00:00Z`) + (h * 60 + m) * 60_000;
  let at = naive;
  // Twice: the offset at the guess may differ from the offset at the answer across a change.
  for (let i = 0; i < 2; i++) {
    const seen = wallClock(at, zone);
    const seenNaive = Date.parse(`${seen.day}T00:00:00Z`) + seen.minutes * 60_000;
    at += naive - seenNaive;
  }
  return at;
}

function matches(row: ScheduleRow, day: Day): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (row.day !== weekday) return false;
  if (row.kind === 'weekly') return true;
  if (row.kind === 'biweekly')
    return row.anchorDate !== undefined && Math.abs(daysBetween(row.anchorDate, day)) % 14 === 0;
  if (row.kind === 'monthly') {
    const date = Number(day.slice(8, 10));
    if (row.week === -1) return addDays(day, 7).slice(5, 7) !== day.slice(5, 7);
    return row.week !== undefined && Math.ceil(date / 7) === row.week;
  }
  return false;
}

/** The next start at or after `now` within about two months, or undefined (by appointment). */
export function nextStart(
  schedule: readonly ScheduleRow[],
  zone: string,
  now: number,
): number | undefined {
  let best: number | undefined;
  try {
    const today = wallClock(now, zone).day;
    for (const row of schedule) {
      if (row.start === undefined || row.day === undefined) continue;
      for (let i = 0; i < 63; i++) {
        const day = addDays(today, i);
        if (!matches(row, day)) continue;
        const at = zonedInstant(day, row.start, zone);
        if (at < now) continue;
        if (best === undefined || at < best) best = at;
        break;
      }
    }
  } catch {
    // An unknown zone: no next time rather than a wrong one.
    return undefined;
  }
  return best;
}
