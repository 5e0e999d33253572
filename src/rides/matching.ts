/**
 * Which drivers are offered a ride, in which order (decision 0116): approved drivers whose home
 * area covers the pickup, on call at the meeting's start (and at its end when the rider asked for
 * a way home), with a seat for every passenger and a wheelchair place when needed, nearest detour
 * first. Pure: the service hands it the program's drivers.
 */
import { detourKm, kmBetween } from './detour.js';
import type { Driver, Point } from './model.js';
import { onCallAt } from './weekly-hours.js';

/** What matching reads of a ride request. */
export interface RideNeed {
  /** The pickup rounded to about 1 km. */
  pickup: Point;
  meeting: Point;
  /** The occurrence, epoch ms. */
  start: number;
  end: number;
  returnTrip: boolean;
  wheelchair: boolean;
  passengers: number;
}

/** A driver to offer the ride to, with the detour that ranked them. */
export interface Match {
  driverId: string;
  detourKm: number;
}

/** True when this driver could take the ride. */
export function driverFits(driver: Driver, need: RideNeed, timeZone: string): boolean {
  return (
    driver.status === 'approved' &&
    kmBetween(driver.home, need.pickup) <= driver.home.radiusKm &&
    driver.seats >= need.passengers &&
    (!need.wheelchair || driver.wheelchair) &&
    onCallAt(driver.onCall, need.start, timeZone) &&
    (!need.returnTrip || onCallAt(driver.onCall, need.end, timeZone))
  );
}

/** The drivers who fit, smallest detour first (ties by id, so the order is stable). */
export function matchDrivers(
  drivers: readonly Driver[],
  need: RideNeed,
  timeZone: string,
): Match[] {
  return drivers
    .filter((driver) => driverFits(driver, need, timeZone))
    .map((driver) => ({
      driverId: driver.id,
      detourKm: detourKm(driver.home, need.pickup, need.meeting),
    }))
    .sort(
      (a, b) =>
        a.detourKm - b.detourKm || (a.driverId < b.driverId ? -1 : a.driverId > b.driverId ? 1 : 0),
    );
}
