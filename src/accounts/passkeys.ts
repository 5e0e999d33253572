/**
 * Passkeys: the relying party's side of registering one (signed-in people only, so a passkey is
 * always tied to an address that already proved itself) and of signing in with one. Challenges
 * are stored and deleted on use, so no ceremony can be replayed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { PorchlightError } from '../platform/errors.js';
import { lifetimes, later, type AccountDeps } from './deps.js';
import type { Passkey, Person, Session } from './model.js';
import { startSession } from './sessions.js';
import {
  verifyAuthentication,
  verifyRegistration,
  WebAuthnError,
  type AuthenticationResponseJson,
  type CeremonyExpectations,
  type RegistrationResponseJson,
} from './webauthn/ceremonies.js';
import { supportedAlgorithms } from './webauthn/algorithms.js';
import { passkeyOriginProblem, passkeyOriginSuggestion } from './webauthn/origin.js';

/** `PublicKeyCredentialCreationOptions` as JSON (binary fields base64url). */
export interface CreationOptionsJson {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  timeout: number;
  attestation: 'none';
  authenticatorSelection: {
    residentKey: 'required';
    requireResidentKey: true;
    userVerification: 'required';
  };
  excludeCredentials: { type: 'public-key'; id: string; transports?: string[] }[];
}

/** `PublicKeyCredentialRequestOptions` as JSON (binary fields base64url). */
export interface RequestOptionsJson {
  challenge: string;
  rpId: string;
  timeout: number;
  userVerification: 'required';
  allowCredentials: never[];
}

const REGISTER = 'register';
const AUTHENTICATE = 'authenticate';

/**
 * The relying party this server is: its origin and id come from the public URL. An address that
 * cannot carry passkeys (an IP address, plain http off localhost) is refused with
 * PL_PASSKEY_ORIGIN, which says what to change, rather than failing later in the browser.
 */
export function relyingParty(publicUrl: string): { origin: string; id: string } {
  const url = new URL(publicUrl);
  const problem = passkeyOriginProblem(publicUrl);
  if (problem !== undefined)
    throw new PorchlightError(
      'PL_PASSKEY_ORIGIN',
      `Passkeys cannot work at ${url.origin}: ${
        problem === 'ip-address'
          ? 'a passkey is bound to a domain name, never to an IP address'
          : 'browsers offer passkeys only over https (plain http only on localhost)'
      }. Set PUBLIC_URL to ${passkeyOriginSuggestion(publicUrl)} (or another name that reaches this server).`,
      { reason: problem },
    );
  return { origin: url.origin, id: url.hostname };
}

/** Starts registering a passkey for a signed-in person. */
export async function passkeyCreationOptions(
  deps: AccountDeps,
  person: Person,
  siteName: string,
): Promise<CreationOptionsJson> {
  const rp = relyingParty(deps.publicUrl);
  const challenge = await newChallenge(deps, REGISTER, person.id);
  const existing = await deps.repos.accounts.passkeysOf(person.id);
  return {
    challenge,
    rp: { id: rp.id, name: siteName },
    // The user handle is the opaque person id, never the email: authenticators may show or sync it.
    user: {
      id: Buffer.from(person.id, 'utf8').toString('base64url'),
      name: person.email,
      displayName: person.displayName ?? person.email,
    },
    pubKeyCredParams: supportedAlgorithms.map((alg) => ({ type: 'public-key', alg })),
    timeout: lifetimes.challengeMs,
    attestation: 'none',
    authenticatorSelection: {
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'required',
    },
    excludeCredentials: existing.map((p) => ({
      type: 'public-key',
      id: p.credentialId,
      ...(p.transports.length > 0 ? { transports: p.transports } : {}),
    })),
  };
}

