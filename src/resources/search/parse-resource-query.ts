/**
 * `GET /api/v1/resources/search` parameters into a ResourceQuery. Places, radius and units are
 * read by the meeting search's own rules (`near` a ZIP code, a town or `lat,lng`; 25 mi by
 * default); every refusal names its parameter and carries a stable code.
 */
import { normaliseLanguageTag } from '../../meetings/languages.js';
import { PorchlightError } from '../../platform/errors.js';
import { parseDecimalParam, parseIntegerParam } from '../../platform/http/query-params.js';
import { list, parseNear, type PlaceResolver } from '../../search/parse-params.js';
import { KM_PER_MILE } from '../../search/distance.js';
import { searchDefaults } from '../../search/query.js';
import { costKinds, moudKinds, servedGroups } from '../model.js';
import { findNeed } from '../needs.js';
import { attributeFlags, type ResourceQuery } from './resource-index.js';

export const resourceParamNames = [
  'near',
  'radius',
  'units',
  'need',
  'q',
  'open_now',
  'lang',
  'cost',
  'moud',
  'serves',
  'attributes',
  'limit',
  'cursor',
] as const;
export type ResourceParams = Partial<Record<(typeof resourceParamNames)[number], string>>;

function fail(
  field: string,
  message: string,
  code: 'PL_INVALID_QUERY' | 'PL_UNKNOWN_PLACE' = 'PL_INVALID_QUERY',
): never {
  throw new PorchlightError(code, message, { field });
}

function oneOf<T extends string>(text: string, allowed: readonly T[], field: string): T {
  const key = text.toLowerCase().replace(/[\s-]+/g, '_');
  if (!(allowed as readonly string[]).includes(key)) {
    fail(field, `"${text.slice(0, 40)}" is not one of ${allowed.join(', ')}.`);
  }
  return key as T;
}

/** A cursor is the offset of the next page, opaque to clients. */
export function encodeResourceCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^o:(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) fail('cursor', 'The cursor is not one this server handed out.');
  return Number(match[1]);
}

export function parseResourceQuery(
  params: ResourceParams,
  context: { now: number; resolvePlace: PlaceResolver },
): ResourceQuery {
  const units =
    params.units === undefined ? 'mi' : oneOf(params.units, ['mi', 'km'] as const, 'units');
  const query: ResourceQuery = {
    now: context.now,
    radiusKm: searchDefaults.radiusKm,
    limit: searchDefaults.limit,
    offset: 0,
  };
  if (params.near !== undefined && params.near.trim() !== '') {
    query.near = parseNear(params.near, context.resolvePlace);
  }
  if (params.radius !== undefined) {
    const value = parseDecimalParam(params.radius, 'radius', { min: -1e9, max: 1e9 });
    const km = units === 'mi' ? value * KM_PER_MILE : value;
    if (!(Number.isFinite(km) && km > 0 && km <= searchDefaults.maxRadiusKm)) {
      const max =
        units === 'mi'
          ? Math.floor(searchDefaults.maxRadiusKm / KM_PER_MILE)
          : searchDefaults.maxRadiusKm;
      fail('radius', `The radius must be above 0 and at most ${max} ${units}.`);
    }
    if (query.near === undefined) fail('near', 'A radius needs a place (near).');
    query.radiusKm = km;
  }
  if (params.need !== undefined) {
    query.needs = list(params.need, 'need').map((text) => {
      const need = findNeed(text);
      if (need === undefined)
        fail('need', `"${text.slice(0, 40)}" is not a need of the Open Eligibility taxonomy.`);
      return need.code;
    });
  }
  if (params.q !== undefined && params.q.trim() !== '') {
    if (params.q.length > 200) fail('q', 'The search text is longer than 200 characters.');
    query.text = params.q.trim();
  }
  if (params.open_now !== undefined) {
    if (['1', 'true', 'yes', 'on'].includes(params.open_now)) query.openNow = true;
    else if (['0', 'false', 'no', 'off'].includes(params.open_now)) query.openNow = false;
    else fail('open_now', 'open_now must be true or false.');
  }
  if (params.lang !== undefined) {
    query.languages = list(params.lang, 'lang').map((tag) => {
      const normalised = normaliseLanguageTag(tag);
      if (normalised === undefined)
        fail('lang', `"${tag.slice(0, 40)}" is not a language tag such as en or es.`);
      return normalised;
    });
  }
  if (params.cost !== undefined)
    query.costs = list(params.cost, 'cost').map((c) => oneOf(c, costKinds, 'cost'));
  if (params.moud !== undefined)
    query.moud = list(params.moud, 'moud').map((m) => oneOf(m, moudKinds, 'moud'));
  if (params.serves !== undefined) {
    query.serves = list(params.serves, 'serves').map((s) => oneOf(s, servedGroups, 'serves'));
  }
  if (params.attributes !== undefined) {
    query.attributes = list(params.attributes, 'attributes').map((a) =>
      oneOf(a, attributeFlags, 'attributes'),
    );
  }
  if (params.limit !== undefined) {
    query.limit = parseIntegerParam(params.limit, 'limit', {
      min: 1,
      max: searchDefaults.maxLimit,
    });
  }
  if (params.cursor !== undefined && params.cursor !== '') {
    if (params.cursor.length > 100) fail('cursor', 'The cursor is not one this server handed out.');
    query.offset = decodeCursor(params.cursor);
  }
  return query;
}
