/** The rider's side of a stored ride: the page link, the ride a link opens, its sealed details. */
import { hashToken } from '../accounts/tokens.js';
import { PorchlightError } from '../platform/errors.js';
import type { RideDeps } from './deps.js';
import type { RiderDetails } from './model.js';
import type { StoredRide } from './ride-repository.js';
import type { RideLocale } from './ride-words.js';
import { openRecordKey, openRiderDetails } from './sealed.js';

/** The rider's page, in their language. */
export function riderLink(
  deps: Pick<RideDeps, 'publicUrl'>,
  link: string,
  locale: RideLocale,
): string {
  return `${deps.publicUrl}/${locale}/rides/${link}`;
}

/** The ride a rider's link opens; PL_RIDE_NOT_FOUND otherwise. */
export async function rideByLink(deps: Pick<RideDeps, 'repos'>, link: string): Promise<StoredRide> {
  const ride = await deps.repos.rides.rideByLink(hashToken(link));
  if (ride === undefined) throw new PorchlightError('PL_RIDE_NOT_FOUND');
  return ride;
}

/** Opens what is sealed of a ride; undefined once purged. */
export function riderDetails(
  deps: Pick<RideDeps, 'keyring'>,
  ride: StoredRide,
): RiderDetails | undefined {
  if (ride.sealedDetails === undefined || ride.wrappedKey === undefined || ride.keyId === undefined)
    return undefined;
  const key = openRecordKey(deps.keyring(), 'ride', ride.id, {
    wrappedKey: ride.wrappedKey,
    keyId: ride.keyId,
  });
  return openRiderDetails(key, ride.id, ride.sealedDetails);
}
