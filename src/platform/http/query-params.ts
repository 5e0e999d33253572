/**
 * The one reader of numbers and repeated values in query strings. Every numeric parameter of
 * every route comes through here: written in plain decimal digits, finite, inside its bounds.
 * Ajv's own coercion turns "Infinity" and "1e999" into a number that then skips the `maximum`
 * check, so integer parameters declared in a route's schema are read here before validation.
 */
import type { RouteOptions } from 'fastify';
import { PorchlightError } from '../errors.js';

export interface NumberBounds {
  min: number;
  max: number;
}

const integerPattern = /^[+-]?\d{1,15}$/;
const decimalPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;
const maxDecimalLength = 40;

/** A whole number within bounds, or undefined (for readers that ignore what they cannot read). */
export function readInteger(text: string, bounds: NumberBounds): number | undefined {
  const trimmed = text.trim();
  if (!integerPattern.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= bounds.min && n <= bounds.max ? n : undefined;
}

/** A finite decimal number (`2.5`, `1e-3`; never `Infinity` or hex) within bounds, or undefined. */
export function readDecimal(text: string, bounds: NumberBounds): number | undefined {
  const trimmed = text.trim();
  if (trimmed.length > maxDecimalLength || !decimalPattern.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) && n >= bounds.min && n <= bounds.max ? n : undefined;
}

/** A whole number within bounds, or a PL_INVALID_QUERY naming the parameter. */
export function parseIntegerParam(text: string, field: string, bounds: NumberBounds): number {
  const n = readInteger(text, bounds);
  if (n === undefined)
    throw invalid(field, `${field} must be a whole number from ${range(bounds)}.`);
  return n;
}

/** A decimal number within bounds, or a PL_INVALID_QUERY naming the parameter. */
export function parseDecimalParam(text: string, field: string, bounds: NumberBounds): number {
  const n = readDecimal(text, bounds);
  if (n === undefined) throw invalid(field, `${field} must be a number from ${range(bounds)}.`);
  return n;
}

/**
 * A `fields` list (`fields=slug,name,next`): the names asked for, each once, in the order of
 * `allowed` (so one answer shape per set of names), or a PL_INVALID_QUERY naming the parameter
 * and the first unknown name. An empty list is refused too: it would ask for empty objects.
 */
export function parseFieldsParam<F extends string>(
  text: string,
  allowed: readonly F[],
  field = 'fields',
): F[] {
  const asked = new Set<string>();
  for (const part of text.split(',')) {
    const name = part.trim();
    if (name !== '') asked.add(name);
  }
  for (const name of asked) {
    if (!(allowed as readonly string[]).includes(name))
      throw invalid(
        field,
        `${field} names ${clip(name)}, which is not one of ${allowed.join(', ')}.`,
      );
  }
  if (asked.size === 0)
    throw invalid(field, `${field} must name at least one of ${allowed.join(', ')}.`);
  return allowed.filter((name) => asked.has(name));
}

/** Only the named fields of an object, those left undefined left out. */
export function pickFields<T extends object, F extends keyof T>(
  value: T,
  fields: readonly F[],
): Partial<Pick<T, F>> {
  const picked: Partial<Pick<T, F>> = {};
  for (const name of fields) {
    const v = value[name];
    if (v !== undefined) picked[name] = v;
  }
  return picked;
}

/**
 * The schema keyword that marks a string parameter as a list: comma-separated, and a repeated
 * parameter (`program=aa&program=na`) is read as the same list.
 */
export const LIST_KEYWORD = 'x-list';

/** Schema options for a list parameter (spread into `Type.String`). */
export const listOptions = { [LIST_KEYWORD]: true } as const;

interface PropertySchema {
  type?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  [LIST_KEYWORD]?: unknown;
}

interface QuerySchema {
  properties?: Record<string, PropertySchema>;
  additionalProperties?: unknown;
}

type Prepare = (query: Record<string, unknown>) => void;

/**
 * Reads a route's query against its schema before validation: integers through the strict
 * parser, repeated list parameters joined, a repeated single value and (when the schema closes
 * its parameters with `additionalProperties: false`) an unknown parameter refused by name.
 * Returns undefined for a route without a query schema.
 */
export function queryPreparer(schema: unknown): Prepare | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const { properties = {}, additionalProperties } = schema as QuerySchema;
  const integers = new Map<string, NumberBounds>();
  for (const [name, property] of Object.entries(properties)) {
    if (property.type !== 'integer' && property.type !== 'number') continue;
    if (typeof property.minimum !== 'number' || typeof property.maximum !== 'number')
      throw new Error(`The query parameter ${name} needs a minimum and a maximum.`);
    if (property.type === 'number')
      throw new Error(`The query parameter ${name} is a decimal: read it with parseDecimalParam.`);
    integers.set(name, { min: property.minimum, max: property.maximum });
  }
  const closed = additionalProperties === false;
  const known = Object.keys(properties);
  return (query) => {
    for (const name of Object.keys(query)) {
      const property = properties[name];
      if (property === undefined) {
        if (closed)
          throw invalid(
            name,
            `${clip(name)} is not a parameter here; the parameters are ${known.join(', ')}.`,
          );
        continue;
      }
      let value = query[name];
      if (Array.isArray(value)) {
        if (property[LIST_KEYWORD] !== true)
          throw invalid(name, `${name} is given more than once; give it once.`);
        value = (value as unknown[]).filter((v) => typeof v === 'string').join(',');
        query[name] = value;
      }
      const bounds = integers.get(name);
      if (bounds !== undefined && typeof value === 'string')
        query[name] = parseIntegerParam(value, name, bounds);
    }
  };
}

/**
 * An `onRoute` hook that puts the query reader in front of the validation of every route with
 * a query schema (it throws at start for an unbounded numeric parameter).
 */
export function prepareQueries(route: RouteOptions): void {
  const prepare = queryPreparer(route.schema?.querystring);
  if (prepare === undefined) return;
  const hook = (request: { query: unknown }, _reply: unknown, done: (err?: Error) => void) => {
    try {
      if (request.query !== null && typeof request.query === 'object')
        prepare(request.query as Record<string, unknown>);
      done();
    } catch (error) {
      done(error as Error);
    }
  };
  const existing = route.preValidation;
  route.preValidation =
    existing === undefined ? [hook] : [hook, ...(Array.isArray(existing) ? existing : [existing])];
}

function invalid(field: string, message: string): PorchlightError {
  return new PorchlightError('PL_INVALID_QUERY', message, { field: clip(field) });
}

function range(bounds: NumberBounds): string {
  return `${bounds.min} to ${bounds.max}`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
