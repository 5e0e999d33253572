/** Reading history: per meeting, and per service body (its meetings and those of bodies below). */
import type { Meeting } from '../../meetings/model.js';
import { PorchlightError } from '../../platform/errors.js';
import type { Repositories } from '../../repositories.js';
import { authorize, requireAuthorized } from '../authorize.js';
import { meetingTarget } from '../meeting-scope.js';
import type { ServiceBodyNode } from '../model.js';
import type { Actor } from '../../accounts/model.js';
import { toTree } from '../tree.js';
import type { HistoryEntry, Override } from './model.js';
import { removals } from './model.js';
import { sourceOf } from './record.js';

/** Display names of the people and sources entries name, by id. */
export interface Names {
  people: ReadonlyMap<string, string>;
  sources: ReadonlyMap<string, string>;
}

/** An entry as a history page shows it: whether it was undone, and what a person may do with it. */
export interface HistoryLine extends HistoryEntry {
  undone: boolean;
  /** 'revert' for a change, 'restore' for a removal whose meeting is gone, or neither. */
  offer?: 'revert' | 'restore';
}

export interface MeetingHistory {
  /** The meeting as it is, or its last state when it has been removed. */
  meeting: Meeting;
  removed: boolean;
  lines: HistoryLine[];
  overrides: Override[];
}

/** A meeting's history, for those who may edit it; found by slug even once removed. */
export async function meetingHistory(
  repos: Repositories,
  actor: Actor | undefined,
  slug: string,
): Promise<MeetingHistory> {
  let meeting = await repos.meetings.findBySlug(slug);
  let removed = false;
  if (meeting === undefined) {
    const last = await repos.history.latestOfSlug(slug);
    if (last?.snapshot === undefined || !removals.concat(['revert']).includes(last.action))
      throw new PorchlightError('PL_MEETING_NOT_FOUND', { slug });
    meeting = last.snapshot;
    removed = true;
  }
  const target = await meetingTarget(repos, meeting);
  requireAuthorized(actor, 'meeting.update', target);
  // A meeting whose source was removed comes back with its source, not alone.
  const canRevert =
    authorize(actor, 'history.revert', target) &&
    (await sourceOf(repos, meeting.provenance.sourceId)) !== undefined;
  const entries = await repos.history.ofMeeting(meeting.id);
  return {
    meeting,
    removed,
    lines: await linesOf(repos, entries, () => canRevert, new Set(removed ? [meeting.id] : [])),
    overrides: removed ? [] : await repos.history.overridesOf([meeting.id]),
  };
}

export interface BodyHistory {
  body?: ServiceBodyNode;
  lines: HistoryLine[];
  /** Imported meetings of the scope with a conflict to resolve, by meeting id. */
  conflicts: Override[];
}

/**
 * The history of every meeting a body publishes, its sub-bodies' included, newest first (the
 * whole site's when no body is named: administrators only).
 */
export async function serviceBodyHistory(
  repos: Repositories,
  actor: Actor | undefined,
  serviceBodyId: string | undefined,
): Promise<BodyHistory> {
  const bodies = toTree(await repos.serviceBodies.all());
  const body = serviceBodyId === undefined ? undefined : bodies.find((b) => b.id === serviceBodyId);
  if (serviceBodyId !== undefined && body === undefined)
    throw new PorchlightError('PL_SERVICE_BODY_NOT_FOUND');
  requireAuthorized(actor, 'history.revert', { kind: 'meeting', path: body?.path ?? [] });
  let sourceIds: string[];
  const live = new Set((await repos.sources.list()).map((s) => s.id));
  // The whole site's history includes sources removed since, whose meetings went with them.
  if (body === undefined)
    sourceIds = [...live, ...(await repos.removedSources.list()).map((r) => r.source.id)];
  else {
    sourceIds = [];
    for (const b of bodies.filter((b) => b.path.includes(body.id)))
      sourceIds.push(...(await repos.serviceBodies.sourcesOf(b.id)));
  }
  const entries = await repos.history.ofSources(sourceIds);
  const gone = new Set<string>();
  const present = new Set(
    (await repos.meetings.byIds(entries.map((e) => e.meetingId))).map((m) => m.id),
  );
  for (const e of entries) if (!present.has(e.meetingId)) gone.add(e.meetingId);
  return {
    ...(body !== undefined ? { body } : {}),
    // A meeting of a removed source comes back with its source, not alone.
    lines: await linesOf(repos, entries, (e) => live.has(e.sourceId), gone),
    conflicts: await repos.history.conflictsOfSources(sourceIds),
  };
}

async function linesOf(
  repos: Repositories,
  entries: readonly HistoryEntry[],
  mayRevert: (e: HistoryEntry) => boolean,
  gone: ReadonlySet<string>,
): Promise<HistoryLine[]> {
  const undone = await repos.history.undone(entries);
  // Only the newest removal of a gone meeting offers a restore.
  const restorable = new Set<string>();
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.meetingId)) continue;
    seen.add(e.meetingId);
    if (gone.has(e.meetingId) && e.snapshot !== undefined && !additions(e)) restorable.add(e.id);
  }
  return entries.map((e) => {
    const line: HistoryLine = { ...e, undone: undone.has(e.id) };
    if (!mayRevert(e)) return line;
    if (restorable.has(e.id)) line.offer = 'restore';
    else if (!gone.has(e.meetingId) && !undone.has(e.id) && !removals.includes(e.action))
      line.offer = 'revert';
    return line;
  });
}

function additions(e: HistoryEntry): boolean {
  return e.action === 'import.add' || e.action === 'create' || e.action === 'restore';
}
