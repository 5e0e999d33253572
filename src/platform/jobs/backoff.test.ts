import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base, with jitter, up to the cap', () => {
    const policy = { baseMs: 1000, capMs: 16_000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 0.999_999)).toBe(1000);
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
    expect(backoffDelay(30, policy, () => 0.5)).toBe(12_000);
  });

  it('never waits less after more failures below the cap, and never beyond the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (failures, r1, r2) => {
          const now = backoffDelay(failures, defaultBackoff, () => r1);
          const next = backoffDelay(failures + 1, defaultBackoff, () => r2);
          const uncapped = defaultBackoff.baseMs * 2 ** failures <= defaultBackoff.capMs;
          if (uncapped) expect(next).toBeGreaterThanOrEqual(now);
          const floor = Math.min(defaultBackoff.baseMs * 2 ** failures, defaultBackoff.capMs) / 2;
          expect(next).toBeGreaterThanOrEqual(floor);
          expect(next).toBeLessThanOrEqual(defaultBackoff.capMs);
        },
      ),
    );
  });
});
