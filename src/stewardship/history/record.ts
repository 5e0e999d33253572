/**
 * Writing history entries and keeping editors' values over imported meetings. Everything here
 * runs inside the transaction of the change it records.
 */
import { randomBytes } from 'node:crypto';
import type { Meeting } from '../../meetings/model.js';
import type { Repositories } from '../../repositories.js';
import type { Source } from '../../sources/model.js';
import { overridableFields, sameFieldValue, type FieldChange } from './meeting-fields.js';
import type { ChangeAuthor, HistoryAction, HistoryEntry } from './model.js';

let sequence = 0;

/**
 * A history id that sorts in the order entries were made: the time, a per-process counter, and
 * random bits (UUID-shaped, like version 7), so entries of the same millisecond keep their order.
 */
export function historyId(at: Date): string {
  sequence = (sequence + 1) % 0x10000;
  const hex =
    at.getTime().toString(16).padStart(12, '0').slice(-12) +
    sequence.toString(16).padStart(4, '0') +
    randomBytes(8).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** An entry for one meeting's change. */
export function historyEntry(
  meeting: Pick<Meeting, 'id' | 'slug' | 'provenance'>,
  action: HistoryAction,
  details: {
    changeSet: string;
    at: string;
    author: ChangeAuthor;
    changes?: FieldChange[];
    snapshot?: Meeting;
    undoes?: string;
  },
): HistoryEntry {
  const { author } = details;
  return {
    id: historyId(new Date(details.at)),
    changeSet: details.changeSet,
    meetingId: meeting.id,
    slug: meeting.slug,
    sourceId: meeting.provenance.sourceId,
    action,
    at: details.at,
    changes: details.changes ?? [],
    ...(author.personId !== undefined ? { actorId: author.personId } : {}),
    ...(author.sourceId !== undefined ? { actorSourceId: author.sourceId } : {}),
    // Not copied: an entry is serialised as soon as it is made, before anyone changes the meeting.
    ...(details.snapshot !== undefined ? { snapshot: details.snapshot } : {}),
    ...(details.undoes !== undefined ? { undoes: details.undoes } : {}),
  };
}

/**
 * True when a source's meetings come from upstream (a file or URL it is refreshed from). A source
 * without one holds meetings kept here, which need no overrides: nothing refreshes them.
 */
export function isImportedSource(source: Pick<Source, 'location'> | undefined): boolean {
  return source?.location !== undefined && source.location !== '';
}

/** The source of a meeting, or undefined when it is gone. */
export async function sourceOf(repos: Repositories, sourceId: string): Promise<Source | undefined> {
  return (await repos.sources.list()).find((s) => s.id === sourceId);
}

/**
 * Keeps a person's changes to an imported meeting as overrides, so the next refresh re-applies
 * them: a first change remembers the source's value it replaced; a change back to the source's
 * value drops the override.
 */
export async function keepOverrides(
  repos: Repositories,
  meetingId: string,
  changes: readonly FieldChange[],
  at: string,
  personId: string | undefined,
): Promise<void> {
  const relevant = changes.filter((c) => overridableFields.includes(c.field));
  if (relevant.length === 0) return;
  const existing = new Map((await repos.history.overridesOf([meetingId])).map((o) => [o.field, o]));
  for (const change of relevant) {
    const current = existing.get(change.field);
    const upstream = current === undefined ? change.before : current.base;
    if (sameFieldValue(change.field, change.after, upstream)) {
      if (current !== undefined) await repos.history.deleteOverride(meetingId, change.field);
      continue;
    }
    await repos.history.saveOverride({
      meetingId,
      field: change.field,
      at,
      ...(change.after !== undefined ? { value: change.after } : {}),
      ...(upstream !== undefined ? { base: upstream } : {}),
      ...(personId !== undefined ? { editorId: personId } : {}),
      ...(current?.conflict !== undefined ? { conflict: current.conflict } : {}),
    });
  }
}
