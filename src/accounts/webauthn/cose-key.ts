/**
 * COSE public keys (RFC 9053) as authenticators send them, turned into Node KeyObjects through
 * JWK, so Node's own crypto checks the signatures. Three algorithms cover what authenticators
 * make: ES256 (nearly all), RS256 (Windows Hello) and EdDSA over Ed25519 (some security keys).
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { CborError, decodeCbor, type CborMap } from './cbor.js';

export const COSE_ALG = { ES256: -7, EdDSA: -8, RS256: -257 } as const;
export type CoseAlgorithm = (typeof COSE_ALG)[keyof typeof COSE_ALG];

/** The algorithms we offer at registration, most preferred first. */
export const supportedAlgorithms: readonly CoseAlgorithm[] = [
  COSE_ALG.ES256,
  COSE_ALG.EdDSA,
  COSE_ALG.RS256,
];

// COSE labels: common parameters are positive, key-type parameters negative.
const KTY = 1;
const ALG = 3;
const CRV = -1;
const X = -2;
const Y = -3;
const RSA_N = -1;
const RSA_E = -2;
const KTY_OKP = 1;
const KTY_EC2 = 2;
const KTY_RSA = 3;
const CRV_P256 = 1;
const CRV_ED25519 = 6;

/** A public key ready to verify, with the algorithm its owner declared. */
export interface CosePublicKey {
  algorithm: CoseAlgorithm;
  key: KeyObject;
}

/** A COSE key that is malformed or of an algorithm we do not accept. */
export class CoseKeyError extends Error {
  override name = 'CoseKeyError';
}

/** Reads COSE key bytes into a verifying key; throws CoseKeyError when it is unusable. */
export function parseCoseKey(bytes: Uint8Array): CosePublicKey {
  let decoded;
  try {
    decoded = decodeCbor(bytes);
  } catch (error) {
    if (error instanceof CborError) throw new CoseKeyError(`not CBOR: ${error.message}`);
    throw error;
  }
  if (!(decoded instanceof Map)) throw new CoseKeyError('a COSE key is a CBOR map');
  return coseMapToKey(decoded);
}

/** Turns a decoded COSE key map into a verifying key. */
export function coseMapToKey(map: CborMap): CosePublicKey {
  const kty = map.get(KTY);
  const alg = map.get(ALG);
  const jwk = toJwk(map, kty, alg);
  try {
    return { algorithm: alg as CoseAlgorithm, key: createPublicKey({ key: jwk, format: 'jwk' }) };
  } catch (error) {
    throw new CoseKeyError(`the key is not valid: ${(error as Error).message}`);
  }
}

function toJwk(map: CborMap, kty: unknown, alg: unknown): JsonWebKey {
  if (alg === COSE_ALG.ES256) {
    if (kty !== KTY_EC2 || map.get(CRV) !== CRV_P256)
      throw new CoseKeyError('ES256 needs an EC2 key on P-256');
    return { kty: 'EC', crv: 'P-256', x: coordinate(map, X, 32), y: coordinate(map, Y, 32) };
  }
  if (alg === COSE_ALG.EdDSA) {
    if (kty !== KTY_OKP || map.get(CRV) !== CRV_ED25519)
      throw new CoseKeyError('EdDSA needs an OKP key on Ed25519');
    return { kty: 'OKP', crv: 'Ed25519', x: coordinate(map, X, 32) };
  }
  if (alg === COSE_ALG.RS256) {
    if (kty !== KTY_RSA) throw new CoseKeyError('RS256 needs an RSA key');
    const n = map.get(RSA_N);
    const e = map.get(RSA_E);
    if (!(n instanceof Uint8Array) || !(e instanceof Uint8Array))
      throw new CoseKeyError('an RSA key needs n and e');
    if (n.length < 256) throw new CoseKeyError('RSA keys shorter than 2048 bits are refused');
    return { kty: 'RSA', n: b64url(n), e: b64url(e) };
  }
  throw new CoseKeyError(`algorithm ${String(alg)} is not supported`);
}

function coordinate(map: CborMap, label: number, size: number): string {
  const value = map.get(label);
  if (!(value instanceof Uint8Array) || value.length !== size)
    throw new CoseKeyError(`key parameter ${label} must be ${size} bytes`);
  return b64url(value);
}

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}
