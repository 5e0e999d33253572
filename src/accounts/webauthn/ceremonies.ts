/**
 * The relying party's half of the two WebAuthn ceremonies (Level 3, §7.1 registration and §7.2
 * authentication), verified by `@simplewebauthn/server` (decision 0106): parsing CBOR, COSE keys
 * and authenticator data is security-critical, and better done by a library thousands of sites
 * exercise. This file adds what the library leaves to us (cross-origin frames, the attested id
 * matching the reported one, RSA key size, our algorithm list) and turns its failures into a
 * reason a test and an operator can read. Attestation is not evaluated beyond what the library
 * does for the format it receives: we ask for `none`, because we trust the person (who signed in
 * by email first), not the make of their authenticator.
 */
import {
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import {
  cose,
  decodeClientDataJSON,
  decodeCredentialPublicKey,
} from '@simplewebauthn/server/helpers';
import { COSE_ALG, supportedAlgorithms, type CoseAlgorithm } from './algorithms.js';

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

/** WebAuthn caps credential ids at 1023 bytes; a longer one is not an authenticator's. */
const MAX_CREDENTIAL_ID_BYTES = 1023;
const MIN_RSA_MODULUS_BYTES = 256;

/** Checks a registration response; returns the credential to store or throws WebAuthnError. */
export async function verifyRegistration(
  response: RegistrationResponseJson,
  expected: CeremonyExpectations,
): Promise<VerifiedRegistration> {
  checkEnvelope(response, response.response.clientDataJSON);
  checkBase64url(response.response.attestationObject, 'attestationObject');
  const result = await library(() =>
    verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: expected.challenge,
      expectedOrigin: expected.origin,
      expectedRPID: expected.rpId,
      requireUserVerification: expected.requireUserVerification,
      supportedAlgorithmIDs: [...supportedAlgorithms],
    }),
  );
  if (!result.verified)
    throw new WebAuthnError('signature', 'the attestation statement does not verify');
  const { credential, credentialBackedUp } = result.registrationInfo;
  if (credential.id !== response.rawId)
    throw new WebAuthnError('credential', 'the credential id differs from the authenticator data');
  const algorithm = keyAlgorithm(credential.publicKey);
  return {
    credentialId: response.rawId,
    publicKey: new Uint8Array(credential.publicKey),
    algorithm,
    signCount: credential.counter,
    transports: (response.response.transports ?? []).filter((t) => /^[a-z-]{1,32}$/.test(t)),
    backedUp: credentialBackedUp,
  };
}

/** Checks an assertion against a stored credential; returns the new counter or throws. */
export async function verifyAuthentication(
  response: AuthenticationResponseJson,
  expected: CeremonyExpectations,
  stored: StoredCredential,
): Promise<VerifiedAuthentication> {
  checkEnvelope(response, response.response.clientDataJSON);
  if (response.rawId !== stored.credentialId)
    throw new WebAuthnError('credential', 'the assertion is for another credential');
  checkBase64url(response.response.authenticatorData, 'authenticatorData');
  checkBase64url(response.response.signature, 'signature');
  keyAlgorithm(stored.publicKey);
  const result = await library(() =>
    verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: expected.challenge,
      expectedOrigin: expected.origin,
      expectedRPID: expected.rpId,
      requireUserVerification: expected.requireUserVerification,
      credential: {
        id: stored.credentialId,
        publicKey: new Uint8Array(stored.publicKey),
        counter: stored.signCount,
      },
    }),
  );
  if (!result.verified) throw new WebAuthnError('signature', 'the signature does not verify');
  const info = result.authenticationInfo;
  return {
    credentialId: stored.credentialId,
    signCount: info.newCounter,
    userVerified: info.userVerified,
    backedUp: info.credentialBackedUp,
  };
}

/** The checks the library does not make, before it runs. */
function checkEnvelope(
  response: { id: string; rawId: string; type: string },
  clientDataJson: string,
): void {
  if (response.type !== 'public-key')
    throw new WebAuthnError('type', 'the credential is not a public key credential');
  checkBase64url(response.rawId, 'rawId');
  const idBytes = Buffer.from(response.rawId, 'base64url').length;
  if (response.id !== response.rawId || idBytes === 0 || idBytes > MAX_CREDENTIAL_ID_BYTES)
    throw new WebAuthnError('malformed', 'the credential id is missing or inconsistent');
  checkBase64url(clientDataJson, 'clientDataJSON');
  let clientData: unknown;
  try {
    clientData = decodeClientDataJSON(clientDataJson);
  } catch {
    throw new WebAuthnError('malformed', 'clientDataJSON is not JSON');
  }
  if (typeof clientData !== 'object' || clientData === null)
    throw new WebAuthnError('malformed', 'clientDataJSON is not an object');
  // The library does not look at crossOrigin: a ceremony inside another site's frame is refused.
  if ((clientData as { crossOrigin?: unknown }).crossOrigin === true)
    throw new WebAuthnError('origin', 'the ceremony ran in a cross-origin frame');
}

/** The stored or attested key's algorithm, refused unless we offer it (and RSA of 2048 bits). */
function keyAlgorithm(publicKey: Uint8Array): CoseAlgorithm {
  // Read as a plain map: the library types the labels per key type, and we read RSA's too.
  let key: Map<number, unknown>;
  try {
    key = decodeCredentialPublicKey(new Uint8Array(publicKey)) as Map<number, unknown>;
  } catch {
    throw new WebAuthnError('algorithm', 'the public key is not a COSE key');
  }
  const alg = key instanceof Map ? key.get(cose.COSEKEYS.alg) : undefined;
  if (typeof alg !== 'number' || !(supportedAlgorithms as readonly number[]).includes(alg))
    throw new WebAuthnError('algorithm', `algorithm ${String(alg)} is not accepted`);
  if (alg === COSE_ALG.RS256) {
    const modulus = key.get(cose.COSEKEYS.n);
    if (!(modulus instanceof Uint8Array) || modulus.length < MIN_RSA_MODULUS_BYTES)
      throw new WebAuthnError('algorithm', 'RSA keys shorter than 2048 bits are not accepted');
  }
  return alg as CoseAlgorithm;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function checkBase64url(value: unknown, name: string): void {
  if (typeof value !== 'string' || !BASE64URL.test(value))
    throw new WebAuthnError('malformed', `${name} is not base64url`);
}

/** Runs a library verification, naming the check behind any error it throws. */
async function library<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof WebAuthnError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new WebAuthnError(reasonOf(message), message);
  }
}

/**
 * The library's errors are plain `Error`s; their messages are the only thing that says which
 * check failed. The ceremony tests pin each mapping, so a library upgrade that rewords one
 * fails a test instead of silently turning a refusal reason into `malformed`.
 */
const REASONS: readonly [RegExp, WebAuthnFailure][] = [
  [/credential type|response type/i, 'type'],
  [/challenge/i, 'challenge'],
  [/origin/i, 'origin'],
  [/RP ID/i, 'rp_id'],
  [/user presence|not present/i, 'user_presence'],
  [/user verification/i, 'user_verification'],
  [/\balg\b|algorithm/i, 'algorithm'],
  [/counter/i, 'counter'],
  [/signature/i, 'signature'],
];

function reasonOf(message: string): WebAuthnFailure {
  return REASONS.find(([pattern]) => pattern.test(message))?.[1] ?? 'malformed';
}
