/**
 * API tokens: bearer secrets for integrations and scripts. Like session cookies they are 32
 * random bytes shown once and kept only as their SHA-256; a `pl_` prefix lets secret scanners
 * and people recognise one in a leaked file.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { PorchlightError } from '../platform/errors.js';
import type { Repositories } from '../repositories.js';
import { hashToken, isTokenShaped, newToken } from './tokens.js';

const PREFIX = 'pl_';
/**
 * How stale a token's last-use time may get. The time is there for administrators ("last used
 * ten minutes ago"), so writing it on every request would cost a write per API call for nothing.
 */
export const TOKEN_USE_RESOLUTION_MS = 60_000;

/** Who a bearer token speaks for. */
export interface TokenHolder {
  tokenId: string;
  personId: string;
  /** Set when the token may act in this center only. */
  centerId?: string;
}

/** Creates a token for a person (optionally limited to one center); returns the secret once. */
export async function createApiToken(
  deps: { repos: Repositories; clock: Clock },
  personId: string,
  centerId?: string,
): Promise<{ id: string; token: string }> {
  const secret = newToken();
  const id = randomUUID();
  await deps.repos.apiTokens.insert({
    id,
    tokenHash: hashToken(secret),
    personId,
    createdAt: deps.clock.now().toISOString(),
    ...(centerId !== undefined ? { centerId } : {}),
  });
  return { id, token: `${PREFIX}${secret}` };
}

/**
 * The holder of the token in an `Authorization: Bearer ...` header. No header: PL_SIGN_IN_REQUIRED;
 * a malformed, unknown or revoked token: PL_API_TOKEN_INVALID (the same answer for each).
 */
export async function authenticateBearer(
  deps: { repos: Repositories; clock: Clock },
  authorization: string | undefined,
): Promise<TokenHolder> {
  if (authorization === undefined || authorization.trim() === '')
    throw new PorchlightError('PL_SIGN_IN_REQUIRED');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const presented = match?.[1];
  const secret = presented?.startsWith(PREFIX) ? presented.slice(PREFIX.length) : undefined;
  if (secret === undefined || !isTokenShaped(secret))
    throw new PorchlightError('PL_API_TOKEN_INVALID');
  const record = await deps.repos.apiTokens.liveByHash(hashToken(secret));
  if (record === undefined) throw new PorchlightError('PL_API_TOKEN_INVALID');
  const now = deps.clock.now();
  const since = new Date(now.getTime() - TOKEN_USE_RESOLUTION_MS).toISOString();
  if (record.lastUsedAt === undefined || record.lastUsedAt < since)
    await deps.repos.apiTokens.touchIfOlder(record.id, now.toISOString(), since);
  return {
    tokenId: record.id,
    personId: record.personId,
    ...(record.centerId !== undefined ? { centerId: record.centerId } : {}),
  };
}
