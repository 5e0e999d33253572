/**
 * Removing a source with its meetings, and restoring it (decision 67). Each meeting's removal is
 * a deletion in the history, with the meeting's last state, all in one change set and attributed
 * to the person (or the command line) who removed the source; the source's own settings are kept
 * apart (`removed_sources`). Restoring brings the source back with its old id, schedule and
 * service body, and its meetings with their old ids and (when still free) slugs, each recorded
 * as undoing its deletion. Everything happens in one transaction, and the search index hears of
 * it as of any other change.
 */
import { randomUUID } from 'node:crypto';
import type { Meeting } from '../../meetings/model.js';
import type { StoredMeeting } from '../../meetings/repository.js';
import { chooseSlug } from '../../meetings/slug.js';
import { PorchlightError } from '../../platform/errors.js';
import type { Repositories } from '../../repositories.js';
import type { RemovedSource, Source } from '../../sources/model.js';
import { refreshJobKind } from '../../sources/refresh-source.js';
import { recordAudit } from '../../accounts/audit.js';
import { requireAuthorized } from '../authorize.js';
import { commitChange, type EditingDeps } from '../editing/deps.js';
import type { ChangeAuthor, HistoryEntry } from '../history/model.js';
import { historyEntry } from '../history/record.js';
import type { Actor } from '../../accounts/model.js';
import { OPERATOR_ID } from '../../accounts/operator.js';

/** What a removal did. */
export interface SourceRemoval {
  source: string;
  meetings: number;
  removedAt: string;
  /** The history change set of the meetings' deletions. */
  changeSet: string;
}

/** What a restore did. */
export interface SourceRestoral {
  source: string;
  meetings: number;
  /** Meetings whose old slug another meeting had taken meanwhile: old slug -> new slug. */
  renamed: Record<string, string>;
  changeSet: string;
}

/** Meetings read at a time while recording a removal. */
const pageSize = 500;

/**
 * Removes a source and every meeting it lists (administrators only). The refresh job goes too;
 * a source being refreshed right now is refused (PL_SOURCE_BUSY) rather than raced.
 */
export async function removeSource(
  deps: EditingDeps,
  actor: Actor | undefined,
  name: string,
): Promise<SourceRemoval> {
  requireAuthorized(actor, 'source.manage', { kind: 'site' });
  const at = deps.clock.now().toISOString();
  const changeSet = randomUUID();
  const author = authorOf(actor);
  return commitChange(deps, async (repos) => {
    const source = await findSource(repos, name);
    const job = await repos.jobs.find(refreshJobKind, source.id);
    if (job?.lockedUntil !== undefined && job.lockedUntil > at)
      throw new PorchlightError(
        'PL_SOURCE_BUSY',
        `The source "${name}" is being refreshed; remove it once the refresh is done` +
          ` (by ${job.lockedUntil} at the latest).`,
      );
    const removed: string[] = [];
    for (let after: string | undefined; ;) {
      const page = await repos.meetings.page({
        sourceId: source.id,
        limit: pageSize,
        ...(after !== undefined ? { after } : {}),
      });
      await repos.history.insert(
        page.map((meeting) =>
          historyEntry(meeting, 'delete', { changeSet, at, author, snapshot: meeting }),
        ),
      );
      removed.push(...page.map((m) => m.id));
      if (page.length < pageSize) break;
      after = page.at(-1)!.slug;
    }
    // Tombstones and editors' overrides stay: a restored source keeps both.
    await repos.meetings.remove(removed);
    const serviceBodyId = await repos.serviceBodies.bodyOfSource(source.id);
    await repos.removedSources.add({
      source,
      removedAt: at,
      changeSet,
      meetingCount: removed.length,
      ...(author.personId !== undefined ? { removedBy: author.personId } : {}),
      ...(job?.intervalSeconds !== undefined ? { intervalSeconds: job.intervalSeconds } : {}),
      ...(serviceBodyId !== undefined ? { serviceBodyId } : {}),
    });
    await repos.jobs.remove(refreshJobKind, source.id);
    await repos.sources.delete(source.id);
    await recordAudit(
      repos,
      deps.clock,
      actor,
      'source.remove',
      { kind: 'source', id: source.id },
      { name, meetings: removed.length },
    );
    return {
      result: { source: name, meetings: removed.length, removedAt: at, changeSet },
      touched: { upserted: [], removed },
    };
  });
}

