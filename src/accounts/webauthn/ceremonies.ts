/**
 * The relying party's half of the two WebAuthn ceremonies (Level 3, §7.1 registration and §7.2
 * authentication), on Node's own crypto. Attestation is not evaluated: we ask for `none`, as
 * nearly every site does, because we trust the person (who signed in by email first), not the
 * make of their authenticator.
 */
import { createHash, timingSafeEqual, verify as verifySignature, constants } from 'node:crypto';
import { decodeCbor, CborError } from './cbor.js';
import {
  AuthenticatorDataError,
  parseAuthenticatorData,
  type AuthenticatorData,
} from './authenticator-data.js';
import {
  COSE_ALG,
  CoseKeyError,
  parseCoseKey,
  supportedAlgorithms,
  type CoseAlgorithm,
  type CosePublicKey,
} from './cose-key.js';

/** What `navigator.credentials.create()` gave the page, base64url-encoded by our script. */
export interface RegistrationResponseJson {
  id: string;
  rawId: string;
  type: string;
  response: { clientDataJSON: string; attestationObject: string; transports?: string[] };
}

/** What `navigator.credentials.get()` gave the page, base64url-encoded by our script. */
export interface AuthenticationResponseJson {
  id: string;
  rawId: string;
  type: string;
  response: {
    clientDataJSON: string;
    authenticatorData: string;
    signature: string;
    userHandle?: string | null;
  };
}

/** What the server expects of a ceremony it started. */
export interface CeremonyExpectations {
  /** The base64url challenge the server issued for this ceremony. */
  challenge: string;
  /** The page's origin, e.g. `https://meetings.example.org`. */
  origin: string;
  /** The relying party id: the host name of the origin. */
  rpId: string;
  requireUserVerification: boolean;
}

export type WebAuthnFailure =
  | 'malformed'
  | 'type'
  | 'challenge'
  | 'origin'
  | 'rp_id'
  | 'user_presence'
  | 'user_verification'
  | 'algorithm'
  | 'credential'
  | 'signature'
  | 'counter';

