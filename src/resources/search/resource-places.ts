/**
 * Where the resource index's placed entries are: kdbush over their coordinates, with each
 * point's unit vector and entry in kdbush's own sorted order. A radius search is the circle walk
 * the meeting search uses (`platform/geo/circle-walk.ts`): no priority queue, no object per
 * point, and the haversine only for the few points in a hair-thin band at the circle's edge, so
 * a point on the radius is in or out exactly as `distanceKm` says.
 */
import KDBush from 'kdbush';
import { circleAround, walkCircle } from '../../platform/geo/circle-walk.js';
import { unitVector } from '../../platform/geo/sphere.js';

export class ResourcePlaces {
  private readonly kd: KDBush | undefined;
  /** Per kdbush position: the entry there and its unit vector. */
  private readonly entryAt: Int32Array;
  private readonly unitAt: Float64Array;

  /** `entries[i]` is at (`lat[i]`, `lng[i]`). */
  constructor(entries: Int32Array, lat: Float64Array, lng: Float64Array) {
    const n = entries.length;
    this.entryAt = new Int32Array(n);
    this.unitAt = new Float64Array(3 * n);
    if (n === 0) return;
    // Float64 coordinates: the walk decides a point on the radius from them exactly.
    const kd = new KDBush(n, 64, Float64Array);
    for (let i = 0; i < n; i++) kd.add(lng[i]!, lat[i]!);
    kd.finish();
    for (let pos = 0; pos < n; pos++) {
      const i = kd.ids[pos]!;
      this.entryAt[pos] = entries[i]!;
      unitVector(lat[i]!, lng[i]!, this.unitAt, 3 * pos);
    }
    this.kd = kd;
  }

  /** How many placed entries there are (the size `within`'s output arrays need). */
  get size(): number {
    return this.entryAt.length;
  }

  /**
   * Writes every entry within `radiusKm` of the point into `entries`, and the cosine of its
   * angle from the point (larger is nearer) into `closeness` at the same index; returns how many.
   */
  within(
    latitude: number,
    longitude: number,
    radiusKm: number,
    entries: Int32Array,
    closeness: Float64Array,
  ): number {
    const kd = this.kd;
    if (kd === undefined) return 0;
    const entryAt = this.entryAt;
    let n = 0;
    walkCircle(kd, this.unitAt, circleAround(latitude, longitude, radiusKm), (pos, dot) => {
      entries[n] = entryAt[pos]!;
      closeness[n] = dot;
      n++;
    });
    return n;
  }
}
