import { describe, expect, it } from 'vitest';
import { findNeed, isNeedCode, needWithin, needs } from './needs.js';

describe('the Open Eligibility needs', () => {
  it('gives every term a unique code under its parent', () => {
    const codes = needs.map((n) => n.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const need of needs) {
      if (need.parent !== undefined) expect(need.code.startsWith(`${need.parent}.`)).toBe(true);
    }
    expect(isNeedCode('health.addiction-recovery.medications-for-addiction')).toBe(true);
    expect(isNeedCode('housing.residential-housing.recovery-residence')).toBe(true);
  });

  it('finds a term by code or by name in any case, and nothing for an unknown term', () => {
    expect(findNeed('Detox')?.code).toBe('health.addiction-recovery.detox');
    expect(findNeed(' sober living ')?.code).toBe('health.addiction-recovery.sober-living');
    expect(findNeed('food.food-pantry')?.name).toBe('Food Pantry');
    expect(findNeed('BD-1800.2000')).toBeUndefined();
  });

  it('counts a narrower need as within a broader one, never a sibling', () => {
    expect(needWithin('health.addiction-recovery.detox', 'health')).toBe(true);
    expect(needWithin('health.addiction-recovery.detox', 'health.addiction-recovery')).toBe(true);
    expect(needWithin('health.addiction-recovery', 'health.addiction-recovery.detox')).toBe(false);
    expect(needWithin('healthcare', 'health')).toBe(false);
  });
});
