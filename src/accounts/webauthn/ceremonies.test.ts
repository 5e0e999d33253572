import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import {
  verifyAuthentication,
  verifyRegistration,
  WebAuthnError,
  type CeremonyExpectations,
  type StoredCredential,
} from './ceremonies.js';
import { COSE_ALG, type CoseAlgorithm } from './algorithms.js';
import { softAuthenticate, softRegister } from './soft-authenticator.js';

const expected: CeremonyExpectations = {
  challenge: 'q1w2e3r4t5y6u7i8o9p0q1w2e3r4t5y6u7i8o9p0a1s',
  origin: 'https://meetings.example.org',
  rpId: 'meetings.example.org',
  requireUserVerification: true,
};
const genuine = { challenge: expected.challenge, origin: expected.origin, rpId: expected.rpId };

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof WebAuthnError) return error.reason;
    throw error;
  }
  return 'accepted';
}

async function registered(algorithm: CoseAlgorithm = COSE_ALG.ES256) {
  const { credential, response } = softRegister({ ...genuine, algorithm });
  const verified = await verifyRegistration(response, expected);
  const stored: StoredCredential = {
    credentialId: verified.credentialId,
    publicKey: verified.publicKey,
    signCount: verified.signCount,
  };
  return { credential, stored };
}

describe('verifyRegistration', () => {
  it.each([COSE_ALG.ES256, COSE_ALG.EdDSA, COSE_ALG.RS256])(
    'accepts a genuine registration with algorithm %i',
    async (algorithm) => {
      const { credential, response } = softRegister({ ...genuine, algorithm });
      const verified = await verifyRegistration(response, expected);
      expect(verified.credentialId).toBe(Buffer.from(credential.id).toString('base64url'));
      expect(verified.algorithm).toBe(algorithm);
      expect(verified.publicKey).toEqual(credential.cosePublicKey);
      expect(verified.transports).toEqual(['internal']);
    },
  );

  it.each([
    ['challenge', { challenge: 'another-challenge' }],
    ['origin', { origin: 'https://meetings.example.org.evil.test' }],
    ['origin', { origin: 'http://meetings.example.org' }],
    ['rp_id', { rpId: 'evil.test' }],
    ['user_presence', { userPresent: false }],
    ['user_verification', { userVerified: false }],
  ])('refuses a tampered registration (%s)', async (reason, change) => {
    const { response } = softRegister({ ...genuine, ...change });
    expect(await failure(() => verifyRegistration(response, expected))).toBe(reason);
  });

  it('allows an unverified user when verification is not required', async () => {
    const { response } = softRegister({ ...genuine, userVerified: false });
    expect(
      await failure(() =>
        verifyRegistration(response, { ...expected, requireUserVerification: false }),
      ),
    ).toBe('accepted');
  });

  it('refuses an assertion presented as a registration, and other types', async () => {
    const { response } = softRegister(genuine);
    const data = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString());
    response.response.clientDataJSON = Buffer.from(
      JSON.stringify({ ...data, type: 'webauthn.get' }),
    ).toString('base64url');
    expect(await failure(() => verifyRegistration(response, expected))).toBe('type');
    expect(
      await failure(() => verifyRegistration({ ...response, type: 'password' }, expected)),
    ).toBe('type');
  });

  it("refuses a ceremony that ran inside another site's frame", async () => {
    const { response } = softRegister(genuine);
    const data = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString());
    response.response.clientDataJSON = Buffer.from(
      JSON.stringify({ ...data, crossOrigin: true }),
    ).toString('base64url');
    expect(await failure(() => verifyRegistration(response, expected))).toBe('origin');
  });

  it('refuses a credential id longer than WebAuthn allows', async () => {
    const { response } = softRegister(genuine);
    const long = Buffer.alloc(1024, 7).toString('base64url');
    expect(
      await failure(() => verifyRegistration({ ...response, id: long, rawId: long }, expected)),
    ).toBe('malformed');
  });

  it('refuses a credential id that differs from the authenticator data', async () => {
    const { response } = softRegister(genuine);
    const other = Buffer.alloc(16, 9).toString('base64url');
    expect(
      await failure(() => verifyRegistration({ ...response, id: other, rawId: other }, expected)),
    ).toBe('credential');
  });

  it('refuses garbage without throwing anything else', async () => {
    const { response } = softRegister(genuine);
    const broken = (attestationObject: string) => ({
      ...response,
      response: { ...response.response, attestationObject },
    });
    expect(await failure(() => verifyRegistration(broken('!!'), expected))).toBe('malformed');
    expect(await failure(() => verifyRegistration(broken('AAEC'), expected))).toBe('malformed');
    const noAuthData = Buffer.from(isoCBOR.encode(new Map([['fmt', 'none']]))).toString(
      'base64url',
    );
    expect(await failure(() => verifyRegistration(broken(noAuthData), expected))).toBe('malformed');
    const notJson = {
      ...response,
      response: { ...response.response, clientDataJSON: Buffer.from('{').toString('base64url') },
    };
    expect(await failure(() => verifyRegistration(notJson, expected))).toBe('malformed');
  });
});

