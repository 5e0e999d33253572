/**
 * What a service body reads of the demand counts: the cells where a need went unmet at least
 * K_ANONYMITY times over a period, each by its rounded middle. A cell under the threshold is
 * not shown at all, not even as "fewer than 10" (decision 0108).
 */
import { Temporal } from 'temporal-polyfill';
import type { Actor } from '../accounts/model.js';
import { PorchlightError } from '../platform/errors.js';
import { cellCentre, isoWeekOfDate } from './cells.js';
import type { DemandRepository } from './demand-repository.js';
import { isNeed } from './needs.js';
import type { NeedOptions } from './options-near.js';

/** Searches a cell needs in the period before it is shown. */
export const K_ANONYMITY = 10;

/** The longest period asked for at once (about two years of weeks). */
const MAX_DAYS = 731;

export interface DemandCell extends Partial<NeedOptions> {
  latitude: number;
  longitude: number;
  /** Unmet searches for the need in the cell over the weeks of the period. */
  searches: number;
}

export interface DemandPeriod {
  need: string;
  from: string;
  to: string;
}

export interface UnmetDemandDeps {
  repository: Pick<DemandRepository, 'totals'>;
  /** Writes the counts still in memory, so what is read is complete. */
  flush(): Promise<void>;
  /** The rooms and online meetings that already meet a need, near a cell (when known). */
  optionsNear?: (need: string, point: { latitude: number; longitude: number }) => NeedOptions;
}

/** Service-body editors and administrators read demand; group contacts and others do not. */
export function mayReadDemand(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'administrator' || g.role === 'editor');
}

/** The cells at or over the threshold for the need, most searches first. */
export async function unmetDemand(
  deps: UnmetDemandDeps,
  actor: Actor | undefined,
  period: DemandPeriod,
): Promise<DemandCell[]> {
  if (actor === undefined) throw new PorchlightError('PL_SIGN_IN_REQUIRED');
  if (!mayReadDemand(actor))
    throw new PorchlightError('PL_FORBIDDEN', 'Only service-body staff read where needs go unmet.');
  const { fromWeek, toWeek } = weeksOf(period);
  await deps.flush();
  const totals = await deps.repository.totals(period.need, fromWeek, toWeek, K_ANONYMITY);
  return totals.map(({ cell, count }) => {
    const centre = cellCentre(cell);
    const options = deps.optionsNear?.(period.need, centre);
    return { ...centre, searches: count, ...options };
  });
}

/** The ISO weeks a period covers, the week of each end included; a clear error otherwise. */
function weeksOf(period: DemandPeriod): { fromWeek: string; toWeek: string } {
  if (!isNeed(period.need))
    throw invalid(
      'need',
      'need must be a group (women, men, young_people, lgbtq, people_of_color, black, indigenous, seniors, veterans), lang:xx, program:id or focus:area.',
    );
  const from = date(period.from, 'from');
  const to = date(period.to, 'to');
  const days = from.until(to).total({ unit: 'days' });
  if (days < 0) throw invalid('to', 'to must not be before from.');
  if (days > MAX_DAYS) throw invalid('to', `The period may be at most ${MAX_DAYS} days.`);
  return { fromWeek: isoWeekOfDate(from), toWeek: isoWeekOfDate(to) };
}

function date(text: string, field: string): Temporal.PlainDate {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    try {
      return Temporal.PlainDate.from(text, { overflow: 'reject' });
    } catch {
      // refused below
    }
  }
  throw invalid(field, `${field} must be a date, YYYY-MM-DD.`);
}

function invalid(field: string, message: string): PorchlightError {
  return new PorchlightError('PL_INVALID_QUERY', message, { field });
}
