/**
 * API tokens for the desk: `porchlight tokens create --email ... [--center slug]`. A token
 * limited to a center is only made for that center's staff; either way the token can do no more
 * than its person's roles allow.
 */
import { createApiToken } from '../accounts/api-tokens.js';
import { parseEmail } from '../accounts/people.js';
import type { Clock } from '../platform/clock.js';
import { PorchlightError } from '../platform/errors.js';
import type { Repositories } from '../repositories.js';

/** Creates a token for the account with this email; returns the secret (shown once). */
export async function createTokenFor(
  deps: { repos: Repositories; clock: Clock },
  input: { email: string; centerSlug?: string },
): Promise<{ id: string; token: string; personId: string; center?: string }> {
  const email = parseEmail(input.email);
  const person = await deps.repos.accounts.personByEmail(email);
  if (person === undefined)
    throw new PorchlightError('PL_NOT_FOUND', 'No account has this email address.', {
      field: 'email',
    });
  if (input.centerSlug === undefined) {
    const { id, token } = await createApiToken(deps, person.id);
    return { id, token, personId: person.id };
  }
  const center = await deps.repos.centers.bySlug(input.centerSlug);
  const role =
    center === undefined ? undefined : await deps.repos.centers.staffRole(center.id, person.id);
  if (center === undefined || role === undefined)
    throw new PorchlightError(
      'PL_CENTER_NOT_FOUND',
      'No center with this slug has this person on its staff.',
      { field: 'center' },
    );
  const { id, token } = await createApiToken(deps, person.id, center.id);
  return { id, token, personId: person.id, center: center.slug };
}
