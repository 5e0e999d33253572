/**
 * Whether a meeting has rides: a program's area covers it and at least one of its approved
 * drivers' home area reaches it. What the meeting page says ("Rides offered to this meeting") and which
 * occurrences the ask form offers (within the program's notice and horizon).
 */
import type { Meeting } from '../meetings/model.js';
import { occurrencesBetween } from '../search/occurrences.js';
import { meetingPoint } from './ask-ride.js';
import type { RideDeps } from './deps.js';
import { kmBetween } from './detour.js';
import type { Area, RideProgram } from './model.js';

/**
 * The program offering rides to this meeting, if any: of the programs whose area covers it,
 * nearest first, the first with an approved driver whose home area reaches it.
 */
export async function ridesOffered(
  deps: Pick<RideDeps, 'repos'>,
  meeting: Meeting,
): Promise<RideProgram | undefined> {
  const point = meetingPoint(meeting);
  if (point === undefined || meeting.status !== 'active') return undefined;
  const programs = (await deps.repos.rides.programs())
    .filter((p) => kmBetween(p.area, point) <= p.area.radiusKm)
    .sort((a, b) => kmBetween(a.area, point) - kmBetween(b.area, point));
  for (const program of programs) {
    const drivers = await deps.repos.rides.driversOf(program.id, 'approved');
    if (drivers.some((d) => kmBetween(d.home, point) <= d.home.radiusKm)) return program;
  }
  return undefined;
}

/**
 * Where rides are offered, for the finder's "Rides offered" filter: one region per approved
 * driver, the overlap of their program's area and their own reach. A meeting inside one of them
 * is one `ridesOffered` says yes to.
 */
export async function rideRegions(deps: Pick<RideDeps, 'repos'>): Promise<Area[][]> {
  const regions: Area[][] = [];
  for (const program of await deps.repos.rides.programs())
    for (const driver of await deps.repos.rides.driversOf(program.id, 'approved'))
      regions.push([program.area, driver.home]);
  return regions;
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
