/**
 * The writes every meeting change shares, inside the change's transaction: the row, the history
 * entry, and (for imported meetings) the overrides that keep a person's values over the source's.
 */
import { randomUUID } from 'node:crypto';
import type { Meeting } from '../../meetings/model.js';
import { chooseSlug } from '../../meetings/slug.js';
import type { Repositories } from '../../repositories.js';
import { diffMeetings } from '../history/meeting-fields.js';
import type { ChangeAuthor, HistoryAction, HistoryEntry } from '../history/model.js';
import { historyEntry, isImportedSource, keepOverrides, sourceOf } from '../history/record.js';

export interface WriteOptions {
  action: HistoryAction;
  author: ChangeAuthor;
  at: string;
  changeSet?: string;
  undoes?: string;
}

/**
 * Writes a new version of a stored meeting; undefined (and nothing written) when no field
 * differs. The row keeps the content hash of the source's last snapshot, so an unchanged
 * refresh still leaves it alone.
 */
export async function writeUpdate(
  repos: Repositories,
  before: Meeting,
  after: Meeting,
  options: WriteOptions,
): Promise<HistoryEntry | undefined> {
  const changes = diffMeetings(before, after);
  if (changes.length === 0) return undefined;
  const meeting: Meeting = { ...after, id: before.id, slug: before.slug, updatedAt: options.at };
  const contentHash = (await repos.history.contentHashes([before.id])).get(before.id) ?? '';
  await repos.meetings.update([{ meeting, contentHash }]);
  if (isImportedSource(await sourceOf(repos, before.provenance.sourceId)))
    await keepOverrides(repos, before.id, changes, options.at, options.author.personId);
  const entry = historyEntry(before, options.action, {
    changeSet: options.changeSet ?? randomUUID(),
    at: options.at,
    author: options.author,
    changes,
    ...(options.undoes !== undefined ? { undoes: options.undoes } : {}),
  });
  await repos.history.insert([entry]);
  return entry;
}

/**
 * Inserts a meeting (a new one, or a removed one coming back with its old id); its slug is kept
 * when still free, else a fresh one is chosen. Returns the meeting as stored.
 */
export async function writeInsert(
  repos: Repositories,
  meeting: Meeting,
  options: WriteOptions,
): Promise<{ meeting: Meeting; entry: HistoryEntry }> {
  const taken = await repos.meetings.slugsInUse();
  const slug = taken.has(meeting.slug)
    ? chooseSlug(meeting.provenance.sourceSlug, meeting.name, taken)
    : meeting.slug;
  const stored: Meeting = { ...meeting, slug, updatedAt: options.at };
  // No source hash: whatever a refresh brings for it is news.
  await repos.meetings.insert([{ meeting: stored, contentHash: '' }]);
  const entry = historyEntry(stored, options.action, {
    changeSet: options.changeSet ?? randomUUID(),
    at: options.at,
    author: options.author,
    snapshot: stored,
    ...(options.undoes !== undefined ? { undoes: options.undoes } : {}),
  });
  await repos.history.insert([entry]);
  return { meeting: stored, entry };
}

/**
 * Removes a meeting, keeping its last state in the history. An imported one is remembered as
 * deleted, so the next refresh of its source does not bring it back.
 */
export async function writeRemoval(
  repos: Repositories,
  meeting: Meeting,
  options: WriteOptions,
): Promise<HistoryEntry> {
  if (isImportedSource(await sourceOf(repos, meeting.provenance.sourceId)))
    await repos.history.addTombstone({
      sourceId: meeting.provenance.sourceId,
      sourceSlug: meeting.provenance.sourceSlug,
      meetingId: meeting.id,
      deletedAt: options.at,
    });
  await repos.meetings.remove([meeting.id]);
  const entry = historyEntry(meeting, options.action, {
    changeSet: options.changeSet ?? randomUUID(),
    at: options.at,
    author: options.author,
    snapshot: meeting,
    ...(options.undoes !== undefined ? { undoes: options.undoes } : {}),
  });
  await repos.history.insert([entry]);
  return entry;
}
