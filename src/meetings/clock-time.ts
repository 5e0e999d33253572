/** Wall-clock times of day as `HH:MM` strings, and the forms real feeds write them in. */

const twentyFourHour = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const twelveHour = /^(0?[1-9]|1[0-2])(?::([0-5]\d))?(?::[0-5]\d)?\s*([ap])\.?\s*m\.?$/i;

/**
 * Reads a time of day as feeds write it ("19:30", "7:30", "19:30:00", "7:30 PM", "7 pm",
 * "noon", "midnight") and returns minutes after midnight, or undefined when it is not a time.
 */
export function parseClockTime(input: string): number | undefined {
  const text = input.trim().toLowerCase();
  if (text === 'noon') return 12 * 60;
  if (text === 'midnight') return 0;
  const h24 = twentyFourHour.exec(text);
  if (h24) return Number(h24[1]) * 60 + Number(h24[2]);
  const h12 = twelveHour.exec(text);
  if (h12) {
    const hour = Number(h12[1]) % 12;
    const minute = h12[2] === undefined ? 0 : Number(h12[2]);
    return (h12[3] === 'p' ? hour + 12 : hour) * 60 + minute;
  }
  // "24:00" ends a meeting at midnight; read it as the start of the next day.
  if (text === '24:00' || text === '24:00:00') return 24 * 60;
  return undefined;
}

/** Formats minutes after midnight (wrapping past 24 h) as `HH:MM`. */
export function formatClockTime(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** True for a canonical `HH:MM` 24-hour string. */
export function isClockTime(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

/** Minutes after midnight of a canonical `HH:MM`. */
export function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
