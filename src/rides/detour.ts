/**
 * The driver's detour, the number matching orders offers by (decision 0116). A rider's own trip
 * is pickup -> meeting; a volunteer drives home -> pickup -> meeting -> home. The detour is what
 * the volunteer drives beyond the rider's own trip:
 *
 *   detour = d(home, pickup) + d(pickup, meeting) + d(meeting, home) - d(pickup, meeting)
 *          = d(home, pickup) + d(meeting, home)
 *
 * with d the great-circle distance in km between the driver's home area centre (rounded to
 * about 1 km), the pickup rounded to about 1 km, and the meeting's place. A return trip doubles
 * it for every driver alike, so it does not change the order.
 */
import { distanceKm } from '../platform/geo/sphere.js';
import type { Point } from './model.js';

/** Great-circle km between two points. */
export function kmBetween(a: Point, b: Point): number {
  return distanceKm(a.latitude, a.longitude, b.latitude, b.longitude);
}

/** The detour in km for a driver at `home` taking a rider from `pickup` to `meeting`. */
export function detourKm(home: Point, pickup: Point, meeting: Point): number {
  return kmBetween(home, pickup) + kmBetween(meeting, home);
}

/** The driver's whole route in km: home, pickup, meeting, home, twice with a return trip. */
export function tripKm(home: Point, pickup: Point, meeting: Point, returnTrip: boolean): number {
  const once = kmBetween(home, pickup) + kmBetween(pickup, meeting) + kmBetween(meeting, home);
  return returnTrip ? 2 * once : once;
}

/**
 * A point rounded to a grid of 0.01 degree (about 1.1 km north to south, 0.8 km east to west in
 * the northern United States): what is kept of a pickup until a driver accepts, and of a
 * driver's home.
 */
export function roundToKm(point: Point): Point {
  return {
    latitude: Math.round(point.latitude * 100) / 100,
    longitude: Math.round(point.longitude * 100) / 100,
  };
}
