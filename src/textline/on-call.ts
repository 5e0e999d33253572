/**
 * Who answers the voice line's "press 0": volunteers on call by a weekly schedule, as yap keeps
 * one per service body, read from VOICE_ON_CALL:
 * `Mon-Fri 18:00-22:00 +14135550111; Sat,Sun 09:00-21:00 +14135550112` in VOICE_TIME_ZONE.
 * A shift may run past midnight (`Fri 22:00-02:00`). Outside every shift, the helpline answers.
 */
import type { Weekday } from '../meetings/model.js';

export interface Shift {
  days: Weekday[];
  /** Minutes after local midnight; `end` may be below `start` (past midnight). */
  start: number;
  end: number;
  number: string;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Reads a schedule; throws a message naming VOICE_ON_CALL when it cannot. */
export function parseOnCall(text: string): Shift[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((entry) => {
      const m = /^([A-Za-z,-]+)\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})\s+(\+[1-9]\d{1,14})$/.exec(
        entry,
      );
      if (m === null)
        throw new Error(
          `VOICE_ON_CALL: "${entry}" is not "Mon-Fri 18:00-22:00 +14135550111" (days, hours, an E.164 number)`,
        );
      return {
        days: days(m[1]!, entry),
        start: Number(m[2]) * 60 + Number(m[3]),
        end: Number(m[4]) * 60 + Number(m[5]),
        number: m[6]!,
      };
    });
}

function days(text: string, entry: string): Weekday[] {
  const out = new Set<Weekday>();
  for (const part of text.toLowerCase().split(',')) {
    const [from, to] = part.split('-').map((d) => DAY_NAMES.indexOf(d.slice(0, 3)));
    if (from === undefined || from < 0 || (to !== undefined && to < 0))
      throw new Error(`VOICE_ON_CALL: "${entry}" names a day that is not Sun..Sat`);
    for (let d = from; ; d = (d + 1) % 7) {
      out.add(d as Weekday);
      if (to === undefined || d === to) break;
    }
  }
  return [...out];
}

/** The number on call at an instant, or undefined outside every shift. */
export function onCallAt(
  shifts: readonly Shift[],
  epochMs: number,
  timeZone: string,
): string | undefined {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(epochMs);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = DAY_NAMES.indexOf(part('weekday').toLowerCase()) as Weekday;
  const minute = Number(part('hour')) * 60 + Number(part('minute'));
  const yesterday = ((day + 6) % 7) as Weekday;
  for (const s of shifts) {
    if (s.start <= s.end) {
      if (s.days.includes(day) && minute >= s.start && minute < s.end) return s.number;
    } else if (
      (s.days.includes(day) && minute >= s.start) ||
      (s.days.includes(yesterday) && minute < s.end)
    )
      return s.number;
  }
  return undefined;
}
