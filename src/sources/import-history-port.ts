/**
 * The port an import records its history through. Keeping the list (history, editors'
 * overrides, deleted meetings) implements it; the store hands it to every import as
 * `repos.importHistory`, bound to the import's own transaction, so sources never import it.
 */
import type { MeetingDraft } from '../meetings/model.js';
import type { StoredMeeting } from '../meetings/repository.js';

export interface ImportHistory {
  /** True for a draft an editor deleted here: the refresh must not bring it back. */
  skip(draft: MeetingDraft): boolean;
  /** Records meetings about to be inserted. */
  added(items: readonly StoredMeeting[]): Promise<void>;
  /** Puts overrides back on meetings about to be updated, and records what changes. */
  updating(items: StoredMeeting[]): Promise<void>;
  /** Records meetings about to be removed, with their last state. */
  removing(ids: readonly string[]): Promise<void>;
}

/** Starts the history of one import of `sourceId` at `at` (an ISO instant). */
export type StartImportHistory = (sourceId: string, at: string) => Promise<ImportHistory>;
