/**
 * The points of a kdbush index within a radius of a point on the sphere, for the meeting and
 * the resource searches alike. The walk reads kdbush's sorted arrays over the circle's bounding
 * boxes (as kdbush's own `range` does, without building an array) and compares each point's
 * unit vector with the centre's by dot product: only points in a hair-thin band at the edge need
 * the haversine, which then decides exactly as `distanceKm` says, so a point on the radius is in
 * or out for the search and its reference alike.
 */
import type KDBush from 'kdbush';
import { boxesAround, distanceKm, EARTH_RADIUS_KM, unitVector, type Box } from './sphere.js';

/** Half-width of the band of cosines around the radius where the exact haversine decides. */
export const EDGE_BAND = 1e-12;

/** A circle on the sphere as the walk compares against it. */
export interface Circle {
  latitude: number;
  longitude: number;
  radiusKm: number;
  /** The centre's unit vector. */
  x: number;
  y: number;
  z: number;
  /** The radius as an angle at the Earth's centre, in radians. */
  angle: number;
  /**
   * A point whose unit vector's dot product with the centre's is at least `inner` is inside;
   * below `outer`, outside; in between, the haversine decides.
   */
  inner: number;
  outer: number;
}

/** The circle of `radiusKm` around a point. */
export function circleAround(latitude: number, longitude: number, radiusKm: number): Circle {
  const centre = new Float64Array(3);
  unitVector(latitude, longitude, centre, 0);
  const angle = radiusKm / EARTH_RADIUS_KM;
  // A radius of half the globe or more takes in every point.
  const cosRadius = angle >= Math.PI ? -2 : Math.cos(angle);
  return {
    latitude,
    longitude,
    radiusKm,
    x: centre[0]!,
    y: centre[1]!,
    z: centre[2]!,
    angle,
    inner: cosRadius + EDGE_BAND,
    outer: cosRadius - EDGE_BAND,
  };
}

/**
 * Calls `visit(pos, dot)` for every kdbush position whose point lies within the circle, with the
 * dot product of its unit vector and the centre's (larger is nearer). `unitAt` holds each
 * position's unit vector (three numbers a position, in kdbush's sorted order); kdbush's coords
 * must be a Float64Array (the points exactly as given), since the edge is decided on them.
 *
 * With `skip`, each node of kdbush's implicit tree (numbered as a heap: the root 1, the children
 * of n are 2n and 2n + 1) is offered before it is walked, with the box being walked; true leaves
 * its points out (the caller accounts for them another way).
 */
export function walkCircle(
  kd: KDBush,
  unitAt: Float64Array,
  circle: Circle,
  visit: (pos: number, dot: number) => void,
  skip?: (node: number, box: Box) => boolean,
): void {
  const { ids, coords, nodeSize } = kd;
  const { latitude, longitude, radiusKm, x: qx, y: qy, z: qz, inner, outer } = circle;
  // Four numbers a pending node; kdbush's tree is about log2(points / nodeSize) deep.
  const stack = new Int32Array(512);
  for (const box of boxesAround(latitude, longitude, radiusKm)) {
    const [minX, minY, maxX, maxY] = box;
    stack[0] = 0;
    stack[1] = ids.length - 1;
    stack[2] = 0;
    stack[3] = 1;
    let sp = 4;
    while (sp > 0) {
      const node = stack[--sp]!;
      const axis = stack[--sp]!;
      const right = stack[--sp]!;
      const left = stack[--sp]!;
      if (skip !== undefined && skip(node, box)) continue;
      let from: number;
      let to: number;
      if (right - left <= nodeSize) {
        from = left;
        to = right;
      } else {
        const m = (left + right) >> 1;
        from = m;
        to = m;
        const x = coords[2 * m]!;
        const y = coords[2 * m + 1]!;
        if (axis === 0 ? minX <= x : minY <= y) {
          stack[sp++] = left;
          stack[sp++] = m - 1;
          stack[sp++] = 1 - axis;
          stack[sp++] = 2 * node;
        }
        if (axis === 0 ? maxX >= x : maxY >= y) {
          stack[sp++] = m + 1;
          stack[sp++] = right;
          stack[sp++] = 1 - axis;
          stack[sp++] = 2 * node + 1;
        }
      }
      for (let pos = from; pos <= to; pos++) {
        const x = coords[2 * pos]!;
        const y = coords[2 * pos + 1]!;
        if (x < minX || x > maxX || y < minY || y > maxY) continue;
        const dot = qx * unitAt[3 * pos]! + qy * unitAt[3 * pos + 1]! + qz * unitAt[3 * pos + 2]!;
        if (dot < outer) continue;
        if (dot < inner && !(distanceKm(latitude, longitude, y, x) <= radiusKm)) continue;
        visit(pos, dot);
      }
    }
  }
}
