import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioSignature } from './twilio-signature.js';

describe('the Twilio request signature', () => {
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params: [string, string][] = [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+12349013030'],
    ['Digits', '1234'],
    ['From', '+12349013030'],
    ['To', '+18005551212'],
  ];

  it('matches the published example', () => {
    expect(twilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    // The order the form arrived in does not matter.
    expect(twilioSignature('12345', url, [...params].reverse())).toBe(
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    );
  });

  it('accepts the genuine signature, with or without the default port, and refuses any change', () => {
    const signature = twilioSignature('12345', url, params);
    expect(verifyTwilioSignature('12345', signature, url, params)).toBe(true);
    expect(
      verifyTwilioSignature(
        '12345',
        signature,
        'https://mycompany.com:443/myapp.php?foo=1&bar=2',
        params,
      ),
    ).toBe(true);
    expect(verifyTwilioSignature('wrong', signature, url, params)).toBe(false);
    expect(verifyTwilioSignature('12345', undefined, url, params)).toBe(false);
    expect(verifyTwilioSignature('12345', signature, `${url}&x=1`, params)).toBe(false);
    expect(verifyTwilioSignature('12345', signature, url, [...params, ['Body', 'STOP']])).toBe(
      false,
    );
  });

  it('refuses a signature for any other body', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.string()), { maxLength: 6 }),
        fc.string({ minLength: 1 }),
        (form, extra) => {
          const signature = twilioSignature('token', url, form);
          expect(verifyTwilioSignature('token', signature, url, form)).toBe(true);
          expect(verifyTwilioSignature('token', signature, url, [...form, ['Body', extra]])).toBe(
            false,
          );
        },
      ),
    );
  });
});
