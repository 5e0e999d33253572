import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachPosting } from './postings.js';
import { STATUS_REMOVED } from './row-codes.js';
import { makeMeeting } from './test-meetings.js';
import { meetingSearchTexts, searchWords } from './text.js';
import { WordIndex } from './word-index.js';

const wordsOf = (m: Parameters<typeof meetingSearchTexts>[0]): string[] =>
  [...new Set(meetingSearchTexts(m).flatMap(searchWords))].sort();

/** The words each row has, from the postings (and, for rows written since, their own list). */
function rowWords(index: WordIndex, rows: number): string[][] {
  const byRow: string[][] = Array.from({ length: rows }, () => []);
  for (let word = 0; word < index.text.length; word++) {
    forEachPosting(index.postings, word, (row) => byRow[row]!.push(index.text[word]!));
  }
  for (const [row, ids] of index.dirty) byRow[row] = Array.from(ids, (id) => index.text[id]!);
  return byRow.map((words) => words.sort());
}

const textArb = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom("St. Mark's Church", 'Café Grupo', 'O`Brien Hall', 'ÉGLISE St-Jean', '12 Step'),
);

describe('the word index', () => {
  it('reads the same words as searchWords, ASCII or not, built or written one by one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(textArb, textArb, textArb), { minLength: 1, maxLength: 8 }),
        (texts) => {
          const meetings = texts.map(([name, city, notes], i) =>
            makeMeeting({ slug: `m${i}`, name, notes, place: { address: { city } } }),
          );
          const built = new WordIndex();
          built.startBuild(meetings.length);
          meetings.forEach((m, row) => built.add(row, m));
          built.sort();
          built.rebuildPostings(meetings.length, new Uint8Array(meetings.length));
          built.endBuild();
          expect(rowWords(built, meetings.length)).toEqual(meetings.map(wordsOf));

          const oneByOne = new WordIndex();
          meetings.forEach((m, row) => oneByOne.add(row, m));
          oneByOne.sort();
          expect(rowWords(oneByOne, meetings.length)).toEqual(meetings.map(wordsOf));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('finds the words a prefix begins, in text order', () => {
    const index = new WordIndex();
    const names = ['Green Valley', 'Greenfield Group', 'Evergreen', 'Gratitude', 'green'];
    names.forEach((name, row) => index.add(row, makeMeeting({ slug: `m${row}`, name })));
    index.sort();
    const texts = (ids: number[]) => ids.map((id) => index.text[id]);
    expect(texts(index.withPrefix('green'))).toEqual(['green', 'greenfield']);
    expect(texts(index.withPrefix('gr'))).toEqual(['gratitude', 'green', 'greenfield', 'group']);
    expect(index.withPrefix('zz')).toEqual([]);
  });

  it('folds rows written since the build into the postings, leaving removed rows out', () => {
    const index = new WordIndex();
    const first = [
      makeMeeting({ slug: 'a', name: 'Serenity Hall', place: { address: {} } }),
      makeMeeting({ slug: 'b', name: 'Hope Hall', place: { address: {} } }),
    ];
    index.startBuild(2);
    first.forEach((m, row) => index.add(row, m));
    index.sort();
    index.rebuildPostings(2, new Uint8Array(2));
    index.endBuild();
    // Row 1 changes (as a fresh row 2), row 0 stays.
    index.add(2, makeMeeting({ slug: 'b', name: 'Hope Chapel', place: { address: {} } }));
    index.sort();
    const status = Uint8Array.from([0, STATUS_REMOVED, 0]);
    index.rebuildPostings(3, status);
    expect(index.dirty.size).toBe(0);
    expect(rowWords(index, 3)).toEqual([['hall', 'serenity'], [], ['chapel', 'hope']]);
  });
});