describe('verifyAuthentication', () => {
  it.each([COSE_ALG.ES256, COSE_ALG.EdDSA, COSE_ALG.RS256])(
    'accepts a genuine assertion with algorithm %i and returns the new counter',
    async (algorithm) => {
      const { credential, stored } = await registered(algorithm);
      const assertion = softAuthenticate(credential, genuine);
      const verified = await verifyAuthentication(assertion, expected, stored);
      expect(verified.signCount).toBe(1);
      expect(verified.userVerified).toBe(true);
    },
  );

  it.each([
    ['challenge', { challenge: 'replayed-old-challenge' }],
    ['origin', { origin: 'https://evil.test' }],
    ['rp_id', { rpId: 'evil.test' }],
    ['user_presence', { userPresent: false }],
    ['user_verification', { userVerified: false }],
  ])('refuses a tampered assertion (%s)', async (reason, change) => {
    const { credential, stored } = await registered();
    const assertion = softAuthenticate(credential, { ...genuine, ...change });
    expect(await failure(() => verifyAuthentication(assertion, expected, stored))).toBe(reason);
  });

  it('refuses a bad signature: altered data, another key, or a flipped bit', async () => {
    const { credential, stored } = await registered();
    const assertion = softAuthenticate(credential, genuine);
    const authData = Buffer.from(assertion.response.authenticatorData, 'base64url');
    authData[36] = (authData[36] ?? 0) ^ 0x40; // a higher counter the key never signed
    const altered = {
      ...assertion,
      response: { ...assertion.response, authenticatorData: authData.toString('base64url') },
    };
    expect(await failure(() => verifyAuthentication(altered, expected, stored))).toBe('signature');

    const { credential: other } = await registered();
    const byOther = softAuthenticate(other, genuine);
    const forged = { ...byOther, id: stored.credentialId, rawId: stored.credentialId };
    expect(await failure(() => verifyAuthentication(forged, expected, stored))).toBe('signature');

    const signature = Buffer.from(assertion.response.signature, 'base64url');
    signature[signature.length - 1] = (signature[signature.length - 1] ?? 0) ^ 1;
    const flipped = {
      ...assertion,
      response: { ...assertion.response, signature: signature.toString('base64url') },
    };
    expect(await failure(() => verifyAuthentication(flipped, expected, stored))).toBe('signature');
  });

  it('refuses a replayed counter, and accepts authenticators that never count', async () => {
    const { credential, stored } = await registered();
    const first = softAuthenticate(credential, genuine);
    const { signCount } = await verifyAuthentication(first, expected, stored);
    const later = { ...stored, signCount };
    // The same assertion again, or a clone that did not advance: the counter does not grow.
    expect(await failure(() => verifyAuthentication(first, expected, later))).toBe('counter');
    const clone = softAuthenticate(credential, { ...genuine, keepCount: true });
    expect(await failure(() => verifyAuthentication(clone, expected, later))).toBe('counter');

    const { credential: counterless, stored: zero } = await registered();
    const a = softAuthenticate(counterless, { ...genuine, keepCount: true });
    expect((await verifyAuthentication(a, expected, zero)).signCount).toBe(0);
  });

  it('refuses an assertion for another stored credential', async () => {
    const { credential } = await registered();
    const { stored: other } = await registered();
    expect(
      await failure(() =>
        verifyAuthentication(softAuthenticate(credential, genuine), expected, other),
      ),
    ).toBe('credential');
  });

  it('checks the signature over authenticatorData and the hash of clientDataJSON', async () => {
    const { credential, stored } = await registered();
    const assertion = softAuthenticate(credential, genuine);
    // A client data with the right challenge but re-serialised differently breaks the hash.
    const data = JSON.parse(Buffer.from(assertion.response.clientDataJSON, 'base64url').toString());
    const respaced = Buffer.from(JSON.stringify(data, null, 1)).toString('base64url');
    expect(createHash('sha256').update(respaced).digest('hex')).not.toBe(
      createHash('sha256').update(assertion.response.clientDataJSON).digest('hex'),
    );
    const changed = {
      ...assertion,
      response: { ...assertion.response, clientDataJSON: respaced },
    };
    expect(await failure(() => verifyAuthentication(changed, expected, stored))).toBe('signature');
  });
});
