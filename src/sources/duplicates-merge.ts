import type { CommittedChange } from '../platform/database/change-feed.js';
import type { Clock } from '../platform/clock.js';
import { PorchlightError } from '../platform/errors.js';
import type { Repositories } from '../repositories.js';
import { noYield, type YieldToLoop } from '../platform/loop-yield.js';
import {
  candidateOf,
  findClusters,
  type DuplicateCandidate,
  type DuplicateCluster,
  type MergeReason,
} from './duplicates-match.js';
import type { DuplicateLink } from './duplicates-repository.js';
import type { ImportDeps } from './import-source.js';

export interface MergeDeps {
  repos: Repositories;
  clock: Clock;
  /**
   * Gives the event loop a turn while every meeting is read (a server): the meetings are then
   * read outside the transaction, which only checks that nothing changed meanwhile and writes.
   */
  yieldToLoop?: YieldToLoop;
}

/** Meetings read per page while gathering candidates. */
const pageSize = 500;

/**
 * Recomputes which meetings are one meeting listed by several sources, and stores it: each
 * cluster's non-canonical members point to the canonical one, which alone is shown in search,
 * the finder, the exports and the API lists. Every source's own row stays (provenance intact).
 * The change names the meetings that appeared or disappeared from the public lists (and
 * canonical ones whose cluster changed), or is undefined when nothing moved.
 *
 * Reading every meeting is long: with `yieldToLoop` it is done a page at a time outside the
 * transaction, and the transaction that writes the links first checks that the store's
 * revision and the pairs people split are still those the clusters were found from (a write in
 * between makes it read again, inside the transaction). Without it, all of it is one
 * transaction.
 */
export async function mergeDuplicates(deps: MergeDeps): Promise<CommittedChange | undefined> {
  const now = deps.clock.now().toISOString();
  const turn = deps.yieldToLoop;
  if (turn !== undefined) {
    const revision = await deps.repos.revision.current();
    const apart = await deps.repos.duplicates.splitPairs();
    const clusters = findClusters(await readCandidates(deps.repos, turn), apart);
    await turn();
    const outcome = await deps.repos.transaction(async (repos) => {
      const still =
        (await repos.revision.current()) === revision &&
        sameSet(await repos.duplicates.splitPairs(), apart);
      return still ? { change: await saveClusters(repos, clusters, now) } : undefined;
    });
    if (outcome !== undefined) return outcome.change;
  }
  return deps.repos.transaction(async (repos) => {
    const candidates = await readCandidates(repos, turn ?? noYield);
    const clusters = findClusters(candidates, await repos.duplicates.splitPairs());
    return saveClusters(repos, clusters, now);
  });
}

/** Every meeting as the matcher sees it, a page at a time. */
async function readCandidates(
  repos: Repositories,
  turn: YieldToLoop,
): Promise<DuplicateCandidate[]> {
  const candidates: DuplicateCandidate[] = [];
  for (let after: string | undefined; ;) {
    const page = await repos.meetings.pageById(pageSize, after);
    for (const meeting of page) candidates.push(candidateOf(meeting));
    await turn();
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.id;
  }
  return candidates;
}

