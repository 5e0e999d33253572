/**
 * Whether a meeting has rides: a program's area covers it and at least one approved driver's
 * home area reaches it. What the meeting page says ("Rides offered to this meeting") and which
 * occurrences the ask form offers (within the program's notice and horizon).
 */
import type { Meeting } from '../meetings/model.js';
import { occurrencesBetween } from '../search/occurrences.js';
import { meetingPoint, programFor } from './ask-ride.js';
import type { RideDeps } from './deps.js';
import { kmBetween } from './detour.js';
import type { RideProgram } from './model.js';

/** The program offering rides to this meeting, if any. */
export async function ridesOffered(
  deps: Pick<RideDeps, 'repos'>,
  meeting: Meeting,
): Promise<RideProgram | undefined> {
  const point = meetingPoint(meeting);
  if (point === undefined || meeting.status !== 'active') return undefined;
  const program = programFor(await deps.repos.rides.programs(), point);
  if (program === undefined) return undefined;
  const drivers = await deps.repos.rides.driversOf(program.id, 'approved');
  return drivers.some((d) => kmBetween(d.home, point) <= d.home.radiusKm) ? program : undefined;
}

/** The occurrences a ride may be asked for now (ISO starts), at most `limit`. */
export function askableOccurrences(
  deps: Pick<RideDeps, 'clock'>,
  program: RideProgram,
  meeting: Meeting,
  limit = 12,
): string[] {
  const now = deps.clock.now().getTime();
  const from = now + program.rules.minHoursAhead * 3_600_000;
  const to = now + program.rules.maxDaysAhead * 86_400_000;
  return occurrencesBetween(meeting.schedule, meeting.timeZone, from, to)
    .filter((o) => o.start >= from)
    .slice(0, limit)
    .map((o) => new Date(o.start).toISOString());
}
