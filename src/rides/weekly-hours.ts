/**
 * Drivers' on-call hours: weekly windows in the program's zone, written as people say them
 * (`Mon-Fri 18:00-22:00; Sat,Sun 09:00-21:00`). A window may run past midnight
 * (`Fri 22:00-02:00` is Friday night into Saturday). Wall-clock times, so a window keeps its
 * local hours across daylight-saving changes.
 */
import { Temporal } from 'temporal-polyfill';
import type { OnCallWindow } from './model.js';

export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** The minute of the week (0 = Sunday 00:00) an instant falls on in a zone. */
export function minuteOfWeek(epochMs: number, timeZone: string): number {
  const local = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
  return (local.dayOfWeek % 7) * MINUTES_PER_DAY + local.hour * 60 + local.minute;
}

/** True when the window covers that minute of the week. */
export function windowCovers(window: OnCallWindow, minute: number): boolean {
  const from = window.day * MINUTES_PER_DAY + window.start;
  const length = windowLength(window);
  return (((minute - from) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK < length;
}

/** Minutes a window lasts: past midnight when it ends at or before its start. */
export function windowLength(window: OnCallWindow): number {
  return window.end > window.start
    ? window.end - window.start
    : MINUTES_PER_DAY - window.start + window.end;
}

/** True when any of the windows covers the instant, read in the zone. */
export function onCallAt(
  windows: readonly OnCallWindow[],
  epochMs: number,
  timeZone: string,
): boolean {
  const minute = minuteOfWeek(epochMs, timeZone);
  return windows.some((w) => windowCovers(w, minute));
}

/**
 * The hours of the week (0 = Sunday 00:00-01:00 ... 167 = Saturday 23:00-24:00) that no window
 * covers in full: what a coordinator still has to find drivers for.
 */
export function uncoveredHours(windows: readonly OnCallWindow[]): number[] {
  const covered = new Uint8Array(MINUTES_PER_WEEK);
  for (const w of windows) {
    const from = w.day * MINUTES_PER_DAY + w.start;
    for (let m = 0; m < windowLength(w); m += 1) covered[(from + m) % MINUTES_PER_WEEK] = 1;
  }
  const hours: number[] = [];
  for (let h = 0; h < 168; h += 1) {
    if (covered.subarray(h * 60, h * 60 + 60).includes(0)) hours.push(h);
  }
  return hours;
}

/** Reads `Mon-Fri 18:00-22:00; Sat,Sun 09:00-21:00`; undefined when it cannot. */
export function parseWeeklyHours(text: string): OnCallWindow[] | undefined {
  const windows: OnCallWindow[] = [];
  for (const entry of text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const m = /^([A-Za-z, -]+?)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(entry);
    if (m === null) return undefined;
    const start = Number(m[2]) * 60 + Number(m[3]);
    const end = Number(m[4]) * 60 + Number(m[5]);
    if (start >= MINUTES_PER_DAY || end > MINUTES_PER_DAY || Number(m[3]) > 59 || Number(m[5]) > 59)
      return undefined;
    if (start === end) return undefined;
    const days = parseDays(m[1]!);
    if (days === undefined) return undefined;
    for (const day of days)
      windows.push({ day, start, end: end === MINUTES_PER_DAY && start > 0 ? 0 : end });
  }
  return windows;
}

function parseDays(text: string): number[] | undefined {
  const out: number[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const [from, to] = part.split('-').map((d) => dayIndex(d.trim()));
    if (from === undefined || from < 0 || (to !== undefined && to < 0)) return undefined;
    for (let d = from; ; d = (d + 1) % 7) {
      if (!out.includes(d)) out.push(d);
      if (to === undefined || d === to) break;
    }
  }
  return out;
}

function dayIndex(name: string): number {
  return DAY_NAMES.findIndex((d) => d.toLowerCase() === name.slice(0, 3).toLowerCase());
}

/** Writes windows back in the form `parseWeeklyHours` reads, one entry per window. */
export function formatWeeklyHours(windows: readonly OnCallWindow[]): string {
  return windows
    .map(
      (w) =>
        `${DAY_NAMES[w.day] ?? '?'} ${clock(w.start)}-${clock(w.end === 0 ? MINUTES_PER_DAY : w.end)}`,
    )
    .join('; ');
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