/** Stores the links the clusters call for, inside the caller's transaction. */
async function saveClusters(
  repos: Repositories,
  clusters: readonly DuplicateCluster[],
  now: string,
): Promise<CommittedChange | undefined> {
  const wanted = new Map<string, { canonicalId: string; reasons: MergeReason[] }>();
  for (const cluster of clusters) {
    for (const id of cluster.memberIds) {
      if (id !== cluster.canonicalId)
        wanted.set(id, { canonicalId: cluster.canonicalId, reasons: cluster.reasons });
    }
  }
  const current = new Map((await repos.duplicates.links()).map((l) => [l.meetingId, l]));
  const save: DuplicateLink[] = [];
  const unlink: string[] = [];
  const hidden: string[] = [];
  const touched = new Set<string>();
  for (const [id, want] of wanted) {
    const had = current.get(id);
    // A link whose shown meeting was removed no longer hides anything.
    if (had === undefined || had.canonicalId === null) hidden.push(id);
    if (
      had === undefined ||
      had.canonicalId !== want.canonicalId ||
      had.reasons.join() !== want.reasons.join()
    ) {
      save.push({ meetingId: id, ...want, mergedAt: had?.mergedAt ?? now });
      touched.add(want.canonicalId);
      if (had !== undefined && had.canonicalId !== null) touched.add(had.canonicalId);
    }
  }
  for (const [id, had] of current) {
    if (wanted.has(id)) continue;
    unlink.push(id);
    touched.add(id);
    if (had.canonicalId !== null) touched.add(had.canonicalId);
  }
  if (save.length === 0 && unlink.length === 0) return undefined;
  await repos.duplicates.save(save, unlink);
  // A canonical member that became a hidden one is in `hidden`, not shown again.
  const upserted = [...touched].filter((id) => !wanted.has(id));
  return {
    revision: await repos.revision.bump({ upserted, removed: hidden }),
    upserted,
    removed: hidden,
  };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/**
 * Import dependencies that merge duplicates after every committed import, and tell the listener
 * of both changes at once (so a search index never shows a new duplicate, even briefly).
 */
export function mergingAfterImport(
  deps: ImportDeps,
  onError: (error: unknown) => void = () => {},
): ImportDeps & Required<Pick<ImportDeps, 'onChange'>> {
  const listener = deps.onChange;
  return {
    ...deps,
    onChange: async (change) => {
      let merged: CommittedChange | undefined;
      try {
        merged = await mergeDuplicates(deps);
      } catch (error) {
        // The import itself is committed; a failed merge leaves the previous clusters.
        onError(error);
      }
      if (listener === undefined) return;
      // Both are announced before either is awaited: the index applies them as one run.
      await Promise.all([listener(change), merged === undefined ? undefined : listener(merged)]);
    },
  };
}

/** One cluster as reports show it. */
export interface ClusterView {
  canonical: ClusterMemberView;
  /** The other members, each listed by another source. */
  duplicates: (ClusterMemberView & { reasons: MergeReason[] })[];
}

export interface ClusterMemberView {
  slug: string;
  name: string;
  source: string;
  sourceSlug: string;
}

/** Every cluster of merged meetings, canonical member first, in canonical slug order. */
export async function listDuplicates(repos: Repositories): Promise<ClusterView[]> {
  const members = await repos.duplicates.members();
  const links = new Map((await repos.duplicates.links()).map((l) => [l.meetingId, l]));
  const sources = new Map((await repos.sources.list()).map((s) => [s.id, s.name]));
  const clusters = new Map<string, ClusterView>();
  const view = (m: (typeof members)[number]): ClusterMemberView => ({
    slug: m.slug,
    name: m.name,
    source: sources.get(m.sourceId) ?? 'unknown',
    sourceSlug: m.sourceSlug,
  });
  for (const m of members) {
    if (m.meetingId !== m.canonicalId) continue;
    clusters.set(m.meetingId, { canonical: view(m), duplicates: [] });
  }
  for (const m of members) {
    const link = links.get(m.meetingId);
    if (link === undefined) continue;
    clusters.get(m.canonicalId)?.duplicates.push({ ...view(m), reasons: link.reasons });
  }
  const list = [...clusters.values()].filter((c) => c.duplicates.length > 0);
  for (const c of list) c.duplicates.sort((a, b) => (a.slug < b.slug ? -1 : 1));
  return list.sort((a, b) => (a.canonical.slug < b.canonical.slug ? -1 : 1));
}

/**
 * Takes a meeting out of the cluster it was merged into, for good: the pairs it formed are stored
 * as "never merge", so no refresh merges them again. The rest of the cluster stays merged.
 */
export async function splitDuplicate(
  deps: MergeDeps & { onChange?: ImportDeps['onChange'] },
  slug: string,
): Promise<{ split: string[]; change?: CommittedChange }> {
  const meeting = await deps.repos.meetings.findBySlug(slug);
  if (meeting === undefined) throw new PorchlightError('PL_MEETING_NOT_FOUND', { slug });
  const members = await deps.repos.duplicates.members([meeting.id]);
  const others = members.filter((m) => m.meetingId !== meeting.id);
  if (others.length === 0)
    throw new PorchlightError('PL_NOT_A_DUPLICATE', `"${slug}" is not merged with any meeting.`);
  await deps.repos.duplicates.split(
    meeting.id,
    others.map((m) => m.meetingId),
    deps.clock.now().toISOString(),
  );
  const change = await mergeDuplicates(deps);
  if (change !== undefined) await deps.onChange?.(change);
  return { split: others.map((m) => m.slug).sort(), ...(change !== undefined ? { change } : {}) };
}
