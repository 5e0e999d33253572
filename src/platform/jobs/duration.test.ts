import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('durations', () => {
  it('reads units, combinations and bare numbers', () => {
    expect(parseDuration('4h')).toBe(14_400);
    expect(parseDuration('30m')).toBe(1800);
    expect(parseDuration('1d12h')).toBe(129_600);
    expect(parseDuration(' 2W ')).toBe(1_209_600);
    expect(parseDuration('365', 'd')).toBe(365 * 86_400);
    expect(parseDuration('90')).toBe(90);
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['', 'h', '4 hours', '-4h', '1.5h', '4x', 'h4'])
      expect(parseDuration(bad)).toBeUndefined();
  });

  it('writes back what it reads', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (seconds) => {
        expect(parseDuration(formatDuration(seconds))).toBe(seconds);
      }),
    );
    expect(formatDuration(14_400)).toBe('4h');
    expect(formatDuration(365 * 86_400)).toBe('365d');
    expect(formatDuration(1_209_600)).toBe('2w');
  });
});
