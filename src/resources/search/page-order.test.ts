import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestFirst } from './page-order.js';

describe('nearestFirst', () => {
  it('gives the first `wanted` of a full sort by closeness, ties by entry', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ closeness: fc.integer({ min: 0, max: 5 }), entry: fc.nat(20) }), {
          maxLength: 40,
        }),
        fc.nat(45),
        (rows, wanted) => {
          const closeness = Float64Array.from(rows, (r) => r.closeness);
          const entry = Int32Array.from(rows, (r) => r.entry);
          const services = Int32Array.from(rows, (_, i) => i);
          const expected = [...services]
            .sort((a, b) => closeness[b]! - closeness[a]! || entry[a]! - entry[b]! || a - b)
            .slice(0, wanted)
            .map((s) => [closeness[s], entry[s]]);
          const page = nearestFirst(services, rows.length, wanted, closeness, entry);
          expect([...page].map((s) => [closeness[s], entry[s]])).toEqual(expected);
        },
      ),
    );
  });
});
