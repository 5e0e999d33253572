import fc from 'fast-check';
import KDBush from 'kdbush';
import { describe, expect, it } from 'vitest';
import { circleAround, walkCircle } from './circle-walk.js';
import { distanceKm, unitVector } from './sphere.js';

interface Point {
  latitude: number;
  longitude: number;
}

/** kdbush over the points with a small node size (a deep tree), and each position's unit vector. */
function indexOf(points: readonly Point[], nodeSize: number) {
  const kd = new KDBush(points.length, nodeSize, Float64Array);
  for (const p of points) kd.add(p.longitude, p.latitude);
  kd.finish();
  const unitAt = new Float64Array(3 * points.length);
  for (let pos = 0; pos < points.length; pos++) {
    const p = points[kd.ids[pos]!]!;
    unitVector(p.latitude, p.longitude, unitAt, 3 * pos);
  }
  return { kd, unitAt };
}

/** The points' indexes the walk visits, each once, with the dot products it gives. */
function walked(
  points: readonly Point[],
  centre: Point,
  radiusKm: number,
  nodeSize: number,
  skip?: (node: number) => boolean,
): number[] {
  const { kd, unitAt } = indexOf(points, nodeSize);
  const circle = circleAround(centre.latitude, centre.longitude, radiusKm);
  const seen: number[] = [];
  walkCircle(
    kd,
    unitAt,
    circle,
    (pos, dot) => {
      const v = unitAt.subarray(3 * pos, 3 * pos + 3);
      expect(dot).toBe(circle.x * v[0]! + circle.y * v[1]! + circle.z * v[2]!);
      seen.push(kd.ids[pos]!);
    },
    skip === undefined ? undefined : (node) => skip(node),
  );
  expect(new Set(seen).size).toBe(seen.length);
  return seen.sort((a, b) => a - b);
}

/** The brute-force answer: every point whose haversine distance is within the radius. */
function scanned(points: readonly Point[], centre: Point, radiusKm: number): number[] {
  const inside: number[] = [];
  points.forEach((p, i) => {
    if (distanceKm(centre.latitude, centre.longitude, p.latitude, p.longitude) <= radiusKm)
      inside.push(i);
  });
  return inside;
}

const anywhere = fc.record({
  latitude: fc.double({ min: -90, max: 90, noNaN: true }),
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
});
/** Points bunched around a few spots, some by the antimeridian or a pole, as real lists are. */
const bunched = fc
  .tuple(
    fc.constantFrom(
      { latitude: 42.6, longitude: -72.6 },
      { latitude: -17, longitude: 179.9 },
      { latitude: 89.5, longitude: 0 },
      { latitude: 0, longitude: 0 },
    ),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
  )
  .map(([spot, dLat, dLng]) => ({
    latitude: Math.max(-90, Math.min(90, spot.latitude + dLat)),
    longitude: ((spot.longitude + dLng + 540) % 360) - 180,
  }));
const pointsArb = fc.array(fc.oneof(anywhere, bunched), { minLength: 1, maxLength: 120 });

describe('the circle walk over kdbush', () => {
  it('visits exactly the points a brute-force haversine scan finds, each once', () => {
    fc.assert(
      fc.property(
        pointsArb,
        fc.oneof(anywhere, bunched),
        fc.double({ min: 0, max: 25_000, noNaN: true }),
        fc.integer({ min: 2, max: 16 }),
        (points, centre, radiusKm, nodeSize) => {
          expect(walked(points, centre, radiusKm, nodeSize)).toEqual(
            scanned(points, centre, radiusKm),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decides a point exactly on the radius as the haversine does', () => {
    fc.assert(
      fc.property(pointsArb, fc.oneof(anywhere, bunched), fc.nat(), (points, centre, pick) => {
        const on = points[pick % points.length]!;
        const radiusKm = distanceKm(centre.latitude, centre.longitude, on.latitude, on.longitude);
        const found = walked(points, centre, radiusKm, 4);
        expect(found).toEqual(scanned(points, centre, radiusKm));
        expect(found).toContain(pick % points.length);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out the points of every node the caller skips, and only those', () => {
    fc.assert(
      fc.property(
        pointsArb,
        fc.oneof(anywhere, bunched),
        fc.double({ min: 0, max: 25_000, noNaN: true }),
        fc.integer({ min: 1, max: 64 }),
        (points, centre, radiusKm, skipped) => {
          const nodeSize = 4;
          const { kd } = indexOf(points, nodeSize);
          const under = new Set(positionsOfNode(points.length, nodeSize, skipped));
          const expected = scanned(points, centre, radiusKm).filter((i) => {
            const pos = Array.prototype.indexOf.call(kd.ids, i);
            return !under.has(pos);
          });
          expect(walked(points, centre, radiusKm, nodeSize, (node) => node === skipped)).toEqual(
            expected,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds nothing in an empty circle and everything in one of half the globe', () => {
    const points = [
      { latitude: 0, longitude: 0 },
      { latitude: -89.9, longitude: 179.99 },
      { latitude: 60, longitude: -150 },
    ];
    expect(walked(points, { latitude: 10, longitude: 10 }, 0, 2)).toEqual([]);
    expect(walked(points, { latitude: 10, longitude: 10 }, 20_100, 2)).toEqual([0, 1, 2]);
  });
});

/** The kdbush positions under heap node `wanted` of a tree over `n` points (none if no such node). */
function positionsOfNode(n: number, nodeSize: number, wanted: number): number[] {
  const visit = (left: number, right: number, node: number): number[] | undefined => {
    if (left > right) return undefined;
    if (node === wanted) return Array.from({ length: right - left + 1 }, (_, i) => left + i);
    if (node > wanted || right - left <= nodeSize) return undefined;
    const m = (left + right) >> 1;
    return visit(left, m - 1, 2 * node) ?? visit(m + 1, right, 2 * node + 1);
  };
  return visit(0, n - 1, 1) ?? [];
}
