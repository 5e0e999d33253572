/**
 * The port through which the search service keeps its index snapshot (decision 0092): read the
 * one made for the store's current revision at start, write one after a build and when changes
 * have settled. `fileSnapshots` keeps it in one file (`snapshot-location.ts` says which).
 */
import { runStepsYielding, type YieldToLoop, runSteps } from '../platform/loop-yield.js';
import type { SearchIndex } from './search-index.js';
import {
  readSnapshotFile,
  snapshotWriteSteps,
  writeSnapshotFile,
  type BringForward,
  type SnapshotRead,
} from './snapshot-file.js';
import type { SnapshotLocation } from './snapshot-location.js';

export interface IndexSnapshots {
  /**
   * The index saved for this store revision (or for an older one `behind` accepts), or why
   * there is none to use.
   */
  read(revision: number, behind?: BringForward): Promise<SnapshotRead>;
  /**
   * Saves `index` as showing `revision`, giving the loop turns while it prepares; `unchanged`
   * must stay true until the file is in place, or nothing is kept. True when saved.
   */
  write(
    index: SearchIndex,
    revision: number,
    turn: YieldToLoop | undefined,
    unchanged: () => boolean,
  ): Promise<boolean>;
}

export function fileSnapshots(location: SnapshotLocation): IndexSnapshots {
  const { file, identity } = location;
  return {
    read: (revision, behind) => readSnapshotFile(file, { identity, revision }, behind),
    async write(index, revision, turn, unchanged) {
      const steps = snapshotWriteSteps(index, { identity, revision });
      const prepared = turn === undefined ? runSteps(steps) : await runStepsYielding(steps, turn);
      if (!unchanged()) return false;
      return writeSnapshotFile(file, prepared, unchanged);
    },
  };
}
