/**
 * What the sources API asks of the store: every registered source with its meeting count,
 * refresh job and held snapshot, one by name, and the merged duplicates. Routes hold this
 * service, never the repositories behind it.
 */
import type { Clock } from '../platform/clock.js';
import { PorchlightError } from '../platform/errors.js';
import type { Repositories } from '../repositories.js';
import { listDuplicates, type ClusterView } from './duplicates-merge.js';
import type { Source } from './model.js';
import { refreshStatuses, type HeldStatus, type RefreshStatus } from './refresh-status.js';

/** A source as the API lists it (before the public's view leaves out what is private). */
export type SourceStanding = Omit<Source, 'id'> & {
  meetingCount: number;
  refresh?: RefreshStatus;
  held?: HeldStatus;
};

export interface SourceDirectory {
  list(): Promise<SourceStanding[]>;
  /** One source by name, or PL_SOURCE_NOT_FOUND. */
  get(name: string): Promise<SourceStanding>;
  /** The clusters of meetings merged across sources. */
  duplicates(): Promise<ClusterView[]>;
}

export function sourceDirectory(repos: Repositories, clock: Clock): SourceDirectory {
  const standing = async (
    source: Source,
    statuses: Awaited<ReturnType<typeof refreshStatuses>>,
  ): Promise<SourceStanding> => {
    const { id: _id, ...rest } = source;
    return {
      ...rest,
      meetingCount: await repos.meetings.count({ sourceId: source.id }),
      ...statuses.get(source.id),
    };
  };
  return {
    list: async () => {
      const statuses = await refreshStatuses(repos, clock.now());
      const sources = await repos.sources.list();
      return Promise.all(sources.map((s) => standing(s, statuses)));
    },
    get: async (name) => {
      const source = await repos.sources.findByName(name);
      if (source === undefined) throw new PorchlightError('PL_SOURCE_NOT_FOUND', { name });
      return standing(source, await refreshStatuses(repos, clock.now()));
    },
    duplicates: () => listDuplicates(repos),
  };
}
