/**
 * The authenticator data structure (WebAuthn §6.1): the relying party's id hash, the flags, the
 * signature counter and, at registration, the new credential's id and public key.
 */
import { CborError, decodeCborFirst } from './cbor.js';

export const FLAG_USER_PRESENT = 0x01;
export const FLAG_USER_VERIFIED = 0x04;
export const FLAG_BACKUP_ELIGIBLE = 0x08;
export const FLAG_BACKED_UP = 0x10;
export const FLAG_ATTESTED_DATA = 0x40;
export const FLAG_EXTENSIONS = 0x80;

export interface AttestedCredential {
  aaguid: Uint8Array;
  credentialId: Uint8Array;
  /** The COSE key bytes exactly as sent: stored as is and parsed again to verify. */
  publicKey: Uint8Array;
}

export interface AuthenticatorData {
  rpIdHash: Uint8Array;
  flags: number;
  userPresent: boolean;
  userVerified: boolean;
  backupEligible: boolean;
  backedUp: boolean;
  signCount: number;
  attested?: AttestedCredential;
}

/** Authenticator data that cannot be read. */
export class AuthenticatorDataError extends Error {
  override name = 'AuthenticatorDataError';
}

/** Reads authenticator data; throws AuthenticatorDataError when it is malformed. */
export function parseAuthenticatorData(input: Uint8Array): AuthenticatorData {
  // A plain view, so slices are copies of type Uint8Array even when a Buffer comes in.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length < 37) throw new AuthenticatorDataError('shorter than 37 bytes');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = bytes[32] ?? 0;
  const data: AuthenticatorData = {
    rpIdHash: bytes.slice(0, 32),
    flags,
    userPresent: (flags & FLAG_USER_PRESENT) !== 0,
    userVerified: (flags & FLAG_USER_VERIFIED) !== 0,
    backupEligible: (flags & FLAG_BACKUP_ELIGIBLE) !== 0,
    backedUp: (flags & FLAG_BACKED_UP) !== 0,
    signCount: view.getUint32(33),
  };
  let offset = 37;
  if (flags & FLAG_ATTESTED_DATA) {
    if (bytes.length < offset + 18) throw new AuthenticatorDataError('attested data is cut short');
    const aaguid = bytes.slice(offset, offset + 16);
    const idLength = view.getUint16(offset + 16);
    offset += 18;
    if (idLength > 1023) throw new AuthenticatorDataError('credential id longer than 1023 bytes');
    if (bytes.length < offset + idLength)
      throw new AuthenticatorDataError('credential id is cut short');
    const credentialId = bytes.slice(offset, offset + idLength);
    offset += idLength;
    let keyLength: number;
    try {
      keyLength = decodeCborFirst(bytes.subarray(offset)).length;
    } catch (error) {
      if (error instanceof CborError)
        throw new AuthenticatorDataError(`public key: ${error.message}`);
      throw error;
    }
    data.attested = { aaguid, credentialId, publicKey: bytes.slice(offset, offset + keyLength) };
    offset += keyLength;
  }
  if (flags & FLAG_EXTENSIONS) {
    try {
      offset += decodeCborFirst(bytes.subarray(offset)).length;
    } catch (error) {
      if (error instanceof CborError)
        throw new AuthenticatorDataError(`extensions: ${error.message}`);
      throw error;
    }
  }
  if (offset !== bytes.length)
    throw new AuthenticatorDataError(`${bytes.length - offset} unexpected trailing bytes`);
  return data;
}
