import { describe, expect, it } from 'vitest';
import { attendanceModes } from '../meetings/model.js';
import type { AttendanceFilter } from './query.js';
import {
  attendanceBits,
  attendanceMask,
  facetTags,
  primarySubtag,
  TAG_WHEELCHAIR,
} from './row-codes.js';

const filters: AttendanceFilter[] = ['in_person', 'online', 'hybrid', 'phone'];

describe('attendance as bits', () => {
  it('lets a meeting through a filter value exactly when it can be attended that way', () => {
    // in_person: in person or hybrid; online: online or hybrid; hybrid: hybrid; phone: a dial-in.
    const expected: Record<string, AttendanceFilter[]> = {
      in_person: ['in_person'],
      online: ['online'],
      hybrid: ['in_person', 'online', 'hybrid'],
    };
    for (const mode of attendanceModes) {
      for (const phone of [false, true]) {
        const bits = attendanceBits(mode, phone);
        const passes = filters.filter((f) => (bits & attendanceMask([f])) !== 0);
        expect(passes).toEqual([...expected[mode]!, ...(phone ? ['phone'] : [])]);
      }
    }
  });

  it('passes a filter of several values when any of them fits', () => {
    const mask = attendanceMask(['hybrid', 'phone']);
    expect(attendanceBits('in_person', true) & mask).not.toBe(0);
    expect(attendanceBits('in_person', false) & mask).toBe(0);
    expect(attendanceMask([])).toBe(0);
  });
});

describe('codes', () => {
  it('reads languages by their primary subtag', () => {
    expect(primarySubtag('es-MX')).toBe('es');
    expect(primarySubtag('ZH_Hant')).toBe('zh');
    expect(primarySubtag('ase')).toBe('ase');
  });

  it('keeps every counted tag in a 16-bit column', () => {
    expect(facetTags.length).toBeLessThanOrEqual(16);
    expect(TAG_WHEELCHAIR).toBe(1 << facetTags.indexOf('wheelchair'));
  });
});
