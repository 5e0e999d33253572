/**
 * Sessions: an opaque random token in a cookie, stored only as its hash, with an expiry, an idle
 * limit and a last-seen time. Signing out revokes the row, so a copied cookie dies with it.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { PorchlightError } from '../platform/errors.js';
import type { Repositories } from '../repositories.js';
import { lifetimes, later, type AccountDeps } from './deps.js';
import type { Actor, Person, Session } from './model.js';
import { actorFor } from './people.js';
import { hashToken, isTokenShaped, newToken } from './tokens.js';

/** A signed-in request: who, with which roles, in which session. */
export interface SignedIn {
  person: Person;
  actor: Actor;
  session: Session;
}

/** Starts a session for a person; returns the token for the cookie (shown once) and the row. */
export async function startSession(
  deps: Pick<AccountDeps, 'repos' | 'clock'>,
  personId: string,
  method: Session['method'],
  device: string | undefined,
): Promise<{ token: string; session: Session }> {
  const now = deps.clock.now();
  const token = newToken();
  const session: Session = {
    id: randomUUID(),
    personId,
    method,
    createdAt: now.toISOString(),
    expiresAt: later(now, lifetimes.sessionMs),
    lastSeenAt: now.toISOString(),
    ...(device !== undefined ? { device } : {}),
  };
  await deps.repos.accounts.insertSession({ ...session, tokenHash: hashToken(token) });
  await deps.repos.accounts.touchSignIn(personId, session.createdAt);
  return { token, session };
}

/**
 * The signed-in person behind a session token, or undefined when the token is unknown, revoked,
 * expired, idle too long, or its person is disabled.
 */
export async function resumeSession(
  deps: Pick<AccountDeps, 'repos' | 'clock'>,
  token: unknown,
): Promise<SignedIn | undefined> {
  if (!isTokenShaped(token)) return undefined;
  const now = deps.clock.now();
  const session = await deps.repos.accounts.liveSessionByHash(hashToken(token), now.toISOString());
  if (session === undefined) return undefined;
  const idleSince = now.getTime() - Date.parse(session.lastSeenAt);
  if (idleSince > lifetimes.sessionIdleMs) return undefined;
  const person = await deps.repos.accounts.personById(session.personId);
  if (person === undefined || person.disabledAt !== undefined) return undefined;
  if (idleSince > lifetimes.sessionTouchMs) {
    session.lastSeenAt = now.toISOString();
    await deps.repos.accounts.touchSession(session.id, session.lastSeenAt);
  }
  return { person, session, actor: await actorFor(deps.repos, person.id) };
}

/** A person's live sessions, most recently seen first. */
export async function listSessions(
  deps: Pick<AccountDeps, 'repos' | 'clock'>,
  personId: string,
): Promise<Session[]> {
  return deps.repos.accounts.liveSessions(personId, deps.clock.now().toISOString());
}

/** Ends one of the person's own sessions (this one or another device's). */
export async function endSession(
  deps: Pick<AccountDeps, 'repos' | 'clock'>,
  personId: string,
  sessionId: string,
): Promise<void> {
  const ended = await deps.repos.accounts.revokeSession(
    personId,
    sessionId,
    deps.clock.now().toISOString(),
  );
  if (!ended) throw new PorchlightError('PL_SESSION_NOT_FOUND');
}

/** Ends every session of the person, this one included; returns how many ended. */
export async function endAllSessions(
  deps: Pick<AccountDeps, 'repos' | 'clock'>,
  personId: string,
): Promise<number> {
  return deps.repos.accounts.revokeAllSessions(personId, deps.clock.now().toISOString());
}

/**
 * Ends every session of those among these people who hold no role any more (their last grant was
 * revoked, or went with its service body); returns how many sessions ended. Run inside the
 * transaction that removed the grants, so no request sees the roleless session live.
 */
export async function endSessionsOfRoleless(
  repos: Repositories,
  clock: Clock,
  personIds: readonly string[],
): Promise<number> {
  let ended = 0;
  const now = clock.now().toISOString();
  for (const personId of new Set(personIds))
    if ((await repos.serviceBodies.grantsOf(personId)).length === 0)
      ended += await repos.accounts.revokeAllSessions(personId, now);
  return ended;
}