/** A ceremony the server refuses, with the check that failed. */
export class WebAuthnError extends Error {
  override name = 'WebAuthnError';
  constructor(
    readonly reason: WebAuthnFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifiedRegistration {
  credentialId: string;
  /** COSE key bytes, to store and give back to verifyAuthentication. */
  publicKey: Uint8Array;
  algorithm: CoseAlgorithm;
  signCount: number;
  transports: string[];
  backedUp: boolean;
}

export interface StoredCredential {
  credentialId: string;
  publicKey: Uint8Array;
  signCount: number;
}

export interface VerifiedAuthentication {
  credentialId: string;
  /** The counter to store; unchanged (0) for authenticators that do not count. */
  signCount: number;
  userVerified: boolean;
  backedUp: boolean;
}

/** Checks a registration response; returns the credential to store or throws WebAuthnError. */
export function verifyRegistration(
  response: RegistrationResponseJson,
  expected: CeremonyExpectations,
): VerifiedRegistration {
  checkCredentialIds(response);
  checkClientData(
    bytesOf(response.response.clientDataJSON, 'clientDataJSON'),
    'webauthn.create',
    expected,
  );
  const attestation = decodeAttestation(
    bytesOf(response.response.attestationObject, 'attestationObject'),
  );
  const authData = readAuthData(attestation);
  checkAuthData(authData, expected);
  const attested = authData.attested;
  if (attested === undefined)
    throw new WebAuthnError('malformed', 'the registration carries no credential');
  if (Buffer.from(attested.credentialId).toString('base64url') !== response.rawId)
    throw new WebAuthnError('credential', 'the credential id differs from the authenticator data');
  const key = coseKey(attested.publicKey);
  if (!supportedAlgorithms.includes(key.algorithm))
    throw new WebAuthnError('algorithm', `algorithm ${key.algorithm} is not accepted`);
  return {
    credentialId: response.rawId,
    publicKey: attested.publicKey,
    algorithm: key.algorithm,
    signCount: authData.signCount,
    transports: (response.response.transports ?? []).filter((t) => /^[a-z-]{1,32}$/.test(t)),
    backedUp: authData.backedUp,
  };
}

/** Checks an assertion against a stored credential; returns the new counter or throws. */
export function verifyAuthentication(
  response: AuthenticationResponseJson,
  expected: CeremonyExpectations,
  credential: StoredCredential,
): VerifiedAuthentication {
  checkCredentialIds(response);
  if (response.rawId !== credential.credentialId)
    throw new WebAuthnError('credential', 'the assertion is for another credential');
  const clientDataJson = bytesOf(response.response.clientDataJSON, 'clientDataJSON');
  checkClientData(clientDataJson, 'webauthn.get', expected);
  const authDataBytes = bytesOf(response.response.authenticatorData, 'authenticatorData');
  let authData: AuthenticatorData;
  try {
    authData = parseAuthenticatorData(authDataBytes);
  } catch (error) {
    throw asMalformed(error);
  }
  checkAuthData(authData, expected);
  const key = coseKey(credential.publicKey);
  const signed = Buffer.concat([authDataBytes, sha256(clientDataJson)]);
  const signature = bytesOf(response.response.signature, 'signature');
  if (!signatureHolds(key, signed, signature))
    throw new WebAuthnError('signature', 'the signature does not verify');
  // A counter that does not grow means a cloned authenticator, unless it never counts (0, 0).
  if (
    (authData.signCount !== 0 || credential.signCount !== 0) &&
    authData.signCount <= credential.signCount
  )
    throw new WebAuthnError('counter', 'the signature counter did not increase');
  return {
    credentialId: credential.credentialId,
    signCount: authData.signCount,
    userVerified: authData.userVerified,
    backedUp: authData.backedUp,
  };
}

function checkCredentialIds(response: { id: string; rawId: string; type: string }): void {
  if (response.type !== 'public-key')
    throw new WebAuthnError('type', 'the credential is not a public key credential');
  if (response.id !== response.rawId || bytesOf(response.rawId, 'rawId').length === 0)
    throw new WebAuthnError('malformed', 'the credential id is missing or inconsistent');
}

function checkClientData(
  json: Uint8Array,
  type: 'webauthn.create' | 'webauthn.get',
  expected: CeremonyExpectations,
): void {
  let data: { type?: unknown; challenge?: unknown; origin?: unknown; crossOrigin?: unknown };
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as typeof data;
  } catch {
    throw new WebAuthnError('malformed', 'clientDataJSON is not JSON');
  }
  if (typeof data !== 'object' || data === null)
    throw new WebAuthnError('malformed', 'clientDataJSON is not an object');
  if (data.type !== type) throw new WebAuthnError('type', `the ceremony is not ${type}`);
  if (typeof data.challenge !== 'string' || !sameText(data.challenge, expected.challenge))
    throw new WebAuthnError('challenge', 'the challenge is not the one issued');
  if (data.origin !== expected.origin)
    throw new WebAuthnError('origin', 'the page origin is not this site');
  if (data.crossOrigin === true)
    throw new WebAuthnError('origin', 'the ceremony ran in a cross-origin frame');
}

function checkAuthData(authData: AuthenticatorData, expected: CeremonyExpectations): void {
  if (!timingSafeEqual(authData.rpIdHash, sha256(Buffer.from(expected.rpId, 'utf8'))))
    throw new WebAuthnError('rp_id', 'the credential belongs to another site');
  if (!authData.userPresent) throw new WebAuthnError('user_presence', 'the user was not present');
  if (expected.requireUserVerification && !authData.userVerified)
    throw new WebAuthnError('user_verification', 'the user was not verified');
}

function decodeAttestation(bytes: Uint8Array): Map<number | string, unknown> {
  let decoded;
  try {
    decoded = decodeCbor(bytes);
  } catch (error) {
    throw asMalformed(error);
  }
  if (!(decoded instanceof Map) || typeof decoded.get('fmt') !== 'string')
    throw new WebAuthnError('malformed', 'attestationObject is not an attestation');
  return decoded;
}

function readAuthData(attestation: Map<number | string, unknown>): AuthenticatorData {
  const bytes = attestation.get('authData');
  if (!(bytes instanceof Uint8Array))
    throw new WebAuthnError('malformed', 'the attestation has no authenticator data');
  try {
    return parseAuthenticatorData(bytes);
  } catch (error) {
    throw asMalformed(error);
  }
}

function coseKey(bytes: Uint8Array): CosePublicKey {
  try {
    return parseCoseKey(bytes);
  } catch (error) {
    if (error instanceof CoseKeyError) throw new WebAuthnError('algorithm', error.message);
    throw error;
  }
}

function signatureHolds(key: CosePublicKey, data: Buffer, signature: Uint8Array): boolean {
  try {
    if (key.algorithm === COSE_ALG.EdDSA) return verifySignature(null, data, key.key, signature);
    if (key.algorithm === COSE_ALG.RS256)
      return verifySignature(
        'sha256',
        data,
        { key: key.key, padding: constants.RSA_PKCS1_PADDING },
        signature,
      );
    // WebAuthn ES256 signatures are ASN.1 DER, Node's default encoding for ECDSA.
    return verifySignature('sha256', data, { key: key.key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

function asMalformed(error: unknown): WebAuthnError {
  if (error instanceof CborError || error instanceof AuthenticatorDataError)
    return new WebAuthnError('malformed', error.message);
  throw error;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function bytesOf(value: string, name: string): Uint8Array {
  if (typeof value !== 'string' || !BASE64URL.test(value))
    throw new WebAuthnError('malformed', `${name} is not base64url`);
  return new Uint8Array(Buffer.from(value, 'base64url'));
}

function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
