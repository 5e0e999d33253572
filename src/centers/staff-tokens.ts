/**
 * A center's API tokens as its administrators see them: which staff member holds each, when it
 * was made and last used (never the secret, which is shown once), and revoking one.
 */
import { PorchlightError } from '../platform/errors.js';
import { requirePermission } from './access.js';
import type { DeskDeps } from './deps.js';
import type { CenterAccess } from './model.js';

export interface CenterToken {
  id: string;
  email: string;
  createdAt: string;
  lastUsedAt?: string;
}

/** The live tokens limited to this center. */
export async function listCenterTokens(
  deps: Pick<DeskDeps, 'repos'>,
  access: CenterAccess,
): Promise<CenterToken[]> {
  requirePermission(access, 'staff.manage');
  const tokens = await deps.repos.apiTokens.liveOfCenter(access.center.id);
  return Promise.all(
    tokens.map(async (t) => ({
      id: t.id,
      email: (await deps.repos.accounts.personById(t.personId))?.email ?? '',
      createdAt: t.createdAt,
      ...(t.lastUsedAt !== undefined ? { lastUsedAt: t.lastUsedAt } : {}),
    })),
  );
}

/** Revokes a token of this center; another center's token answers as one that never was. */
export async function revokeCenterToken(
  deps: Pick<DeskDeps, 'repos' | 'clock'>,
  access: CenterAccess,
  tokenId: string,
): Promise<void> {
  requirePermission(access, 'staff.manage');
  const revoked = await deps.repos.apiTokens.revokeOfCenter(
    access.center.id,
    tokenId,
    deps.clock.now().toISOString(),
  );
  if (!revoked) throw new PorchlightError('PL_NOT_FOUND', undefined, { field: 'token' });
}
