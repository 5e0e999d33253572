/**
 * Where the resource index's placed entries are: kdbush over their coordinates, with each
 * point's unit vector and entry in kdbush's own sorted order. A radius search walks kdbush's
 * arrays over the circle's bounding boxes and compares unit vectors by dot product (the meeting
 * search's technique): no priority queue, no object per point, and the haversine only for the
 * few points in a hair-thin band at the circle's edge, so a point on the radius is in or out
 * exactly as `distanceKm` says.
 */
import KDBush from 'kdbush';
import { unitVector } from '../../search/geo-columns.js';
import { boxesAround, distanceKm, EARTH_RADIUS_KM } from '../../search/geo.js';

/** Half-width of the band of cosines around the radius where the exact haversine decides. */
const EDGE_BAND = 1e-12;

export class ResourcePlaces {
  private readonly kd: KDBush | undefined;
  /** Per kdbush position: the entry there and its unit vector. */
  private readonly entryAt: Int32Array;
  private readonly unitAt: Float64Array;
  private readonly lat: Float64Array;
  private readonly lng: Float64Array;
  private readonly stack = new Int32Array(256);
  private readonly query = new Float64Array(3);

  /** `entries[i]` is at (`lat[i]`, `lng[i]`). */
  constructor(entries: Int32Array, lat: Float64Array, lng: Float64Array) {
    const n = entries.length;
    this.lat = lat;
    this.lng = lng;
    this.entryAt = new Int32Array(n);
    this.unitAt = new Float64Array(3 * n);
    if (n === 0) return;
    const kd = new KDBush(n);
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
    unitVector(latitude, longitude, this.query, 0);
    const qx = this.query[0]!;
    const qy = this.query[1]!;
    const qz = this.query[2]!;
    const angle = radiusKm / EARTH_RADIUS_KM;
    const cosRadius = angle >= Math.PI ? -2 : Math.cos(angle);
    const inner = cosRadius + EDGE_BAND;
    const outer = cosRadius - EDGE_BAND;
    const { ids, coords, nodeSize } = kd;
    const unit = this.unitAt;
    const stack = this.stack;
    let n = 0;
    for (const [minX, minY, maxX, maxY] of boxesAround(latitude, longitude, radiusKm)) {
      stack[0] = 0;
      stack[1] = ids.length - 1;
      stack[2] = 0;
      let sp = 3;
      while (sp > 0) {
        const axis = stack[--sp]!;
        const right = stack[--sp]!;
        const left = stack[--sp]!;
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
          }
          if (axis === 0 ? maxX >= x : maxY >= y) {
            stack[sp++] = m + 1;
            stack[sp++] = right;
            stack[sp++] = 1 - axis;
          }
        }
        for (let pos = from; pos <= to; pos++) {
          const x = coords[2 * pos]!;
          const y = coords[2 * pos + 1]!;
          if (x < minX || x > maxX || y < minY || y > maxY) continue;
          const dot = qx * unit[3 * pos]! + qy * unit[3 * pos + 1]! + qz * unit[3 * pos + 2]!;
          if (dot < outer) continue;
          if (dot < inner) {
            const i = ids[pos]!;
            if (!(distanceKm(latitude, longitude, this.lat[i]!, this.lng[i]!) <= radiusKm))
              continue;
          }
          entries[n] = this.entryAt[pos]!;
          closeness[n] = dot;
          n++;
        }
      }
    }
    return n;
  }
}
