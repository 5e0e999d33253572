import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KM_PER_MILE, kmToUnits, roundDistance } from './distance.js';

describe('the one rounding rule for distances', () => {
  it('keeps tenths under 10 and whole units from 10 on', () => {
    expect(roundDistance(3.24)).toBe(3.2);
    expect(roundDistance(0.04)).toBe(0);
    expect(roundDistance(9.94)).toBe(9.9);
    expect(roundDistance(9.96)).toBe(10);
    expect(roundDistance(18.1)).toBe(18);
    expect(roundDistance(24.5)).toBe(25);
  });

  it('says 25 miles for the default radius of 40 km', () => {
    expect(roundDistance(kmToUnits(40, 'mi'))).toBe(25);
    expect(roundDistance(kmToUnits(40, 'km'))).toBe(40);
    expect(kmToUnits(KM_PER_MILE, 'mi')).toBe(1);
  });

  it('never moves a distance by more than half of its last shown digit, and keeps order', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 20_000, noNaN: true }),
        fc.double({ min: 0, max: 20_000, noNaN: true }),
        (a, b) => {
          const step = roundDistance(a) < 10 ? 0.05 : 0.5;
          expect(Math.abs(roundDistance(a) - a)).toBeLessThanOrEqual(step + 1e-9);
          if (a <= b) expect(roundDistance(a)).toBeLessThanOrEqual(roundDistance(b));
        },
      ),
    );
  });
});
