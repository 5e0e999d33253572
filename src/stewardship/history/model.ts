/**
 * History of meetings: every change, by whom or by which source, with each field's value before
 * and after. Plain data, no I/O.
 */
import type { Meeting } from '../../meetings/model.js';
import type { FieldChange, MeetingField } from './meeting-fields.js';

/** What kind of change an entry records. */
export const historyActions = [
  'import.add',
  'import.update',
  'import.remove',
  'create',
  'edit',
  'delete',
  'approve',
  'revert',
  'restore',
  'verify',
  'resolve',
] as const;
export type HistoryAction = (typeof historyActions)[number];

/** Actions whose entry holds the whole meeting: the meeting as added, or as it was when removed. */
export const removals: readonly HistoryAction[] = ['import.remove', 'delete'];
export const additions: readonly HistoryAction[] = ['import.add', 'create', 'restore'];

export interface HistoryEntry {
  id: string;
  /** Entries written in one transaction share it. */
  changeSet: string;
  meetingId: string;
  slug: string;
  sourceId: string;
  action: HistoryAction;
  /** The person who made the change, when a person did. */
  actorId?: string;
  /** The source whose import made the change, when an import did. */
  actorSourceId?: string;
  at: string;
  changes: FieldChange[];
  /** The whole meeting: as added (additions) or as it was (removals). */
  snapshot?: Meeting;
  /** The entry this one undid. */
  undoes?: string;
}

/** An editor's value of one field of an imported meeting, kept over the source's. */
export interface Override {
  meetingId: string;
  field: MeetingField;
  value?: unknown;
  /** The source's value when the editor changed it: a refresh that brings another is a conflict. */
  base?: unknown;
  editorId?: string;
  at: string;
  conflict?: Conflict;
}

/** The source changed a field an editor had fixed: what it said before, what it says now. */
export interface Conflict {
  before?: unknown;
  after?: unknown;
  at: string;
}

/** Who made a change: a person, a source's import, or the command line (neither). */
export type ChangeAuthor = { personId?: string; sourceId?: string };