/**
 * Brings back the source of this name removed last, with its meetings as they were when it was
 * removed (administrators only). Refused while another source has the name.
 */
export async function restoreSource(
  deps: EditingDeps,
  actor: Actor | undefined,
  name: string,
): Promise<SourceRestoral> {
  requireAuthorized(actor, 'source.manage', { kind: 'site' });
  const at = deps.clock.now().toISOString();
  const changeSet = randomUUID();
  const author = authorOf(actor);
  return commitChange(deps, async (repos) => {
    const removed = await repos.removedSources.latestByName(name);
    if (removed === undefined)
      throw new PorchlightError('PL_SOURCE_NOT_FOUND', `No removed source is called "${name}".`);
    if ((await repos.sources.findByName(name)) !== undefined)
      throw new PorchlightError(
        'PL_SOURCE_EXISTS',
        `A source called "${name}" exists; remove it before restoring the one removed on ${removed.removedAt}.`,
      );
    const { source } = removed;
    await repos.sources.create(source);
    await reattach(repos, removed, at);
    const deletions = await repos.history.ofChangeSet(source.id, removed.changeSet);
    const taken = await repos.meetings.slugsInUse();
    const renamed: Record<string, string> = {};
    const meetings: StoredMeeting[] = [];
    const entries: HistoryEntry[] = [];
    for (const deletion of deletions) {
      const last = deletion.snapshot;
      if (deletion.action !== 'delete' || last === undefined) continue;
      const slug = taken.has(last.slug)
        ? chooseSlug(last.provenance.sourceSlug, last.name, taken)
        : last.slug;
      taken.add(slug);
      if (slug !== last.slug) renamed[last.slug] = slug;
      const meeting: Meeting = { ...last, slug, updatedAt: at };
      // No source hash: whatever the next refresh brings is compared afresh.
      meetings.push({ meeting, contentHash: '' });
      entries.push(
        historyEntry(meeting, 'restore', {
          changeSet,
          at,
          author,
          snapshot: meeting,
          undoes: deletion.id,
        }),
      );
    }
    await repos.meetings.insert(meetings);
    await repos.history.insert(entries);
    await repos.removedSources.delete(source.id);
    await recordAudit(
      repos,
      deps.clock,
      actor,
      'source.restore',
      { kind: 'source', id: source.id },
      { name, meetings: meetings.length },
    );
    return {
      result: { source: name, meetings: meetings.length, renamed, changeSet },
      touched: { upserted: meetings.map((m) => m.meeting.id), removed: [] },
    };
  });
}

/** Every removed source, the latest removal first (administrators only). */
export async function listRemovedSources(
  repos: Repositories,
  actor: Actor | undefined,
): Promise<RemovedSource[]> {
  requireAuthorized(actor, 'source.manage', { kind: 'site' });
  return repos.removedSources.list();
}

/** Puts back the refresh schedule (due at once) and the publishing service body, if it exists. */
async function reattach(repos: Repositories, removed: RemovedSource, at: string): Promise<void> {
  const { id } = removed.source;
  const every = removed.intervalSeconds;
  await repos.jobs.ensure(
    refreshJobKind,
    id,
    every !== undefined ? { intervalSeconds: every, nextRunAt: at } : {},
    at,
  );
  const bodyId = removed.serviceBodyId;
  if (bodyId !== undefined && (await repos.serviceBodies.byId(bodyId)) !== undefined)
    await repos.serviceBodies.assignSource(id, bodyId);
}

async function findSource(repos: Repositories, name: string): Promise<Source> {
  const source = await repos.sources.findByName(name);
  if (source === undefined) throw new PorchlightError('PL_SOURCE_NOT_FOUND', { name });
  return source;
}

/** The command line is recorded as such, not as an account. */
function authorOf(actor: Actor): ChangeAuthor {
  return actor.personId === OPERATOR_ID ? {} : { personId: actor.personId };
}
