import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseAuthenticatorData, AuthenticatorDataError } from './authenticator-data.js';
import { softRegister } from './soft-authenticator.js';

const rpId = 'meetings.example.org';

describe('parseAuthenticatorData', () => {
  it('reads the flags, the counter and the attested credential', () => {
    const { credential, response } = softRegister({
      challenge: 'c',
      origin: `https://${rpId}`,
      rpId,
    });
    const attestation = Buffer.from(response.response.attestationObject, 'base64url');
    // authData is the last entry of the attestation map; find it by its known prefix.
    const rpHash = createHash('sha256').update(rpId).digest();
    const authData = attestation.subarray(attestation.indexOf(rpHash));
    const parsed = parseAuthenticatorData(authData);
    expect(Buffer.from(parsed.rpIdHash)).toEqual(rpHash);
    expect(parsed.userPresent).toBe(true);
    expect(parsed.userVerified).toBe(true);
    expect(parsed.signCount).toBe(0);
    expect(parsed.attested?.credentialId).toEqual(new Uint8Array(credential.id));
    expect(parsed.attested?.publicKey).toEqual(credential.cosePublicKey);
  });

  it('refuses short, cut and padded data', () => {
    expect(() => parseAuthenticatorData(new Uint8Array(36))).toThrow(AuthenticatorDataError);
    const head = new Uint8Array(37);
    head[32] = 0x40; // says attested data follows, but none does
    expect(() => parseAuthenticatorData(head)).toThrow('cut short');
    expect(() => parseAuthenticatorData(new Uint8Array(38))).toThrow('trailing');
  });

  it('reads a counter in big-endian order', () => {
    const data = new Uint8Array(37);
    data.set([0, 0, 1, 2], 33);
    expect(parseAuthenticatorData(data).signCount).toBe(258);
  });
});
