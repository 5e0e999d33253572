import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locationErrorKey, roundedNear } from './location.js';

describe('roundedNear', () => {
  it('rounds to about a kilometre', () => {
    expect(roundedNear(42.587654, -72.599876)).toBe('42.59,-72.60');
    expect(roundedNear(-0.001, 0.004)).toBe('0.00,0.00');
  });

  it('stays within a kilometre of the true position and within range', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        (lat, lng) => {
          const [rLat, rLng] = roundedNear(lat, lng).split(',').map(Number) as [number, number];
          expect(roundedNear(lat, lng)).toMatch(/^-?\d{1,2}\.\d{2},-?\d{1,3}\.\d{2}$/);
          expect(Math.abs(rLat - lat)).toBeLessThanOrEqual(0.005 + 1e-9);
          expect(Math.abs(rLng - lng)).toBeLessThanOrEqual(0.005 + 1e-9);
          expect(Math.abs(rLat)).toBeLessThanOrEqual(90);
          expect(Math.abs(rLng)).toBeLessThanOrEqual(180);
        },
      ),
    );
  });

  it('tells a refusal from a missing fix', () => {
    expect(locationErrorKey(1)).toBe('denied');
    expect(locationErrorKey(2)).toBe('unavailable');
    expect(locationErrorKey(3)).toBe('unavailable');
  });
});
