/**
 * A source's state in one word for the administrators' list, from what is stored about it: its
 * last report, its refresh job and any held snapshot. Pure.
 */
import type { ImportReport } from '../../sources/model.js';
import type { HeldStatus, RefreshStatus } from '../../sources/refresh-status.js';

export const sourceStates = ['held', 'refreshing', 'never_read', 'failing', 'ok'] as const;
export type SourceState = (typeof sourceStates)[number];

/**
 * `held` (a snapshot waits for a decision) comes first: it needs a person. Then `refreshing`
 * (a process holds the lease), `never_read`, `failing` (the last read failed or was refused;
 * the previous list is still shown) and `ok`.
 */
export function sourceState(source: {
  lastReport?: Pick<ImportReport, 'outcome'>;
  refresh?: Pick<RefreshStatus, 'running'>;
  held?: HeldStatus;
}): SourceState {
  if (source.held !== undefined) return 'held';
  if (source.refresh?.running === true) return 'refreshing';
  const outcome = source.lastReport?.outcome;
  if (outcome === undefined) return 'never_read';
  if (outcome === 'failed' || outcome === 'rejected') return 'failing';
  return 'ok';
}
