import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPorchlightError } from '../errors.js';
import {
  listOptions,
  parseIntegerParam,
  queryPreparer,
  readDecimal,
  readInteger,
} from './query-params.js';

const bounds = { min: 1, max: 500 };

describe('readInteger', () => {
  it('reads whole numbers within bounds and nothing else', () => {
    expect(readInteger('50', bounds)).toBe(50);
    expect(readInteger(' 7 ', bounds)).toBe(7);
    expect(readInteger('+3', bounds)).toBe(3);
    for (const text of ['Infinity', '1e999', '1e2', '2.5', '0x10', 'NaN', '', '501', '0', '1_0'])
      expect(readInteger(text, bounds), text).toBeUndefined();
  });

  it('never returns a number outside its bounds, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double().map(String), fc.bigInt().map(String)), (t) => {
        const n = readInteger(t, bounds);
        if (n !== undefined) expect(Number.isInteger(n) && n >= 1 && n <= 500).toBe(true);
      }),
    );
  });
});

describe('readDecimal', () => {
  it('reads finite decimals within bounds', () => {
    expect(readDecimal('2.5', { min: 0, max: 10 })).toBe(2.5);
    expect(readDecimal('1e-3', { min: 0, max: 10 })).toBe(0.001);
    for (const text of ['Infinity', '1e999', '-1e309', '0x10', '11', 'NaN', '.', ''])
      expect(readDecimal(text, { min: 0, max: 10 }), text).toBeUndefined();
  });
});

describe('parseIntegerParam', () => {
  it('refuses with PL_INVALID_QUERY naming the field', () => {
    try {
      parseIntegerParam('Infinity', 'per_page', bounds);
      expect.unreachable();
    } catch (error) {
      expect(isPorchlightError(error) && error.code).toBe('PL_INVALID_QUERY');
      expect(isPorchlightError(error) && error.details).toEqual({ field: 'per_page' });
      expect((error as Error).message).toBe('per_page must be a whole number from 1 to 500.');
    }
  });
});

describe('queryPreparer', () => {
  const schema = {
    type: 'object',
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: 100 },
      program: { type: 'string', ...listOptions },
      q: { type: 'string' },
    },
    additionalProperties: false,
  };

  it('reads integers, joins repeated lists and refuses the rest by name', () => {
    const prepare = queryPreparer(schema)!;
    const query: Record<string, unknown> = { limit: '5', program: ['aa', 'na'], q: 'x' };
    prepare(query);
    expect(query).toEqual({ limit: 5, program: 'aa,na', q: 'x' });
    const field = (q: Record<string, unknown>) => {
      try {
        prepare(q);
        return undefined;
      } catch (error) {
        return isPorchlightError(error) ? error.details?.field : 'not ours';
      }
    };
    expect(field({ limit: 'Infinity' })).toBe('limit');
    expect(field({ q: ['a', 'b'] })).toBe('q');
    expect(field({ limit: ['1', '2'] })).toBe('limit');
    expect(field({ foo: 'bar' })).toBe('foo');
  });

  it('lets an open schema pass unknown parameters on (pages)', () => {
    const query = { utm_source: 'x' };
    queryPreparer({ ...schema, additionalProperties: undefined })!(query);
    expect(query).toEqual({ utm_source: 'x' });
  });

  it('refuses at start a numeric parameter without bounds', () => {
    expect(() =>
      queryPreparer({ type: 'object', properties: { page: { type: 'integer', minimum: 1 } } }),
    ).toThrow(/page needs a minimum and a maximum/);
  });
});
