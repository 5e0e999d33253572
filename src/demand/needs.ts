/**
 * Which tailored needs a search asked for, and whether it went unmet: the words a service body
 * reads ("women", "lang:es", "program:na", "focus:gambling"), taken from the resolved query so
 * the finder, the API and the text line count alike.
 */
import { focusAreas } from '../meetings/model.js';
import { getProgram, groupTags, isProgramId, type GroupTag } from '../meetings/programs.js';
import type { SearchAnswer } from '../search/answer.js';
import type { SearchParams } from '../search/parse-params.js';
import type { SearchQuery } from '../search/query.js';

/**
 * The tailored needs of a query. A type group counts as a group tag when every program code it
 * stands for carries that tag ("women" spans AA's W and NA's W); other type codes are not a
 * need of their own.
 */
export function needsOf(query: SearchQuery): string[] {
  const needs = new Set<string>();
  for (const group of query.typeGroups ?? []) {
    const tag = groupTagOf(group);
    if (tag !== undefined) needs.add(tag);
  }
  for (const language of query.languages ?? [])
    needs.add(`lang:${language.split('-')[0]!.toLowerCase()}`);
  for (const program of query.programs ?? []) needs.add(`program:${program}`);
  for (const focus of query.focus ?? []) needs.add(`focus:${focus}`);
  return [...needs];
}

function groupTagOf(keys: readonly string[]): GroupTag | undefined {
  return groupTags.find((tag) =>
    keys.every((key) => {
      const [programId, code] = key.split(':') as [string, string];
      return getProgram(programId)?.types.get(code)?.tags?.includes(tag) ?? false;
    }),
  );
}

/**
 * True when a person asked for rooms near a place and none matched within the radius (the
 * rural fallback reports none), or the N nearest came back empty. A search for online meetings
 * only, or without a place, is not a room wanted near anywhere.
 */
export function foundNoRoomNear(query: SearchQuery, answer: SearchAnswer): boolean {
  if (query.near === undefined || query.cursor !== undefined) return false;
  if (query.nearest !== undefined) return answer.results.length === 0;
  return answer.fallback !== undefined && answer.fallback.inPersonWithinRadius === 0;
}

/** True when a `need` parameter names a need this counts ("women", "lang:es", ...). */
export function isNeed(need: string): boolean {
  if ((groupTags as readonly string[]).includes(need)) return true;
  const [kind, value = ''] = need.split(':', 2);
  if (kind === 'lang') return /^[a-z]{2,3}$/.test(value);
  if (kind === 'program') return isProgramId(value);
  if (kind === 'focus') return (focusAreas as readonly string[]).includes(value);
  return false;
}

/** The search parameters that ask for a need (the reverse of `needsOf`). */
export function paramsForNeed(need: string): SearchParams {
  const [kind, value = ''] = need.split(':', 2);
  if (kind === 'lang') return { lang: value };
  if (kind === 'program') return { program: value };
  if (kind === 'focus') return { focus: value };
  return { types: need };
}
