import type { AccountDeps } from './deps.js';
import { recordAudit } from './audit.js';
import { findOrCreatePerson, parseEmail } from './people.js';
import { issueSignInLink } from './sign-in-links.js';
import type { Person } from './model.js';
import { randomUUID } from 'node:crypto';

/**
 * Makes the person with this email an administrator (creating the account if needed) and returns
 * a one-time sign-in link. Only the operator's command line calls this: whoever can run it on
 * the server already controls the site. Running it again just issues a fresh link.
 */
export async function createAdministrator(
  deps: Pick<AccountDeps, 'repos' | 'clock' | 'publicUrl'>,
  email: string,
): Promise<{ person: Person; link: string; created: boolean; granted: boolean }> {
  const address = parseEmail(email);
  const { person, created, granted } = await deps.repos.transaction(async (repos) => {
    const found = await findOrCreatePerson(repos, deps.clock, address);
    const grants = await repos.serviceBodies.grantsOf(found.person.id);
    const isAdmin = grants.some((g) => g.grant.role === 'administrator');
    if (!isAdmin) {
      const id = randomUUID();
      await repos.serviceBodies.insertGrant({
        id,
        personId: found.person.id,
        grant: { role: 'administrator' },
        createdAt: deps.clock.now().toISOString(),
      });
      await recordAudit(
        repos,
        deps.clock,
        undefined,
        'role.grant',
        { kind: 'role_grant', id },
        {
          personId: found.person.id,
          role: 'administrator',
          via: 'command line',
        },
      );
    }
    return { ...found, granted: !isAdmin };
  });
  const link = await issueSignInLink(deps, person.id, `${deps.publicUrl}/sign-in/verify`);
  return { person, link, created, granted };
}
