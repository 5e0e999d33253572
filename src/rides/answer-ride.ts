/**
 * What drivers and riders do with a ride once it is offered: the first driver to accept takes it
 * (one conditional update decides), a driver may decline, give an accepted ride back with a
 * reason (it is offered again), or record that the rider did not come; a rider may cancel with a
 * reason. Each side is told through the other's channel.
 */
import { PorchlightError } from '../platform/errors.js';
import { rideByLink, riderDetails, riderLink } from './rider-records.js';
import type { RideDeps } from './deps.js';
import { tripKm } from './detour.js';
import { driverByLink, driverLink, driverSecrets } from './drivers.js';
import type { RideStatus } from './model.js';
import { offerRide, rideContext } from './offer-ride.js';
import type { StoredDriver, StoredRide } from './ride-repository.js';
import { driverMessage, riderMessage, whenText } from './ride-words.js';

/** Why a ride was cancelled: a short reason from a list, never free text about a person. */
export const cancelReasons = [
  'plans_changed',
  'unwell',
  'car_trouble',
  'weather',
  'other',
] as const;
export type CancelReason = (typeof cancelReasons)[number];

/** The ride as the driver behind this link may act on it: offered to them, or theirs. */
async function driverRide(
  deps: RideDeps,
  link: string,
  rideId: string,
): Promise<{ driver: StoredDriver; ride: StoredRide }> {
  const driver = await driverByLink(deps, link);
  const ride = await deps.repos.rides.rideById(rideId);
  const offer =
    ride && (await deps.repos.rides.offersOfRide(ride.id)).find((o) => o.driverId === driver.id);
  if (ride === undefined || offer === undefined) throw new PorchlightError('PL_RIDE_NOT_FOUND');
  return { driver, ride };
}

/** The driver accepts: theirs if the ride is still open, PL_RIDE_TAKEN otherwise. */
export async function acceptRide(
  deps: RideDeps,
  link: string,
  rideId: string,
): Promise<StoredRide> {
  const { driver, ride } = await driverRide(deps, link, rideId);
  if (driver.status !== 'approved' || ride.pickupArea === undefined)
    throw new PorchlightError('PL_RIDE_TAKEN');
  const now = deps.clock.now().toISOString();
  const km = tripKm(driver.home, ride.pickupArea, ride.meetingPoint, ride.returnTrip);
  if (!(await deps.repos.rides.claimRide(ride.id, driver.id, km, now)))
    throw new PorchlightError('PL_RIDE_TAKEN');
  await deps.repos.rides.answerOffers(ride.id, 'accepted', now, { driverId: driver.id });
  await deps.repos.rides.answerOffers(ride.id, 'withdrawn', now, {
    onlyOffered: true,
    exceptDriverId: driver.id,
  });
  const taken: StoredRide = {
    ...ride,
    status: 'accepted',
    driverId: driver.id,
    tripKm: km,
    acceptedAt: now,
  };
  await tellRider(deps, taken, 'accepted', `ride-accepted:${ride.id}:${now}`);
  return taken;
}

/** The driver will not take this one. When nobody is left to take it, the ride is unmet. */
export async function declineRide(deps: RideDeps, link: string, rideId: string): Promise<void> {
  const { driver, ride } = await driverRide(deps, link, rideId);
  const now = deps.clock.now().toISOString();
  await deps.repos.rides.answerOffers(ride.id, 'declined', now, { driverId: driver.id });
  if (ride.status !== 'open') return;
  const left = (await deps.repos.rides.offersOfRide(ride.id)).filter((o) => o.state === 'offered');
  if (left.length === 0) await offerRide(deps, ride);
}

