import type { Weekday } from './model.js';

/** English weekday names, Sunday first, as the Meeting Guide format counts them. */
export const weekdayNames = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

const byName = new Map<string, Weekday>();
const spanish = ['domingo', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado'];
const french = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
weekdayNames.forEach((name, i) => {
  const day = i as Weekday;
  const lower = name.toLowerCase();
  byName.set(lower, day);
  byName.set(lower.slice(0, 3), day);
  byName.set(spanish[i]!, day);
  byName.set(french[i]!, day);
});
byName.set('tues', 2).set('wed', 3).set('thur', 4).set('thurs', 4);

/** True for a whole number 0-6. */
export function isWeekday(value: unknown): value is Weekday {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 6;
}

/**
 * Reads one weekday as feeds write it: 0-6 (Sunday = 0), "3", or a name in English, Spanish or
 * French, case- and accent-insensitive. Returns undefined for anything else.
 */
export function parseWeekday(value: unknown): Weekday | undefined {
  if (isWeekday(value)) return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^[0-6]$/.test(text)) return Number(text) as Weekday;
  const key = text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\.$/, '');
  return byName.get(key);
}
