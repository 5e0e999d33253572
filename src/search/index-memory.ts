/** What the search index holds in memory, by part: for benchmarks and the metrics. */
import { columnArrays } from './row-columns.js';
import type { SearchIndex } from './search-index.js';
import { byteSize } from './typed-arrays.js';

/** Rough memory use of the index, in bytes, by part. */
export interface IndexMemory {
  total: number;
  parts: Record<string, number>;
}

/** Memory held by the index, by part (typed arrays exactly, strings and maps roughly). */
export function indexMemory(index: SearchIndex): IndexMemory {
  const words = index.words.memory();
  const parts: Record<string, number> = {
    rows: byteSize(...columnArrays(index)) + index.ids.byteLength,
    recurrences: index.schedules.byteLength,
    'types+languages': byteSize(index.typeKeys, index.languages),
    timeline: index.timeline.byteLength,
    geo: index.geo.byteLength + byteSize(index.remoteRows),
    postings:
      byteSize(
        index.signaturePostings.offsets,
        index.signaturePostings.rows,
        index.typePostings.offsets,
        index.typePostings.rows,
      ) + words.postings,
    words: words.words,
  };
  // Strings: V8 keeps one-byte strings at about 1 byte a character plus a 16-byte header, and
  // each array slot is a 4-byte (compressed) pointer. Strings shared between rows (names,
  // towns, venues) are counted each time, so this errs high.
  let strings = words.strings;
  for (const values of [
    index.slugs,
    index.names,
    index.placeNames,
    index.addresses,
    index.cities,
  ]) {
    strings += values.length * 4;
    for (const v of values) if (v !== undefined) strings += 16 + v.length;
  }
  parts.strings = strings;
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  return { total, parts };
}
