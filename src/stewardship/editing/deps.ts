import type { ChangedIds, CommittedChange } from '../../platform/database/change-feed.js';
import type { Clock } from '../../platform/clock.js';
import type { Repositories } from '../../repositories.js';

/** What the services that change meetings are handed. */
export interface EditingDeps {
  repos: Repositories;
  clock: Clock;
  /**
   * Finds a place typed in words offline, so a new meeting's zone follows from its town or ZIP
   * code (see `FormOptions.locatePlace`).
   */
  locatePlace?: (query: string) => { latitude: number; longitude: number } | undefined;
  /** Told after each committed change, so the search index and feed caches follow. */
  onChange?: (change: CommittedChange) => void | Promise<void>;
}

/**
 * Runs a change to meetings in one transaction: the work, the history it writes, and the store's
 * revision all commit together; the change hook hears of it after the commit.
 */
export async function commitChange<T>(
  deps: EditingDeps,
  work: (repos: Repositories) => Promise<{ result: T; touched: ChangedIds }>,
): Promise<T> {
  const { result, change } = await deps.repos.transaction(async (repos) => {
    const { result, touched } = await work(repos);
    if (touched.upserted.length === 0 && touched.removed.length === 0)
      return { result, change: undefined };
    return { result, change: { revision: await repos.revision.bump(touched), ...touched } };
  });
  if (change !== undefined) await deps.onChange?.(change);
  return result;
}
