/**
 * What the history pages ask: a meeting's or a service body's history with the names its
 * entries mention, and undoing or restoring an entry. The pages hold this service, never the
 * repositories behind it.
 */
import type { Actor } from '../../accounts/model.js';
import type { Meeting } from '../../meetings/model.js';
import type { Repositories } from '../../repositories.js';
import type { EditingDeps } from '../editing/deps.js';
import type { HistoryEntry, Override } from './model.js';
import { restoreMeeting, revertChange } from './revert.js';
import {
  meetingHistory,
  serviceBodyHistory,
  type BodyHistory,
  type MeetingHistory,
  type Names,
} from './view-history.js';

/** A body's history with the meetings in conflict named, as its page shows them. */
export interface NamedBodyHistory extends Omit<BodyHistory, 'conflicts'> {
  conflicts: (Override & { slug?: string; name?: string })[];
  names: Names;
}

export interface HistoryService {
  /** A meeting's history (found by slug even once removed), for those who may edit it. */
  meeting(actor: Actor | undefined, slug: string): Promise<MeetingHistory & { names: Names }>;
  /** The history of a body's meetings, or of the whole site without a body (administrators). */
  serviceBody(actor: Actor | undefined, bodyId: string | undefined): Promise<NamedBodyHistory>;
  /** Undoes one change; returns the entry that undid it. */
  revert(actor: Actor | undefined, entryId: string): Promise<HistoryEntry>;
  /** Brings back a removed meeting with its id and slug. */
  restore(actor: Actor | undefined, entryId: string): Promise<Meeting>;
}

export function historyService(deps: EditingDeps): HistoryService {
  const { repos } = deps;
  return {
    meeting: async (actor, slug) => {
      const history = await meetingHistory(repos, actor, slug);
      return { ...history, names: await namesFor(repos, history.lines) };
    },
    serviceBody: async (actor, bodyId) => {
      const history = await serviceBodyHistory(repos, actor, bodyId);
      const meetings = new Map(
        (await repos.meetings.byIds(history.conflicts.map((c) => c.meetingId))).map((m) => [
          m.id,
          m,
        ]),
      );
      return {
        ...history,
        conflicts: history.conflicts.map((c) => {
          const m = meetings.get(c.meetingId);
          return m === undefined ? c : { ...c, slug: m.slug, name: m.name };
        }),
        names: await namesFor(repos, history.lines),
      };
    },
    revert: (actor, entryId) => revertChange(deps, actor, entryId),
    restore: (actor, entryId) => restoreMeeting(deps, actor, entryId),
  };
}

/**
 * Names for the people and sources entries mention. People are named by their display name, or
 * by a short account number: an editor's email is not shown to other editors.
 */
async function namesFor(repos: Repositories, entries: readonly HistoryEntry[]): Promise<Names> {
  const ids = [...new Set(entries.flatMap((e) => (e.actorId === undefined ? [] : [e.actorId])))];
  const people = new Map(
    (await repos.accounts.peopleByIds(ids)).map((p) => [
      p.id,
      p.displayName ?? `#${p.id.slice(0, 8)}`,
    ]),
  );
  const sources = new Map(
    [
      ...(await repos.removedSources.list()).map((r) => r.source),
      ...(await repos.sources.list()),
    ].map((s) => [s.id, s.name]),
  );
  return { people, sources };
}
