import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPorchlightError } from '../../platform/errors.js';
import { checkFormTime, signFormTime } from './form-timing.js';

const key = 'k'.repeat(43);
const codeOf = (work: () => void) => {
  try {
    work();
    return 'ok';
  } catch (error) {
    return isPorchlightError(error) ? error.code : 'bug';
  }
};

describe('signed form times', () => {
  it('accept a form filled at a human pace within a day, and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: -120_000, max: 3 * 24 * 3600_000 }), (ageMs) => {
        const served = new Date(1_800_000_000_000);
        const token = signFormTime(key, 'suggest:x', served);
        const code = codeOf(() =>
          checkFormTime(key, 'suggest:x', token, new Date(served.getTime() + ageMs)),
        );
        const expected =
          ageMs < -60_000 || ageMs > 24 * 3600_000
            ? 'PL_FORM_EXPIRED'
            : ageMs < 3_000
              ? 'PL_FORM_TOO_FAST'
              : 'ok';
        expect(code).toBe(expected);
      }),
    );
  });

  it('refuse an altered time, another purpose and another key', () => {
    const served = new Date(1_800_000_000_000);
    const later = new Date(served.getTime() + 60_000);
    const token = signFormTime(key, 'suggest:x', served);
    const [, nonce, signature] = token.split('.');
    expect(
      codeOf(() =>
        checkFormTime(
          key,
          'suggest:x',
          `${served.getTime() - 100_000}.${nonce}.${signature}`,
          later,
        ),
      ),
    ).toBe('PL_FORM_EXPIRED');
    expect(
      codeOf(() =>
        checkFormTime(
          key,
          'suggest:x',
          `${served.getTime()}.${'A'.repeat(16)}.${signature}`,
          later,
        ),
      ),
    ).toBe('PL_FORM_EXPIRED');
    expect(codeOf(() => checkFormTime(key, 'suggest:x', `${token}.x`, later))).toBe(
      'PL_FORM_EXPIRED',
    );
    expect(codeOf(() => checkFormTime(key, 'suggest:y', token, later))).toBe('PL_FORM_EXPIRED');
    expect(codeOf(() => checkFormTime('other', 'suggest:x', token, later))).toBe('PL_FORM_EXPIRED');
    expect(codeOf(() => checkFormTime(key, 'suggest:x', 'garbage', later))).toBe('PL_FORM_EXPIRED');
  });

  it('make every served form unique, so each can be spent once', () => {
    const served = new Date(1_800_000_000_000);
    const later = new Date(served.getTime() + 60_000);
    const a = signFormTime(key, 'suggest:x', served);
    const b = signFormTime(key, 'suggest:x', served);
    expect(a).not.toBe(b);
    const useA = checkFormTime(key, 'suggest:x', a, later);
    expect(checkFormTime(key, 'suggest:x', a, later)).toEqual(useA);
    expect(checkFormTime(key, 'suggest:x', b, later).tokenHash).not.toBe(useA.tokenHash);
    // Kept as used until it would have expired anyway, and stored only as a hash.
    expect(useA.expiresAt).toBe(new Date(served.getTime() + 24 * 3600_000).toISOString());
    expect(useA.tokenHash).not.toContain(a.split('.')[2]);
  });
});
