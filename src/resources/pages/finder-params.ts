/**
 * The resource finder's URL: the search API's own parameter names (a finder URL is a shareable
 * search), read from a GET form. Checkboxes repeat a name (`cost=free&cost=medicaid`) where
 * the API takes a comma list; an empty choice ("any") is no filter.
 */
import { resourceParamNames, type ResourceParams } from '../search/parse-resource-query.js';

/** The parameters of a page request, as the API would take them. */
export function readResourceForm(query: Record<string, unknown>): ResourceParams {
  const params: ResourceParams = {};
  for (const name of resourceParamNames) {
    const raw = query[name];
    const values = (Array.isArray(raw) ? raw : [raw]).filter(
      (v): v is string => typeof v === 'string' && v.trim() !== '',
    );
    if (values.length > 0) params[name] = values.join(',');
  }
  // A radius with no place is the form's default choice, not a request.
  if (params.near === undefined) delete params.radius;
  return params;
}

/** `?near=...&need=...`, or '' with no parameter; `overrides` replace (or with '' remove) some. */
export function resourceQueryString(
  params: ResourceParams,
  overrides: ResourceParams = {},
): string {
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...params, ...overrides })) {
    if (value !== undefined && value !== '') merged[name] = value;
  }
  const text = new URLSearchParams(merged).toString();
  return text === '' ? '' : `?${text}`;
}
