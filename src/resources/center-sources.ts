/**
 * A center's own resource sources on its desk (decision 0136): its staff see what each holds,
 * how its last refresh went and when the next is due, and its supervisors publish a source or
 * take it back. Only the center's own: another center's source, or the operator's, answers
 * exactly as one that does not exist.
 */
import { requirePermission } from '../centers/access.js';
import type { CenterAccess } from '../centers/model.js';
import { PorchlightError } from '../platform/errors.js';
import type { JobRepository } from '../platform/jobs/job-repository.js';
import { publicLocation, publicText } from '../sources/public-location.js';
import type { ResourceFormat } from './model.js';
import { resourceRefreshSchedule } from './refresh-resources.js';
import type { ResourcePassOutcome, ResourceRepository } from './resource-repository.js';

/** One source as the desk shows it: its address without secrets, never an operator's path. */
export interface CenterSourceView {
  name: string;
  format: ResourceFormat;
  location: string;
  public: boolean;
  services: number;
  locations: number;
  lastImportAt?: string;
  lastPass?: {
    outcome: ResourcePassOutcome;
    finishedAt?: string;
    error?: { code: string; message: string };
    problems: number;
  };
  /** Seconds between refreshes; absent when refreshed only on request. */
  everySeconds?: number;
  nextRunAt?: string;
}

export interface CenterSourceDeps {
  resources: ResourceRepository;
  jobs: JobRepository;
}

/** The center's sources, by name. */
export async function listCenterSources(
  deps: CenterSourceDeps,
  access: CenterAccess,
): Promise<CenterSourceView[]> {
  requirePermission(access, 'resources.read');
  const sources = await deps.resources.listSources(access.center.id);
  return Promise.all(
    sources.map(async (s) => {
      const schedule = await resourceRefreshSchedule(deps, s.id);
      const pass = s.lastReport;
      return {
        name: s.name,
        format: s.format,
        location: publicLocation(s.location),
        public: s.public,
        services: s.services,
        locations: s.locations,
        ...(s.lastImportAt !== undefined ? { lastImportAt: s.lastImportAt } : {}),
        ...(pass !== undefined
          ? {
              lastPass: {
                outcome: pass.outcome ?? 'applied',
                ...(pass.finishedAt !== undefined ? { finishedAt: pass.finishedAt } : {}),
                ...(pass.error !== undefined
                  ? {
                      error: {
                        code: pass.error.code,
                        message: publicText(pass.error.message, s.location),
                      },
                    }
                  : {}),
                problems: pass.problems.length,
              },
            }
          : {}),
        ...(schedule?.intervalSeconds !== undefined
          ? { everySeconds: schedule.intervalSeconds }
          : {}),
        ...(schedule?.nextRunAt !== undefined ? { nextRunAt: schedule.nextRunAt } : {}),
      };
    }),
  );
}

/** Publishes one of the center's sources, or takes it back to the desk. */
export async function publishCenterSource(
  deps: CenterSourceDeps,
  access: CenterAccess,
  name: string,
  published: boolean,
): Promise<void> {
  requirePermission(access, 'resources.publish');
  if (!(await deps.resources.setPublic(name, published, access.center.id)))
    throw new PorchlightError('PL_SOURCE_NOT_FOUND', { name: name.slice(0, 80) });
}

/** The use cases bound to their ports: what the desk's routes are handed. */
export function centerResourceSources(deps: CenterSourceDeps) {
  return {
    list: (access: CenterAccess) => listCenterSources(deps, access),
    publish: (access: CenterAccess, name: string, published: boolean) =>
      publishCenterSource(deps, access, name, published),
  };
}

export type CenterResourceSources = ReturnType<typeof centerResourceSources>;
