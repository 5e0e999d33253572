/**
 * Distances and directions on the Earth. One function measures every distance the meeting and
 * resource searches and their references report or compare, so a place exactly on the radius
 * is in or out for all of them.
 */
import { distance } from 'geokdbush';

/** Mean Earth radius in km, as geokdbush uses it. */
export const EARTH_RADIUS_KM = 6371;

/** Great-circle (haversine) distance in km from a query point to a place. */
export function distanceKm(
  fromLatitude: number,
  fromLongitude: number,
  toLatitude: number,
  toLongitude: number,
): number {
  return distance(fromLongitude, fromLatitude, toLongitude, toLatitude);
}

/** A longitude/latitude box: [minLng, minLat, maxLng, maxLat]. */
export type Box = readonly [number, number, number, number];

const DEG = 180 / Math.PI;
const RADIANS = Math.PI / 180;

/** Writes the unit vector of a point on the sphere into `out` at `at`. */
export function unitVector(
  latitude: number,
  longitude: number,
  out: Float64Array,
  at: number,
): void {
  const phi = latitude * RADIANS;
  const lambda = longitude * RADIANS;
  const c = Math.cos(phi);
  out[at] = c * Math.cos(lambda);
  out[at + 1] = c * Math.sin(lambda);
  out[at + 2] = Math.sin(phi);
}
/** Slack so that rounding can never leave a point on the circle's edge outside its boxes. */
const SLACK_DEG = 1e-9;

/**
 * Boxes that together cover every point within `radiusKm` of a point (one box, or two when
 * the circle crosses the antimeridian; the full longitude range near a pole).
 */
export function boxesAround(latitude: number, longitude: number, radiusKm: number): Box[] {
  const angular = radiusKm / EARTH_RADIUS_KM;
  const dLat = angular * DEG + SLACK_DEG;
  const minLat = Math.max(-90, latitude - dLat);
  const maxLat = Math.min(90, latitude + dLat);
  const cos = Math.cos(latitude / DEG);
  const ratio = Math.sin(Math.min(angular, Math.PI / 2)) / cos;
  if (angular >= Math.PI / 2 || maxLat >= 90 || minLat <= -90 || !(ratio < 1)) {
    return [[-180, minLat, 180, maxLat]];
  }
  const dLng = Math.asin(ratio) * DEG + SLACK_DEG;
  const west = longitude - dLng;
  const east = longitude + dLng;
  if (west < -180)
    return [
      [west + 360, minLat, 180, maxLat],
      [-180, minLat, east, maxLat],
    ];
  if (east > 180)
    return [
      [west, minLat, 180, maxLat],
      [-180, minLat, east - 360, maxLat],
    ];
  return [[west, minLat, east, maxLat]];
}
