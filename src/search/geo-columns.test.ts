import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, distanceKm, unitVector } from '../platform/geo/sphere.js';
import { GeoColumns, spatialOrder } from './geo-columns.js';

const pointArb = fc.record({
  latitude: fc.double({ min: -89, max: 89, noNaN: true }),
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
});

describe('geo columns', () => {
  it('orders points by dot product of unit vectors as the haversine does', () => {
    fc.assert(
      fc.property(pointArb, pointArb, (a, b) => {
        const v = new Float64Array(6);
        unitVector(a.latitude, a.longitude, v, 0);
        unitVector(b.latitude, b.longitude, v, 3);
        expect(Math.hypot(v[0]!, v[1]!, v[2]!)).toBeCloseTo(1, 12);
        const dot = v[0]! * v[3]! + v[1]! * v[4]! + v[2]! * v[5]!;
        const d = distanceKm(a.latitude, a.longitude, b.latitude, b.longitude);
        expect(Math.cos(d / EARTH_RADIUS_KM)).toBeCloseTo(dot, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('indexes the placed rows, with each item, row and position agreeing', () => {
    const lat = Float64Array.from([42.6, NaN, 40.7, 51.5, 34.0]);
    const lng = Float64Array.from([-72.6, NaN, -74.0, -0.1, -118.2]);
    const placed = (row: number) => row !== 3 && !Number.isNaN(lat[row]!);
    const itemOfRow = new Int32Array(5).fill(7);
    const geo = new GeoColumns();
    geo.overflow.push(4);
    geo.build(5, placed, lat, lng, itemOfRow, new Int32Array(5));
    expect(geo.overflow).toEqual([]);
    expect(Array.from(itemOfRow).map((item) => item >= 0)).toEqual([
      true,
      false,
      true,
      false,
      true,
    ]);
    for (const row of [0, 2, 4]) {
      const item = itemOfRow[row]!;
      expect(geo.rowOfItem[item]).toBe(row);
      const pos = geo.positionOfItem[item]!;
      expect(geo.rowAt[pos]).toBe(row);
      expect(geo.kd!.ids[pos]).toBe(item);
      const v = new Float64Array(3);
      unitVector(lat[row]!, lng[row]!, v, 0);
      expect(Array.from(geo.unitAt.subarray(pos * 3, pos * 3 + 3))).toEqual(Array.from(v));
    }
    geo.build(5, () => false, lat, lng, itemOfRow, new Int32Array(5));
    expect(geo.kd).toBeUndefined();
    expect(Array.from(itemOfRow)).toEqual([-1, -1, -1, -1, -1]);
  });

  it('orders rows along a curve, place-bound ones first, as a permutation', () => {
    const lat = Float64Array.from([10, 10.001, NaN, -40, 10.0005, 60]);
    const lng = Float64Array.from([20, 20.001, NaN, 100, 20.0005, 5]);
    const placeBound = (row: number) => row !== 5;
    const order = spatialOrder(6, 8, placeBound, lat, lng);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Placed rows first, the near ones together; the rest (no place, no coordinates) follow in
    // their order, and positions past the rows keep theirs.
    expect([...order.subarray(0, 4)].sort()).toEqual([0, 1, 3, 4]);
    expect(Array.from(order.subarray(4))).toEqual([2, 5, 6, 7]);
    const positions = [0, 1, 4].map((row) => order.indexOf(row)).sort();
    expect(positions[2]! - positions[0]!).toBe(2);
  });
});
