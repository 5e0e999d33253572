/**
 * What administrators do with sources from their pages: read each source's status and last
 * report, refresh one now, approve or reject a held snapshot. Each use case checks the actor
 * first (`source.manage` on the site: administrators only), then calls the same functions as
 * `porchlight sources ...`, so both doors behave alike.
 */
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import { PorchlightError } from '../../platform/errors.js';
import type { ImportDeps } from '../../sources/import-source.js';
import type { ImportReport, RemovedSource, Source } from '../../sources/model.js';
import { approveHeld, refreshNow, rejectHeld } from '../../sources/refresh-source.js';
import {
  refreshStatuses,
  type HeldStatus,
  type RefreshStatus,
} from '../../sources/refresh-status.js';
import { recordAudit } from '../../accounts/audit.js';
import { requireAuthorized } from '../authorize.js';
import type { Actor } from '../../accounts/model.js';

/** What the administrators' pages are handed: the import wiring and the background job runner. */
export interface SourceAdminDeps {
  importDeps: ImportDeps;
  /** Refreshing now goes through it, under the same lease as the background refresh. */
  jobs: JobRunner;
}

/** A source as administrators see it: in full (its address with any credentials), with status. */
export interface SourceView extends Source {
  meetingCount: number;
  refresh?: RefreshStatus;
  held?: HeldStatus;
}

export interface SourceOverview {
  sources: SourceView[];
  removed: RemovedSource[];
}

/** Every source with its status and meeting count, and the removed ones that can be restored. */
export async function sourceOverview(
  deps: SourceAdminDeps,
  actor: Actor | undefined,
): Promise<SourceOverview> {
  requireAuthorized(actor, 'source.manage', { kind: 'site' });
  const { repos, clock } = deps.importDeps;
  const statuses = await refreshStatuses(repos, clock.now());
  const sources = await Promise.all(
    (await repos.sources.list()).map(async (source) => ({
      ...source,
      meetingCount: await repos.meetings.count({ sourceId: source.id }),
      ...statuses.get(source.id),
    })),
  );
  return { sources, removed: await repos.removedSources.list() };
}

/** One source with its status, and the report of a snapshot held for review. */
export async function sourceDetail(
  deps: SourceAdminDeps,
  actor: Actor | undefined,
  name: string,
): Promise<{ source: SourceView; heldReport?: ImportReport }> {
  requireAuthorized(actor, 'source.manage', { kind: 'site' });
  const { repos, clock } = deps.importDeps;
  const source = await repos.sources.findByName(name);
  if (source === undefined) throw new PorchlightError('PL_SOURCE_NOT_FOUND', { name });
  const status = (await refreshStatuses(repos, clock.now())).get(source.id);
  const view: SourceView = {
    ...source,
    meetingCount: await repos.meetings.count({ sourceId: source.id }),
    ...status,
  };
  const held = status?.held === undefined ? undefined : await repos.heldSnapshots.find(source.id);
  return { source: view, ...(held !== undefined ? { heldReport: held.report } : {}) };
}

/** Reads the source again now; the report is stored on the source, as for any refresh. */
export async function refreshSourceNow(
  deps: SourceAdminDeps,
  actor: Actor | undefined,
  name: string,
): Promise<ImportReport> {
  requireAuthorized(actor, 'source.manage', { kind: 'site' });
  return refreshNow(deps.importDeps, deps.jobs, name);
}

/** Applies the held snapshot, as the person decided; recorded in the audit log. */
export async function approveHeldSnapshot(
  deps: SourceAdminDeps,
  actor: Actor | undefined,
  name: string,
): Promise<ImportReport> {
  requireAuthorized(actor, 'source.manage', { kind: 'site' });
  const report = await approveHeld(deps.importDeps, name);
  await audit(deps, actor, 'source.approve', name, { outcome: report.outcome });
  return report;
}

/** Discards the held snapshot; the meetings stay as they are. Recorded in the audit log. */
export async function rejectHeldSnapshot(
  deps: SourceAdminDeps,
  actor: Actor | undefined,
  name: string,
): Promise<void> {
  requireAuthorized(actor, 'source.manage', { kind: 'site' });
  await rejectHeld(deps.importDeps, name);
  await audit(deps, actor, 'source.reject', name);
}

async function audit(
  deps: SourceAdminDeps,
  actor: Actor,
  action: string,
  name: string,
  details: Record<string, string> = {},
): Promise<void> {
  const { repos, clock } = deps.importDeps;
  const source = await repos.sources.findByName(name);
  await recordAudit(
    repos,
    clock,
    actor,
    action,
    { kind: 'source', ...(source !== undefined ? { id: source.id } : {}) },
    { name, ...details },
  );
}
