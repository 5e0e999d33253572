import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellCentre, cellOf, isoWeekOf, isoWeekOfDate } from './cells.js';

describe('demand cells and weeks', () => {
  it('puts a point in its 0.1 degree cell and gives the rounded middle back', () => {
    const colrain = { latitude: 42.6731, longitude: -72.6887 };
    expect(cellOf(colrain)).toBe('426,-727');
    expect(cellCentre('426,-727')).toEqual({ latitude: 42.65, longitude: -72.65 });
    expect(cellOf({ latitude: -33.87, longitude: 151.21 })).toBe('-339,1512');
  });

  it('names ISO weeks by their Thursday, across a year end', () => {
    expect(isoWeekOfDate('2026-12-07')).toBe('2026-W50');
    expect(isoWeekOfDate('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOfDate('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf(new Date('2026-12-07T23:59:00Z'))).toBe('2026-W50');
  });

  it('keeps every point within its cell, whose centre falls in the same cell', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89.99, max: 89.99, noNaN: true }),
        fc.double({ min: -179.99, max: 179.99, noNaN: true }),
        (latitude, longitude) => {
          const cell = cellOf({ latitude, longitude });
          const centre = cellCentre(cell);
          expect(cellOf(centre)).toBe(cell);
          expect(Math.abs(centre.latitude - latitude)).toBeLessThanOrEqual(0.05 + 1e-9);
          expect(Math.abs(centre.longitude - longitude)).toBeLessThanOrEqual(0.05 + 1e-9);
        },
      ),
    );
  });
});
