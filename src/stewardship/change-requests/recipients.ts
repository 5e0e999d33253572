/**
 * Who hears about a scope: the editors of the narrowest service body on its path that has any,
 * else the administrators. Notices go to the people who can act, not to everyone above them.
 */
import type { Repositories } from '../../repositories.js';

/** The email addresses of the people to tell about something at `path` (root first). */
export async function recipientsFor(
  repos: Repositories,
  path: readonly string[],
): Promise<string[]> {
  let personIds: string[] = [];
  for (const bodyId of [...path].reverse()) {
    const editors = (await repos.serviceBodies.grantsOn(bodyId)).filter(
      (g) => g.grant.role === 'editor',
    );
    if (editors.length > 0) {
      personIds = editors.map((g) => g.personId);
      break;
    }
  }
  if (personIds.length === 0)
    personIds = (await repos.serviceBodies.administratorGrants()).map((g) => g.personId);
  const people = await repos.accounts.peopleByIds([...new Set(personIds)]);
  return people
    .filter((p) => p.disabledAt === undefined)
    .map((p) => p.email)
    .sort();
}
