import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, maskPushEndpoint } from './mask.js';

describe('masking recipients', () => {
  it('keeps a first letter of each side of an address, the last four digits of a number, the host of a push service', () => {
    expect(maskEmail('Jo.Smith@Example.org')).toBe('j***@e***');
    expect(maskEmail('not an address')).toBe('***');
    expect(maskPhone('+1 (413) 555-0123')).toBe('***-***-0123');
    expect(maskPhone('911')).toBe('***');
    expect(maskPushEndpoint('https://fcm.googleapis.com/fcm/send/abc123:token')).toBe(
      'push:fcm.googleapis.com',
    );
  });

  it('never shows an address or a number whole, whatever it is', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        const masked = maskEmail(address);
        expect(masked).not.toContain(address);
        expect(masked).toMatch(/^.\*\*\*@.\*\*\*$|^\*\*\*$/u);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\+[1-9]\d{7,14}$/), (number) => {
        const masked = maskPhone(number);
        expect(masked).toBe(`***-***-${number.slice(-4)}`);
        expect(masked.replace(/\D/g, '')).toHaveLength(4);
      }),
    );
  });
});
