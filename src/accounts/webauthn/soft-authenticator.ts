/**
 * A software authenticator for tests: real key pairs from node:crypto and genuine attestation
 * and assertion payloads, byte for byte what a CTAP2 authenticator and a browser would produce,
 * so the ceremonies are tested against real signatures rather than stubs.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { COSE_ALG, type CoseAlgorithm } from './algorithms.js';
import type { AuthenticationResponseJson, RegistrationResponseJson } from './ceremonies.js';

export interface SoftCredential {
  id: Uint8Array;
  algorithm: CoseAlgorithm;
  privateKey: KeyObject;
  cosePublicKey: Uint8Array;
  userHandle: Uint8Array;
  signCount: number;
}

export interface CeremonyInput {
  challenge: string;
  origin: string;
  rpId: string;
  /** Flags to set: user present and verified by default. */
  userPresent?: boolean;
  userVerified?: boolean;
}

/** Makes a credential and the registration response a browser would return for it. */
export function softRegister(
  input: CeremonyInput & { algorithm?: CoseAlgorithm; userHandle?: Uint8Array },
): { credential: SoftCredential; response: RegistrationResponseJson } {
  const algorithm = input.algorithm ?? COSE_ALG.ES256;
  const { privateKey, cosePublicKey } = keyPair(algorithm);
  const credential: SoftCredential = {
    id: randomBytes(16),
    algorithm,
    privateKey,
    cosePublicKey,
    userHandle: input.userHandle ?? randomBytes(16),
    signCount: 0,
  };
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credential.id.length);
  const authData = Buffer.concat([
    authDataHead(input, 0x40, credential.signCount),
    Buffer.alloc(16), // AAGUID: zero, as with `none` attestation
    idLength,
    credential.id,
    cosePublicKey,
  ]);
  const attestationObject = isoCBOR.encode(
    new Map<string, Uint8Array | string | Map<string, string>>([
      ['fmt', 'none'],
      ['attStmt', new Map<string, string>()],
      ['authData', authData],
    ]),
  );
  const id = b64url(credential.id);
  return {
    credential,
    response: {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: clientData('webauthn.create', input),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
    },
  };
}

/** Signs an assertion with the credential, advancing its counter unless `keepCount` is set. */
export function softAuthenticate(
  credential: SoftCredential,
  input: CeremonyInput & { keepCount?: boolean },
): AuthenticationResponseJson {
  if (input.keepCount !== true) credential.signCount += 1;
  const authData = authDataHead(input, 0, credential.signCount);
  const clientDataJSON = clientData('webauthn.get', input);
  const signed = Buffer.concat([
    authData,
    createHash('sha256').update(Buffer.from(clientDataJSON, 'base64url')).digest(),
  ]);
  const signature =
    credential.algorithm === COSE_ALG.EdDSA
      ? sign(null, signed, credential.privateKey)
      : sign('sha256', signed, credential.privateKey);
  const id = b64url(credential.id);
  return {
    id,
    rawId: id,
    type: 'public-key',
    response: {
      clientDataJSON,
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      userHandle: b64url(credential.userHandle),
    },
  };
}

function authDataHead(input: CeremonyInput, extraFlags: number, signCount: number): Buffer {
  const flags =
    (input.userPresent === false ? 0 : 0x01) |
    (input.userVerified === false ? 0 : 0x04) |
    extraFlags;
  const count = Buffer.alloc(4);
  count.writeUInt32BE(signCount);
  return Buffer.concat([
    createHash('sha256').update(input.rpId).digest(),
    Buffer.from([flags]),
    count,
  ]);
}

function clientData(type: string, input: CeremonyInput): string {
  return b64url(
    Buffer.from(
      JSON.stringify({
        type,
        challenge: input.challenge,
        origin: input.origin,
        crossOrigin: false,
      }),
    ),
  );
}

function keyPair(algorithm: CoseAlgorithm): { privateKey: KeyObject; cosePublicKey: Uint8Array } {
  if (algorithm === COSE_ALG.ES256) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, fromB64url(jwk.x)],
      [-3, fromB64url(jwk.y)],
    ]);
    return { privateKey, cosePublicKey: isoCBOR.encode(cose) };
  }
  if (algorithm === COSE_ALG.EdDSA) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = new Map<number, number | Uint8Array>([
      [1, 1],
      [3, -8],
      [-1, 6],
      [-2, fromB64url(jwk.x)],
    ]);
    return { privateKey, cosePublicKey: isoCBOR.encode(cose) };
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = new Map<number, number | Uint8Array>([
    [1, 3],
    [3, -257],
    [-1, fromB64url(jwk.n)],
    [-2, fromB64url(jwk.e)],
  ]);
  return { privateKey, cosePublicKey: isoCBOR.encode(cose) };
}

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function fromB64url(value: string | undefined): Uint8Array {
  return new Uint8Array(Buffer.from(value ?? '', 'base64url'));
}
