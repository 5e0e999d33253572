import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeCbor, type CborValue } from './cbor.js';
import { COSE_ALG, CoseKeyError, parseCoseKey } from './cose-key.js';
import { softRegister } from './soft-authenticator.js';

const ceremony = { challenge: 'c', origin: 'https://x.example', rpId: 'x.example' };

describe('parseCoseKey', () => {
  it.each([COSE_ALG.ES256, COSE_ALG.EdDSA, COSE_ALG.RS256])(
    'turns a COSE key of algorithm %i into a key that verifies its signatures',
    (algorithm) => {
      const { credential } = softRegister({ ...ceremony, algorithm });
      const parsed = parseCoseKey(credential.cosePublicKey);
      expect(parsed.algorithm).toBe(algorithm);
      const data = Buffer.from('signed data');
      const digest = algorithm === COSE_ALG.EdDSA ? null : 'sha256';
      const signature = sign(digest, data, credential.privateKey);
      expect(verify(digest, data, parsed.key, signature)).toBe(true);
      expect(verify(digest, Buffer.from('other data'), parsed.key, signature)).toBe(false);
    },
  );

  it('matches the key Node exported', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = encodeCbor(
      new Map<number, CborValue>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const { key } = parseCoseKey(cose);
    expect(key.export({ format: 'jwk' })).toEqual(jwk);
    expect(
      verify('sha256', Buffer.from('x'), key, sign('sha256', Buffer.from('x'), privateKey)),
    ).toBe(true);
  });

  const es256 = (overrides: [number, CborValue][]) =>
    encodeCbor(
      new Map<number, CborValue>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, new Uint8Array(32).fill(1)],
        [-3, new Uint8Array(32).fill(2)],
        ...overrides,
      ]),
    );

  it.each<[string, Uint8Array, string]>([
    ['not CBOR', new Uint8Array([0xff]), 'not CBOR'],
    ['not a map', encodeCbor([1, 2]), 'map'],
    ['an unknown algorithm', es256([[3, -35]]), 'not supported'],
    ['ES256 on another curve', es256([[-1, 2]]), 'P-256'],
    ['a short coordinate', es256([[-2, new Uint8Array(31)]]), '32 bytes'],
    ['a point off the curve', es256([]), 'not valid'],
    [
      'a short RSA key',
      encodeCbor(
        new Map<number, CborValue>([
          [1, 3],
          [3, -257],
          [-1, new Uint8Array(128).fill(7)],
          [-2, new Uint8Array([1, 0, 1])],
        ]),
      ),
      '2048',
    ],
  ])('refuses %s', (_name, bytes, message) => {
    expect(() => parseCoseKey(bytes)).toThrow(CoseKeyError);
    expect(() => parseCoseKey(bytes)).toThrow(message);
  });
});
