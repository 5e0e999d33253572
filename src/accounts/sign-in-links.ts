/**
 * Sign-in by email link, the fallback for people without a passkey. A link carries 32 random
 * bytes, is stored as their hash, works once, and lasts 15 minutes. Asking for a link answers
 * the same whether or not the address has an account, so the form reveals no one's membership.
 */
import { PorchlightError } from '../platform/errors.js';
import { lifetimes, later, type AccountDeps } from './deps.js';
import { startSession } from './sessions.js';
import type { Session } from './model.js';
import { hashToken, isTokenShaped, newToken } from './tokens.js';

/** Builds the mail around a link, in the asker's language (the pages own the wording). */
export type ComposeSignInMail = (link: string) => { subject: string; text: string };

/**
 * Issues a link for the person with this email and mails it; does nothing (silently) for an
 * address without an account or with a disabled one.
 */
export async function requestSignInLink(
  deps: AccountDeps,
  email: string,
  linkBase: string,
  compose: ComposeSignInMail,
): Promise<void> {
  const person = await deps.repos.accounts.personByEmail(email);
  if (person === undefined || person.disabledAt !== undefined) return;
  const link = await issueSignInLink(deps, person.id, linkBase);
  await deps.mailer.send({ to: person.email, ...compose(link) });
}

/** Creates a single-use sign-in link for a person: `<linkBase>?token=...`. */
export async function issueSignInLink(
  deps: Pick<AccountDeps, 'repos' | 'clock'>,
  personId: string,
  linkBase: string,
): Promise<string> {
  const now = deps.clock.now();
  const token = newToken();
  await deps.repos.accounts.pruneSignInTokens(now.toISOString());
  await deps.repos.accounts.insertSignInToken({
    tokenHash: hashToken(token),
    personId,
    createdAt: now.toISOString(),
    expiresAt: later(now, lifetimes.signInLinkMs),
  });
  return `${linkBase}?token=${token}`;
}

/** True when a link's token is live (without using it up): the page can say so early. */
export async function isSignInLinkLive(
  deps: Pick<AccountDeps, 'repos' | 'clock'>,
  token: unknown,
): Promise<boolean> {
  if (!isTokenShaped(token)) return false;
  const personId = await deps.repos.accounts.peekSignInToken(
    hashToken(token),
    deps.clock.now().toISOString(),
  );
  return personId !== undefined;
}

/** Uses up a link's token and starts a session; throws PL_SIGN_IN_LINK_INVALID otherwise. */
export async function redeemSignInLink(
  deps: Pick<AccountDeps, 'repos' | 'clock'>,
  token: unknown,
  device: string | undefined,
): Promise<{ token: string; session: Session }> {
  if (!isTokenShaped(token)) throw new PorchlightError('PL_SIGN_IN_LINK_INVALID');
  const personId = await deps.repos.accounts.consumeSignInToken(
    hashToken(token),
    deps.clock.now().toISOString(),
  );
  if (personId === undefined) throw new PorchlightError('PL_SIGN_IN_LINK_INVALID');
  const person = await deps.repos.accounts.personById(personId);
  if (person === undefined || person.disabledAt !== undefined)
    throw new PorchlightError('PL_SIGN_IN_LINK_INVALID');
  return startSession(deps, personId, 'email', device);
}
