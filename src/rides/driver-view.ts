/**
 * What a driver's page shows: the rides offered to them and the ones they took. The rider's
 * contact, exact pickup and note appear only on a ride this driver accepted (both sides have
 * then confirmed), and only until a day after the meeting (DETAILS_VISIBLE_HOURS).
 */
import type { RideDeps } from './deps.js';
import { driverByLink, plainDriver } from './drivers.js';
import {
  DETAILS_VISIBLE_HOURS,
  type Driver,
  type OfferState,
  type RiderDetails,
  type RideRequest,
} from './model.js';
import { rideContext, type RideMeeting } from './offer-ride.js';
import { riderDetails } from './rider-records.js';

export interface DriverRide {
  ride: RideRequest;
  meeting: RideMeeting;
  offer: OfferState;
  detourKm: number;
  /** Present only for the driver's accepted ride, until a day after the meeting. */
  rider?: Omit<RiderDetails, 'link' | 'locale'>;
}

/** The driver behind a link and their rides, soonest first. */
export async function driverView(
  deps: RideDeps,
  link: string,
): Promise<{ driver: Driver; programName: string; rides: DriverRide[] }> {
  const stored = await driverByLink(deps, link);
  const program = await deps.repos.rides.programById(stored.programId);
  const now = deps.clock.now().getTime();
  const rides: DriverRide[] = [];
  for (const offer of await deps.repos.rides.offersOfDriver(stored.id)) {
    const ride = await deps.repos.rides.rideById(offer.requestId);
    if (ride === undefined) continue;
    // Past rides stay listed a week, so a no-show can still be recorded and the trip seen.
    if (Date.parse(ride.occurrenceEnd) < now - 7 * 86_400_000) continue;
    const mine =
      ride.driverId === stored.id && ['accepted', 'completed', 'no_show'].includes(ride.status);
    const visible =
      mine && now <= Date.parse(ride.occurrenceEnd) + DETAILS_VISIBLE_HOURS * 3_600_000;
    const details = visible ? riderDetails(deps, ride) : undefined;
    const { meeting } = await rideContext(deps, ride);
    const {
      sealedDetails: _s,
      wrappedKey: _w,
      keyId: _k,
      linkHash: _l,
      codeHash: _c,
      codeAttempts: _a,
      ...clear
    } = ride;
    rides.push({
      ride: clear,
      meeting,
      offer: offer.state,
      detourKm: offer.detourKm,
      ...(details !== undefined
        ? {
            rider: {
              contact: details.contact,
              pickup: details.pickup,
              ...(details.note !== undefined ? { note: details.note } : {}),
            },
          }
        : {}),
    });
  }
  rides.sort((a, b) => a.ride.occurrenceStart.localeCompare(b.ride.occurrenceStart));
  return { driver: plainDriver(stored), programName: program?.name ?? '', rides };
}
