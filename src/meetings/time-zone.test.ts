import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { canonicalTimeZone, isValidCoordinate, timeZoneAt } from './time-zone.js';

describe('canonicalTimeZone', () => {
  it('returns the canonical spelling of known zones', () => {
    expect(canonicalTimeZone('America/New_York')).toBe('America/New_York');
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
    expect(canonicalTimeZone('AMERICA/LOS_ANGELES')).toBe('America/Los_Angeles');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
  });

  it('is undefined for unknown zones, and stays so when asked again', () => {
    expect(canonicalTimeZone('Not/AZone')).toBeUndefined();
    expect(canonicalTimeZone('Not/AZone')).toBeUndefined();
    expect(canonicalTimeZone('')).toBeUndefined();
    expect(canonicalTimeZone('Eastern')).toBeUndefined();
  });
});

describe('timeZoneAt', () => {
  it.each([
    ['Greenfield, MA', 42.5876, -72.5995, 'America/New_York'],
    ['Costa Mesa, CA', 33.6846, -117.9087, 'America/Los_Angeles'],
    ['Edmonton, AB', 53.5461, -113.4938, 'America/Edmonton'],
    ['Sydney', -33.8688, 151.2093, 'Australia/Sydney'],
  ])('places %s in its zone', (_place, lat, lng, zone) => {
    expect(timeZoneAt(lat, lng)).toBe(zone);
  });

  it.each([
    [0, 0],
    [91, 0],
    [-91, 0],
    [0.5, 181],
    [0.5, -181],
    [NaN, 10],
    [10, NaN],
    [Infinity, 10],
  ])('is undefined for (%d, %d)', (lat, lng) => {
    expect(timeZoneAt(lat, lng)).toBeUndefined();
  });

  it('gives only zones the runtime knows, for any valid coordinate', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        (lat, lng) => {
          const zone = timeZoneAt(lat, lng);
          if (!isValidCoordinate(lat, lng)) {
            expect(zone).toBeUndefined();
          } else if (zone !== undefined) {
            expect(canonicalTimeZone(zone)).toBeDefined();
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('isValidCoordinate', () => {
  it('accepts coordinates in range and treats (0, 0) as missing', () => {
    expect(isValidCoordinate(42.5876, -72.5995)).toBe(true);
    expect(isValidCoordinate(90, 180)).toBe(true);
    expect(isValidCoordinate(-90, -180)).toBe(true);
    expect(isValidCoordinate(0, 10)).toBe(true);
    expect(isValidCoordinate(0, 0)).toBe(false);
    expect(isValidCoordinate(90.0001, 0)).toBe(false);
  });
});
