import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, unguardCell } from './formula-guard.js';

describe('formula guard', () => {
  it('prefixes cells a spreadsheet would run as formulas', () => {
    expect(guardCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(guardCell('+1 (413) 555-0100')).toBe("'+1 (413) 555-0100");
    expect(guardCell('@group')).toBe("'@group");
    expect(guardCell('-- bring a friend')).toBe("'-- bring a friend");
    expect(guardCell('\t=1')).toBe("'\t=1");
    expect(guardCell('Hope')).toBe('Hope');
    // Plain numbers are not formulas: coordinates stay numbers.
    expect(guardCell('-72.5995')).toBe('-72.5995');
  });

  it('gives back every value, whatever it starts with', () => {
    const start = fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', '1', ' ');
    const value = fc
      .tuple(fc.array(start, { maxLength: 4 }), fc.string())
      .map(([s, rest]) => s.join('') + rest);
    fc.assert(
      fc.property(value, (v) => {
        const guarded = guardCell(v);
        expect(unguardCell(guarded)).toBe(v);
        expect(/^[=+\-@\t\r]/.test(guarded) && !/^-?\d+(\.\d+)?$/.test(guarded)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
