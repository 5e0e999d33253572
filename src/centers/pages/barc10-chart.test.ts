import { describe, expect, it } from 'vitest';
import { chartPositions } from './barc10-chart.js';

describe('the BARC-10 chart’s points', () => {
  it('places totals on the 10-60 scale and dates by time', () => {
    const at = chartPositions([
      { takenAt: '2026-01-01T12:00:00Z', total: 10 },
      { takenAt: '2026-01-31T12:00:00Z', total: 60 },
      { takenAt: '2026-01-11T12:00:00Z', total: 35 },
    ]);
    expect(at[0]).toEqual({ x: 44, y: 204 });
    expect(at[1]).toEqual({ x: 580, y: 16 });
    // A third of the way in time, halfway up the scale.
    expect(at[2]).toEqual({ x: 222.7, y: 110 });
  });

  it('centres a single point and spreads points taken at one instant', () => {
    expect(chartPositions([{ takenAt: '2026-01-01T12:00:00Z', total: 30 }])[0]!.x).toBe(312);
    const same = chartPositions([
      { takenAt: '2026-01-01T12:00:00Z', total: 30 },
      { takenAt: '2026-01-01T12:00:00Z', total: 40 },
    ]);
    expect(same.map((p) => p.x)).toEqual([44, 580]);
  });
});
