import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonYielding } from './json-yielding.js';

/** The answer of JSON.parse, or its error message. */
function plain(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The answer of the sliced parser, its error message, and how many turns it gave. */
async function sliced(text: string, sliceChars: number) {
  let turns = 0;
  const turn = () => {
    turns++;
    return Promise.resolve();
  };
  try {
    return { value: await parseJsonYielding(text, turn, sliceChars), turns };
  } catch (error) {
    return { error: (error as Error).message, turns };
  }
}

describe('parseJsonYielding', () => {
  it('gives a long array back in slices, with a turn between them', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({
      slug: `m-${i}`,
      name: `Meeting "${i}" \\ [a], {b}`,
      day: [i % 7],
      notes: i % 3 === 0 ? null : 'a, b, c',
    }));
    const text = JSON.stringify(rows, null, 2);
    const { value, turns } = await sliced(text, 1000);
    expect(value).toEqual(rows);
    expect(turns).toBeGreaterThan(text.length / 2000);
  });

  it('answers as JSON.parse does for any text, valid or not', async () => {
    const json = fc.json({ maxDepth: 3 });
    const texts = fc.oneof(
      fc.array(json, { maxLength: 30 }).map((items) => `[${items.join(',')}]`),
      // Damaged arrays: a character cut out or added somewhere.
      fc
        .tuple(
          fc.array(json, { minLength: 1, maxLength: 20 }),
          fc.nat(),
          fc.constantFrom('', ',', ']', '"', '\\', '{', ' '),
        )
        .map(([items, at, extra]) => {
          const text = ` [ ${items.join(' , ')} ] `;
          const i = at % text.length;
          return extra === ''
            ? text.slice(0, i) + text.slice(i + 1)
            : text.slice(0, i) + extra + text.slice(i);
        }),
      json,
    );
    await fc.assert(
      fc.asyncProperty(texts, fc.integer({ min: 1, max: 40 }), async (text, sliceChars) => {
        const { turns: _turns, ...answer } = await sliced(text, sliceChars);
        expect(answer).toEqual(plain(text));
      }),
      { numRuns: 500 },
    );
  });

  it('names the same error as JSON.parse for a trailing comma or trailing text', async () => {
    for (const text of ['[1, 2, 3,]', '[1, 2, 3] x', '[1, 2, 3', '[1,, 2]', '{"a": [1, 2, 3]']) {
      expect(await sliced(text, 2)).toMatchObject(plain(text));
    }
  });
});
