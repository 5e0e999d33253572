/**
 * The COSE algorithms (RFC 9053) we offer at registration. Three cover what authenticators make:
 * ES256 (nearly all), RS256 (Windows Hello) and EdDSA over Ed25519 (some security keys).
 */
export const COSE_ALG = { ES256: -7, EdDSA: -8, RS256: -257 } as const;
export type CoseAlgorithm = (typeof COSE_ALG)[keyof typeof COSE_ALG];

/** The algorithms we offer at registration, most preferred first. */
export const supportedAlgorithms: readonly CoseAlgorithm[] = [
  COSE_ALG.ES256,
  COSE_ALG.EdDSA,
  COSE_ALG.RS256,
];
