/**
 * The rides' clockwork, one job every five minutes on the jobs table (driven by the Clock, so
 * tests move time instead of waiting): reminders to rider and driver the day before and the hour
 * before an accepted ride; rides whose meeting has begun without a driver become unmet, and
 * accepted ones whose meeting has ended, completed; 30 days after a ride, its exact and rounded
 * pickup and the rider's contact are deleted with their key.
 */
import type { JobRepository } from '../platform/jobs/job-repository.js';
import type { JobRunner } from '../platform/jobs/job-runner.js';
import { riderDetails, riderLink } from './rider-records.js';
import type { RideDeps } from './deps.js';
import { driverLink, driverSecrets } from './drivers.js';
import { PICKUP_RETENTION_DAYS } from './model.js';
import { rideContext } from './offer-ride.js';
import type { StoredRide } from './ride-repository.js';
import { driverMessage, riderMessage, whenText } from './ride-words.js';

export const rideUpkeepJobKind = 'ride-upkeep';
const EVERY_SECONDS = 300;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What one pass did. */
export interface UpkeepReport {
  reminders: number;
  unmet: number;
  completed: number;
  purged: number;
}

/** Schedules the upkeep every five minutes (once per database). */
export async function scheduleRideUpkeep(
  deps: Pick<RideDeps, 'clock'>,
  jobs: JobRepository,
): Promise<void> {
  if ((await jobs.find(rideUpkeepJobKind, 'all')) !== undefined) return;
  const now = deps.clock.now().toISOString();
  await jobs.ensure(
    rideUpkeepJobKind,
    'all',
    { intervalSeconds: EVERY_SECONDS, nextRunAt: now },
    now,
  );
}

/** Lets the runner do the upkeep when its job is due. */
export function registerRideUpkeep(deps: RideDeps, runner: JobRunner): void {
  runner.register(rideUpkeepJobKind, async () => {
    const report = await runRideUpkeep(deps);
    return { ok: true, outcome: `reminded ${report.reminders}, purged ${report.purged}` };
  });
}

/** One pass of the upkeep at the clock's now. */
export async function runRideUpkeep(deps: RideDeps): Promise<UpkeepReport> {
  const now = deps.clock.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  let reminders = 0;
  // An accepted ride within the next day gets the day-before reminder, within the hour the
  // hour-before one; the queue's idempotency keys send each once however often this runs. A ride
  // accepted within the hour gets only the hour's.
  for (const ride of await deps.repos.rides.ridesStarting(['accepted'], iso(now), iso(now + DAY))) {
    const which = Date.parse(ride.occurrenceStart) - now <= HOUR ? 'hour' : 'day';
    reminders += await remind(deps, ride, which);
  }
  const past = await deps.repos.rides.ridesStarting(
    ['unconfirmed', 'open', 'accepted'],
    iso(now - 400 * DAY),
    iso(now),
  );
  let unmet = 0;
  let completed = 0;
  for (const ride of past) {
    if (ride.status === 'accepted') {
      if (Date.parse(ride.occurrenceEnd) > now) continue;
      await deps.repos.rides.updateRide(ride.id, { status: 'completed', closedAt: iso(now) });
      completed += 1;
    } else {
      // Never confirmed: cancelled (it was never asked for in earnest); confirmed: unmet.
      await deps.repos.rides.updateRide(ride.id, {
        status: ride.status === 'open' ? 'unmet' : 'cancelled',
        closedAt: iso(now),
        clearCode: true,
      });
      if (ride.status === 'open') unmet += 1;
    }
  }
  const purged = await deps.repos.rides.purgeDetails(
    iso(now - PICKUP_RETENTION_DAYS * DAY),
    iso(now),
  );
  return { reminders, unmet, completed, purged };
}

async function remind(deps: RideDeps, ride: StoredRide, which: 'day' | 'hour'): Promise<number> {
  const details = riderDetails(deps, ride);
  const driver =
    ride.driverId === undefined ? undefined : await deps.repos.rides.driverById(ride.driverId);
  const { program, meeting } = await rideContext(deps, ride);
  let sent = 0;
  if (details !== undefined) {
    await deps.messenger.send(
      details.contact,
      riderMessage('reminder', details.locale, {
        program: program.name,
        meeting: meeting.name,
        when: whenText(ride.occurrenceStart, meeting.timeZone, details.locale),
        link: riderLink(deps, details.link, details.locale),
      }),
      `ride-reminder:${ride.id}:${which}:rider`,
    );
    sent += 1;
  }
  if (driver !== undefined) {
    const secrets = driverSecrets(deps, driver);
    await deps.messenger.send(
      secrets.contact,
      driverMessage('reminder', {
        program: program.name,
        meeting: meeting.name,
        when: whenText(ride.occurrenceStart, meeting.timeZone, 'en'),
        link: driverLink(deps, secrets),
      }),
      `ride-reminder:${ride.id}:${which}:driver`,
    );
    sent += 1;
  }
  return sent;
}
