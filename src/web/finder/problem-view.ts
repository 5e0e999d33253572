/** A refused search in words, naming the field by the label the person sees on the form. */
import type { SearchParams } from '../../search/parse-params.js';
import type { MessageId, Translate } from '../i18n/translator.js';
import type { FinderProblem } from './find-meetings.js';

/** The form label (or a plain name, for parameters without a control) of each parameter. */
export const fieldLabels: Record<string, MessageId> = {
  near: 'finder.near',
  q: 'finder.q',
  day: 'finder.day',
  from: 'finder.time',
  to: 'finder.time',
  time: 'finder.time',
  starting_within: 'finder.soon',
  attendance: 'finder.attendance',
  program: 'finder.program',
  focus: 'finder.focus',
  types: 'finder.types',
  lang: 'finder.lang',
  wheelchair: 'finder.wheelchair',
  rides: 'finder.rides',
  radius: 'finder.radius',
  units: 'finder.units',
  sort: 'finder.sort',
  nearest: 'finder.field.nearest',
  in_progress: 'finder.field.in_progress',
  date: 'finder.field.date',
  include_closed: 'finder.field.include_closed',
  limit: 'finder.field.limit',
  cursor: 'finder.field.cursor',
  tz: 'finder.field.tz',
};

/** The sentence shown above the form for a refused search. */
export function problemText(problem: FinderProblem, params: SearchParams, t: Translate): string {
  if (problem.code === 'PL_AMBIGUOUS_PLACE') {
    return t('finder.problem.ambiguous', { place: problem.value ?? params.near ?? '' });
  }
  if (problem.code === 'PL_UNKNOWN_PLACE') {
    return t('finder.problem.place', { place: problem.value ?? params.near ?? '' });
  }
  // A distance, a nearest count or a sort by distance without a place to measure from.
  if ((problem.field === 'near' && params.near === undefined) || problem.field === 'sort') {
    if (params.near === undefined) return t('finder.problem.needsPlace');
  }
  if (problem.code === 'PL_UNKNOWN_TYPE') {
    return t('finder.problem.type', { value: problem.value ?? params.types ?? '' });
  }
  const label = fieldLabels[problem.field];
  return t('finder.problem.field', { field: label === undefined ? problem.field : t(label) });
}
