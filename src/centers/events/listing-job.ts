/**
 * Once a day, every center's listing in the meeting finder is written again: a series whose last
 * date has passed leaves the finder, and a listing a failed write left stale is put right. An
 * unchanged listing writes nothing (the snapshot compares before it writes).
 */
import type { JobRepository } from '../../platform/jobs/job-repository.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import type { DeskDeps } from '../deps.js';
import { syncCenterListing } from './listing.js';

export const centerListingJobKind = 'center-listings';
const EVERY_SECONDS = 86_400;

/** Schedules the daily pass (once per database). */
export async function scheduleCenterListings(deps: DeskDeps, jobs: JobRepository): Promise<void> {
  await jobs.ensureRecurring(centerListingJobKind, EVERY_SECONDS, deps.clock.now().toISOString());
}

/** Lets the runner write the listings when the job is due. */
export function registerCenterListings(deps: DeskDeps, runner: JobRunner): void {
  runner.register(centerListingJobKind, async () => {
    const changed = await syncEveryCenterListing(deps);
    return { ok: true, outcome: `changed ${changed}` };
  });
}

/**
 * Writes every center's listing again, asking the geocoder again for a place found offline
 * while it could not be asked; returns how many changed.
 */
export async function syncEveryCenterListing(deps: DeskDeps): Promise<number> {
  let changed = 0;
  for (const center of await deps.repos.centers.list()) {
    const report = await syncCenterListing(deps, center, { retryGeocoder: true });
    if (report?.outcome === 'applied') changed++;
  }
  return changed;
}
