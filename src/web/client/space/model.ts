/**
 * The personal space's records and the arithmetic on them: counting days, milestones, the
 * week's meetings against a goal, when a check-in looks hard, the trend chart's points. Pure
 * functions over calendar days (`YYYY-MM-DD` in the person's own zone), tested without a browser.
 */

/** A calendar day in the person's zone, `YYYY-MM-DD`. */
export type Day = string;

/** A stretch of time counted before a slip: kept, never erased. */
export interface Streak {
  since: Day;
  until: Day;
}

/** Something a person counts days away from (any substance or behaviour, in their words). */
export interface RecoveryDate {
  id: string;
  label: string;
  since: Day;
  /** Earlier stretches, oldest first. */
  history: Streak[];
  /** When the person last changed it (ISO 8601; absent on dates older than the field). */
  updatedAt?: string;
}

/**
 * When a record was last changed, for a sync to keep the later copy: '' for records that are
 * never changed once written (attendance, check-ins, worksheets) or were written before the
 * field existed, so any dated copy wins over them.
 */
export function updatedAtOf(record: object): string {
  return 'updatedAt' in record && typeof record.updatedAt === 'string' ? record.updatedAt : '';
}

/** "I went": one meeting on one day. */
export interface Attendance {
  id: string;
  day: Day;
  name: string;
  /** The meeting's slug when it came from a saved meeting. */
  slug?: string;
}

/** The situations a check-in asks about. */
export const RISKS = [
  'alone',
  'stress',
  'conflict',
  'people',
  'places',
  'money',
  'pain',
  'celebration',
] as const;
export type Risk = (typeof RISKS)[number];

/** One daily check-in. */
export interface CheckIn {
  id: string;
  day: Day;
  /** When it was written (ISO 8601). */
  at: string;
  /** 1 (very low) to 5 (very good). */
  mood: number;
  /** 0 (none) to 10 (the strongest). */
  craving: number;
  /** Hours slept last night. */
  sleep: number;
  risks: Risk[];
  note: string;
}

/** The person's words to their supporters, and the line a check-in must cross to send them. */
export interface HelpSettings {
  /** Sent on "I need help now". */
  message: string;
  /** Sent after a check-in that crosses the line below. */
  checkInMessage: string;
  /** A check-in with a craving at or above this tells the chosen supporters. */
  craving: number;
  /** A check-in with a mood at or below this tells them; 0 never by mood. */
  mood: number;
}

/** The person's own settings. */
export interface Settings {
  weeklyGoal: number;
  /** Unset until the person writes their own words: the page offers its defaults. */
  help?: HelpSettings;
  /** When the person last changed them (ISO 8601): a sync keeps the later. */
  savedAt?: string;
}

export const DEFAULT_SETTINGS: Settings = { weeklyGoal: 3 };

/** The calendar day of an instant in the device's zone. */
export function dayOf(at: Date): Day {
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whether a text is a real calendar day in `YYYY-MM-DD` form. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(text);
}

const DAY_MS = 86_400_000;
const utcOf = (day: Day) => Date.parse(`${day}T00:00:00Z`);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((utcOf(to) - utcOf(from)) / DAY_MS);
}

/** The day `n` days after `day`. */
export function addDays(day: Day, n: number): Day {
  return new Date(utcOf(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The days counted on `today`: the day after the start day is day 1, as fellowships count. */
export function daysCounted(date: Pick<RecoveryDate, 'since'>, today: Day): number {
  return Math.max(0, daysBetween(date.since, today));
}

/** The milestones celebrated, in days; after a year, every further year. */
export const MILESTONES = [1, 7, 14, 30, 60, 90, 180, 270, 365] as const;

/** The milestone's day count after `days` (the next one strictly ahead). */
export function nextMilestone(days: number): number {
  const ahead = MILESTONES.find((m) => m > days);
  return ahead ?? (Math.floor(days / 365) + 1) * 365;
}

/** The last milestone reached at `days`, or undefined before the first. */
export function lastMilestone(days: number): number | undefined {
  if (days >= 365) return Math.floor(days / 365) * 365;
  return [...MILESTONES].reverse().find((m) => m <= days);
}

/**
 * A slip, without shaming: the stretch so far is kept in the history and counting starts again
 * on the day the person gives. A restart before the current start (a typo) changes nothing.
 */
export function restartFrom(date: RecoveryDate, restart: Day): RecoveryDate {
  if (!isDay(restart) || daysBetween(date.since, restart) < 0) return date;
  return {
    ...date,
    since: restart,
    history: [...date.history, { since: date.since, until: restart }],
  };
}

/** Monday of the week holding `day` (weeks start on Monday, as in most of the world's calendars). */
export function weekStart(day: Day): Day {
  const weekday = new Date(utcOf(day)).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The meetings marked in the week holding `today`, oldest first. */
export function thisWeek(records: readonly Attendance[], today: Day): Attendance[] {
  const from = weekStart(today);
  const to = addDays(from, 7);
  return records
    .filter((r) => r.day >= from && r.day < to)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** A goal the page accepts: 1 to 14 meetings a week. */
export function clampGoal(goal: number): number {
  if (!Number.isFinite(goal)) return DEFAULT_SETTINGS.weeklyGoal;
  return Math.min(14, Math.max(1, Math.round(goal)));
}

/**
 * Whether a check-in's answers look hard enough to suggest a meeting now: a low mood, a strong
 * craving, little sleep with a craving, or several risky situations at once.
 */
export function looksHard(checkIn: Pick<CheckIn, 'mood' | 'craving' | 'sleep' | 'risks'>): boolean {
  return (
    checkIn.mood <= 2 ||
    checkIn.craving >= 7 ||
    (checkIn.sleep < 4 && checkIn.craving >= 4) ||
    checkIn.risks.length >= 3
  );
}

/** A point of the trend chart. */
export interface TrendPoint {
  day: Day;
  x: number;
  mood: number;
  craving: number;
}

/** The chart's drawing box (the SVG's viewBox), with room for the axis words. */
export const CHART = { width: 320, height: 120, left: 8, right: 312, top: 8, bottom: 112 };

/**
 * The last `span` days' check-ins as chart points: the day's latest check-in, x by day, mood
 * (1-5) and craving (0-10) as heights on one 0-1 scale, so both read on the same axis.
 */
export function trendPoints(checkIns: readonly CheckIn[], today: Day, span = 14): TrendPoint[] {
  const first = addDays(today, -(span - 1));
  const latest = new Map<Day, CheckIn>();
  for (const c of checkIns) {
    if (c.day < first || c.day > today) continue;
    const kept = latest.get(c.day);
    if (kept === undefined || kept.at < c.at) latest.set(c.day, c);
  }
  const step = (CHART.right - CHART.left) / Math.max(1, span - 1);
  const height = CHART.bottom - CHART.top;
  const y = (share: number) => round(CHART.bottom - share * height);
  return [...latest.values()]
    .sort((a, b) => (a.day < b.day ? -1 : 1))
    .map((c) => ({
      day: c.day,
      x: round(CHART.left + daysBetween(first, c.day) * step),
      mood: y((c.mood - 1) / 4),
      craving: y(c.craving / 10),
    }));
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The `points` attribute of an SVG polyline through the chart's points. */
export function polyline(points: readonly TrendPoint[], key: 'mood' | 'craving'): string {
  return points.map((p) => `${p.x},${p[key]}`).join(' ');
}