/** The driver gives an accepted ride back, with a reason: it is offered to the others again. */
export async function giveRideBack(
  deps: RideDeps,
  link: string,
  rideId: string,
  reason: CancelReason,
): Promise<StoredRide> {
  const { driver, ride } = await driverRide(deps, link, rideId);
  if (ride.status !== 'accepted' || ride.driverId !== driver.id)
    throw new PorchlightError('PL_RIDE_STATE');
  if (!(await deps.repos.rides.releaseRide(ride.id, driver.id)))
    throw new PorchlightError('PL_RIDE_STATE');
  const now = deps.clock.now().toISOString();
  await deps.repos.rides.answerOffers(ride.id, 'declined', now, { driverId: driver.id });
  await deps.repos.rides.updateRide(ride.id, { cancelledBy: 'driver', cancelReason: reason });
  const reopened: StoredRide = {
    ...ride,
    status: 'open',
    cancelledBy: 'driver',
    cancelReason: reason,
  };
  const { driverId: _d, tripKm: _t, acceptedAt: _a, ...withoutDriver } = reopened;
  const after = await offerRide(deps, withoutDriver);
  if (after.status === 'open')
    await tellRider(deps, after, 'released', `ride-released:${ride.id}:${now}`);
  return after;
}

/** The driver came and the rider did not (recorded once the meeting has begun). */
export async function recordNoShow(deps: RideDeps, link: string, rideId: string): Promise<void> {
  const { driver, ride } = await driverRide(deps, link, rideId);
  const now = deps.clock.now();
  if (ride.driverId !== driver.id || !['accepted', 'completed'].includes(ride.status))
    throw new PorchlightError('PL_RIDE_STATE');
  if (now.getTime() < Date.parse(ride.occurrenceStart) - 3_600_000)
    throw new PorchlightError('PL_RIDE_STATE');
  await deps.repos.rides.updateRide(ride.id, { status: 'no_show', closedAt: now.toISOString() });
}

/** The rider cancels, with a reason; the driver who accepted (or those offered) are told. */
export async function cancelByRider(
  deps: RideDeps,
  link: string,
  reason: CancelReason,
): Promise<StoredRide> {
  const ride = await rideByLink(deps, link);
  const live: RideStatus[] = ['unconfirmed', 'open', 'accepted'];
  if (!live.includes(ride.status)) throw new PorchlightError('PL_RIDE_STATE');
  const now = deps.clock.now().toISOString();
  await deps.repos.rides.updateRide(ride.id, {
    status: 'cancelled',
    cancelledBy: 'rider',
    cancelReason: reason,
    closedAt: now,
    clearCode: true,
  });
  const offers = await deps.repos.rides.offersOfRide(ride.id);
  await deps.repos.rides.answerOffers(ride.id, 'withdrawn', now, { onlyOffered: true });
  const told = offers.filter((o) => o.state === 'offered' || o.driverId === ride.driverId);
  if (told.length > 0) {
    const { program, meeting } = await rideContext(deps, ride);
    for (const offer of told) {
      const driver = await deps.repos.rides.driverById(offer.driverId);
      if (driver === undefined) continue;
      const secrets = driverSecrets(deps, driver);
      await deps.messenger.send(
        secrets.contact,
        driverMessage(offer.driverId === ride.driverId ? 'cancelled' : 'withdrawn', {
          program: program.name,
          meeting: meeting.name,
          when: whenText(ride.occurrenceStart, meeting.timeZone, 'en'),
          link: driverLink(deps, secrets),
        }),
        `ride-cancelled:${ride.id}:${offer.driverId}`,
      );
    }
  }
  return {
    ...ride,
    status: 'cancelled',
    cancelledBy: 'rider',
    cancelReason: reason,
    closedAt: now,
  };
}

async function tellRider(
  deps: RideDeps,
  ride: StoredRide,
  kind: 'accepted' | 'released',
  key: string,
): Promise<void> {
  const details = riderDetails(deps, ride);
  if (details === undefined) return;
  const { program, meeting } = await rideContext(deps, ride);
  await deps.messenger.send(
    details.contact,
    riderMessage(kind, details.locale, {
      program: program.name,
      meeting: meeting.name,
      when: whenText(ride.occurrenceStart, meeting.timeZone, details.locale),
      link: riderLink(deps, details.link, details.locale),
    }),
    key,
  );
}
