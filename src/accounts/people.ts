import { randomUUID } from 'node:crypto';
import { PorchlightError } from '../platform/errors.js';
import type { Repositories } from '../repositories.js';
import type { Clock } from '../platform/clock.js';
import { isEmail, normalizeEmail, type Actor, type Person } from './model.js';

/** Checks and normalizes an email a person typed; throws PL_INVALID_EMAIL. */
export function parseEmail(value: unknown): string {
  const email = typeof value === 'string' ? normalizeEmail(value) : '';
  if (!isEmail(email)) throw new PorchlightError('PL_INVALID_EMAIL', undefined, { field: 'email' });
  return email;
}

/** The person with this email, created (without any role) when there is none yet. */
export async function findOrCreatePerson(
  repos: Repositories,
  clock: Clock,
  email: string,
): Promise<{ person: Person; created: boolean }> {
  const existing = await repos.accounts.personByEmail(email);
  if (existing !== undefined) return { person: existing, created: false };
  const person: Person = { id: randomUUID(), email, createdAt: clock.now().toISOString() };
  await repos.accounts.insertPerson(person);
  return { person, created: true };
}

/** The actor a person is: their id and every role they hold. */
export async function actorFor(repos: Repositories, personId: string): Promise<Actor> {
  const grants = await repos.serviceBodies.grantsOf(personId);
  return { personId, grants: grants.map((g) => g.grant) };
}