/** Verifies and stores a new passkey for the signed-in person. */
export async function registerPasskey(
  deps: AccountDeps,
  person: Person,
  response: RegistrationResponseJson,
): Promise<Passkey> {
  const challenge = await claimChallenge(
    deps,
    clientChallenge(response.response.clientDataJSON),
    REGISTER,
    person.id,
  );
  let verified;
  try {
    verified = await verifyRegistration(response, expectations(deps, challenge));
  } catch (error) {
    throw rejected(error);
  }
  if ((await deps.repos.accounts.passkeyByCredentialId(verified.credentialId)) !== undefined)
    throw new PorchlightError('PL_PASSKEY_REJECTED', 'This passkey is already registered.');
  const passkey: Passkey = {
    id: randomUUID(),
    personId: person.id,
    credentialId: verified.credentialId,
    publicKey: verified.publicKey,
    algorithm: verified.algorithm,
    signCount: verified.signCount,
    transports: verified.transports,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.repos.accounts.insertPasskey(passkey);
  return passkey;
}

/** Starts a passkey sign-in: any of the site's passkeys may answer (discoverable credentials). */
export async function passkeyRequestOptions(deps: AccountDeps): Promise<RequestOptionsJson> {
  const rp = relyingParty(deps.publicUrl);
  return {
    challenge: await newChallenge(deps, AUTHENTICATE, undefined),
    rpId: rp.id,
    timeout: lifetimes.challengeMs,
    userVerification: 'required',
    allowCredentials: [],
  };
}

/** Verifies a passkey assertion and starts a session; throws PL_PASSKEY_REJECTED otherwise. */
export async function signInWithPasskey(
  deps: AccountDeps,
  response: AuthenticationResponseJson,
  device: string | undefined,
): Promise<{ token: string; session: Session }> {
  const challenge = await claimChallenge(
    deps,
    clientChallenge(response.response.clientDataJSON),
    AUTHENTICATE,
    undefined,
  );
  const passkey = await deps.repos.accounts.passkeyByCredentialId(String(response.rawId));
  if (passkey === undefined)
    throw new PorchlightError('PL_PASSKEY_REJECTED', 'This passkey is not registered here.');
  const handle = response.response.userHandle;
  if (
    typeof handle === 'string' &&
    handle !== '' &&
    handle !== Buffer.from(passkey.personId, 'utf8').toString('base64url')
  )
    throw new PorchlightError('PL_PASSKEY_REJECTED', 'The passkey belongs to someone else.');
  let verified;
  try {
    verified = await verifyAuthentication(response, expectations(deps, challenge), passkey);
  } catch (error) {
    throw rejected(error);
  }
  const stored = await deps.repos.accounts.recordPasskeyUse(
    passkey.id,
    verified.signCount,
    passkey.signCount,
    deps.clock.now().toISOString(),
  );
  if (!stored)
    throw new PorchlightError('PL_PASSKEY_REJECTED', 'The passkey was used twice at once.');
  const person = await deps.repos.accounts.personById(passkey.personId);
  if (person === undefined || person.disabledAt !== undefined)
    throw new PorchlightError('PL_PASSKEY_REJECTED', 'This account is disabled.');
  return startSession(deps, passkey.personId, 'passkey', device);
}

/** Removes one of the person's own passkeys. */
export async function removePasskey(
  deps: AccountDeps,
  personId: string,
  passkeyId: string,
): Promise<void> {
  if (!(await deps.repos.accounts.deletePasskey(personId, passkeyId)))
    throw new PorchlightError('PL_PASSKEY_NOT_FOUND');
}

async function newChallenge(
  deps: AccountDeps,
  purpose: string,
  personId: string | undefined,
): Promise<string> {
  const challenge = randomBytes(32).toString('base64url');
  await deps.repos.accounts.insertChallenge({
    challenge,
    purpose,
    expiresAt: later(deps.clock.now(), lifetimes.challengeMs),
    ...(personId !== undefined ? { personId } : {}),
  });
  return challenge;
}

/** Uses up the challenge the client data names, if we issued it for this purpose and person. */
async function claimChallenge(
  deps: AccountDeps,
  challenge: string | undefined,
  purpose: string,
  personId: string | undefined,
): Promise<string> {
  const live =
    challenge !== undefined &&
    (await deps.repos.accounts.consumeChallenge(
      challenge,
      purpose,
      personId,
      deps.clock.now().toISOString(),
    ));
  if (!live || challenge === undefined)
    throw new PorchlightError(
      'PL_PASSKEY_REJECTED',
      'The passkey answered a challenge that is unknown, used or expired; try again.',
    );
  return challenge;
}

/** The challenge inside base64url client data, read only to find the stored one; verified later. */
function clientChallenge(clientDataJson: unknown): string | undefined {
  if (typeof clientDataJson !== 'string') return undefined;
  try {
    const data = JSON.parse(Buffer.from(clientDataJson, 'base64url').toString('utf8')) as {
      challenge?: unknown;
    };
    return typeof data.challenge === 'string' && data.challenge.length <= 128
      ? data.challenge
      : undefined;
  } catch {
    return undefined;
  }
}

function expectations(deps: AccountDeps, challenge: string): CeremonyExpectations {
  const rp = relyingParty(deps.publicUrl);
  return { challenge, origin: rp.origin, rpId: rp.id, requireUserVerification: true };
}

function rejected(error: unknown): PorchlightError {
  if (error instanceof WebAuthnError)
    return new PorchlightError(
      'PL_PASSKEY_REJECTED',
      `The passkey could not be verified (${error.reason}).`,
    );
  throw error;
}
