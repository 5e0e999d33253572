import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter.js';

describe('AttemptLimiter', () => {
  it('allows max attempts per key per window, then again after the window', () => {
    let now = 0;
    const limiter = new AttemptLimiter(2, 1000, { now: () => new Date(now) });
    expect([limiter.attempt('a'), limiter.attempt('a'), limiter.attempt('a')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(limiter.attempt('b')).toBe(true);
    now = 999;
    expect(limiter.attempt('a')).toBe(false);
    now = 1000;
    expect(limiter.attempt('a')).toBe(true);
  });
});
