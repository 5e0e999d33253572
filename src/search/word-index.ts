/**
 * The words of the search index: a dictionary of every word of every meeting's text (name,
 * place, address, town, regions, group, notes; folded as `text.ts` says), the rows of each word
 * as packed posting lists, and the words of rows written since those lists were built.
 *
 * A meeting's text lives only here, as word ids: the index keeps no copy of notes or addresses
 * for searching. ASCII text, nearly all of it, is read into the dictionary character by
 * character without making a string per word; texts many meetings share (a town, a group name)
 * are read once per build.
 */
import type { Meeting } from '../meetings/model.js';
import {
  EMPTY_POSTINGS,
  csrPostings,
  forEachPosting,
  packPostings,
  type PackedPostings,
} from './postings.js';
import { STATUS_REMOVED } from './row-codes.js';
import { forEachMeetingSearchText, searchWords } from './text.js';
import { grown, permuted, Uint32Pool } from './typed-arrays.js';
import { runSteps, type Steps } from '../platform/loop-yield.js';

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

export class WordIndex {
  /** Text of each word id. */
  text: string[] = [];
  /** Word ids in text order, for prefix searches. */
  sorted: number[] = [];
  /** Rows by word, delta- and varint-encoded (the largest postings by far). */
  postings: PackedPostings = packPostings(EMPTY_POSTINGS);
  /** Word ids of rows written since the postings were built. */
  readonly dirty = new Map<number, Uint32Array>();

  /** Open addressing over words by hash of their code units: word id + 1, 0 empty. */
  private table = new Int32Array(1024);
  private hashes: number[] = [];
  /** Scratch for the word being read. */
  private buffer = new Uint16Array(64);
  /** Per word: 1 while it is already among the words of the row being written. */
  private seen = new Uint8Array(0);
  /** Word ids of texts many meetings share (names, towns, regions), while building. */
  private sharedTexts = new Map<string, number[]>();
  /** The words of rows being written by a build, before they become postings. */
  private buildWords: Uint32Pool | undefined;
  private buildWordOff = new Int32Array(0);
  private buildWordLen = new Uint16Array(0);
  /** Where the words of the row being written go. */
  private currentWords: Uint32Pool | undefined;
  private readonly textWords: number[] = [];

  /** Prepares to take the words of about `expected` rows of a build. */
  startBuild(expected: number): void {
    const words = new Uint32Pool();
    words.reserve(expected * 12);
    this.buildWords = words;
    this.buildWordOff = new Int32Array(expected);
    this.buildWordLen = new Uint16Array(expected);
  }

  /** Renumbers the rows of a build: new row i is old row `order[i]`. */
  reorderBuild(order: Int32Array): void {
    this.buildWordOff = permuted(this.buildWordOff, order.subarray(0, this.buildWordOff.length));
    this.buildWordLen = permuted(this.buildWordLen, order.subarray(0, this.buildWordLen.length));
  }

  /** Lets go of what only a build needed (after {@link rebuildPostings} used it). */
  endBuild(): void {
    this.buildWords = undefined;
    this.buildWordOff = new Int32Array(0);
    this.buildWordLen = new Uint16Array(0);
    this.sharedTexts = new Map();
  }

  /** Forgets the texts read since the build: after a change they may not be shared any more. */
  forgetSharedTexts(): void {
    this.sharedTexts.clear();
  }

  /** Records the words of a meeting's row: for the build's postings, or aside as dirty. */
  add(row: number, meeting: Meeting): void {
    const pool = this.buildWords;
    if (pool !== undefined) {
      const start = pool.length;
      if (row >= this.buildWordOff.length) {
        this.buildWordOff = grown(this.buildWordOff, row + 1);
        this.buildWordLen = grown(this.buildWordLen, row + 1);
      }
      this.currentWords = pool;
      forEachMeetingSearchText(meeting, this.addSearchText);
      const end = pool.length;
      this.buildWordOff[row] = start;
      this.buildWordLen[row] = end - start;
      for (let i = start; i < end; i++) this.seen[pool.data[i]!] = 0;
      return;
    }
    const own = new Uint32Pool();
    this.currentWords = own;
    forEachMeetingSearchText(meeting, this.addSearchText);
    const ids = own.data.slice(0, own.length);
    for (const id of ids) this.seen[id] = 0;
    this.dirty.set(row, ids);
  }

  /** Word ids whose text begins with `prefix`, in text order. */
  withPrefix(prefix: string): number[] {
    const sorted = this.sorted;
    const texts = this.text;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (texts[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const ids: number[] = [];
    for (let i = lo; i < sorted.length; i++) {
      const id = sorted[i]!;
      if (!texts[id]!.startsWith(prefix)) break;
      ids.push(id);
    }
    return ids;
  }

  /**
   * Rebuilds the postings over rows [0, rows): from a build's words, or else from the current
   * postings plus the rows written since. The dirty rows are then in the postings.
   */
  rebuildPostings(rows: number, status: Uint8Array): void {
    const pool = this.buildWords;
    if (pool !== undefined) {
      this.postings = packPostings(
        csrPostings(
          rows,
          this.text.length,
          status,
          this.buildWordOff,
          this.buildWordLen,
          pool.data,
        ),
      );
    } else {
      this.postings = runSteps(this.mergedPostings(rows, status, Number.POSITIVE_INFINITY));
    }
    this.dirty.clear();
  }

  /**
   * The postings over rows [0, rows) with the rows written since merged in, made in steps of
   * about `workPerStep` postings beside the live ones (which searches keep reading; the words
   * must not change in between). {@link adoptPostings} puts them in place.
   */
  *mergedPostings(rows: number, status: Uint8Array, workPerStep: number): Steps<PackedPostings> {
    const old = this.postings;
    const words = old.offsets.length - 1;
    const wordCount = this.text.length;
    // Rows written since: their own words replace what the old lists say of them.
    const rewritten = new Uint8Array(rows);
    for (const row of this.dirty.keys()) if (row < rows) rewritten[row] = 1;
    const keeps = (row: number): boolean => rewritten[row] === 0 && status[row] !== STATUS_REMOVED;
    const offsets = new Int32Array(wordCount + 1);
    let work = 0;
    for (let word = 0; word < words; word++) {
      forEachPosting(old, word, (row) => {
        if (keeps(row)) offsets[word + 1]!++;
      });
      work += old.offsets[word + 1]! - old.offsets[word]!;
      if (work >= workPerStep) {
        work = 0;
        yield;
      }
    }
    // The rows written since, by word in row order, to merge into the old lists' order.
    const written = [...this.dirty.keys()]
      .filter((row) => row < rows && status[row] !== STATUS_REMOVED)
      .sort((a, b) => a - b);
    const writtenOff = new Int32Array(wordCount + 1);
    for (const row of written) for (const word of this.dirty.get(row)!) writtenOff[word + 1]!++;
    for (let w = 0; w < wordCount; w++) {
      offsets[w + 1]! += writtenOff[w + 1]!;
      writtenOff[w + 1]! += writtenOff[w]!;
    }
    for (let w = 0; w < wordCount; w++) offsets[w + 1]! += offsets[w]!;
    const writtenRows = new Int32Array(writtenOff[wordCount]!);
    const writtenFill = writtenOff.slice(0, wordCount);
    for (const row of written) {
      for (const word of this.dirty.get(row)!) writtenRows[writtenFill[word]!++] = row;
    }
    const list = new Int32Array(offsets[wordCount]!);
    for (let word = 0; word < wordCount; word++) {
      let at = offsets[word]!;
      let next = writtenOff[word]!;
      const end = writtenOff[word + 1]!;
      if (word < words) {
        forEachPosting(old, word, (row) => {
          if (!keeps(row)) return;
          while (next < end && writtenRows[next]! < row) list[at++] = writtenRows[next++]!;
          list[at++] = row;
        });
        work += old.offsets[word + 1]! - old.offsets[word]!;
      }
      while (next < end) list[at++] = writtenRows[next++]!;
      if (work >= workPerStep) {
        work = 0;
        yield;
      }
    }
    yield;
    return packPostings({ offsets, rows: list });
  }

  /** Puts postings made by {@link mergedPostings} in place: the rows written since are in them. */
  adoptPostings(postings: PackedPostings): void {
    this.postings = postings;
    this.dirty.clear();
  }

  /** Keeps `sorted` in text order: appends new ids, then sorts or inserts them. */
  sort(): void {
    const have = this.sorted.length;
    const total = this.text.length;
    if (have === total) return;
    const text = this.text;
    if (total - have > 64) {
      this.sorted = Array.from({ length: total }, (_, i) => i);
      this.sorted.sort((a, b) => (text[a]! < text[b]! ? -1 : text[a]! > text[b]! ? 1 : 0));
      return;
    }
    for (let id = have; id < total; id++) {
      const word = text[id]!;
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (text[this.sorted[mid]!]! < word) lo = mid + 1;
        else hi = mid;
      }
      this.sorted.splice(lo, 0, id);
    }
  }

  /** Bytes held, roughly: the postings and table exactly, the strings as V8 keeps them. */
  memory(): { postings: number; words: number; strings: number } {
    let strings = this.text.length * 4;
    for (const word of this.text) strings += 16 + word.length;
    strings += this.sorted.length * 8 + this.hashes.length * 8;
    return {
      postings: this.postings.offsets.byteLength + this.postings.bytes.byteLength,
      words: this.table.byteLength + this.seen.byteLength,
      strings,
    };
  }

  // --- reading words ----------------------------------------------------------------------------

  /** Adds a text's words to the row being written; texts many meetings share are cached. */
  private readonly addSearchText = (text: string, repeats: boolean): void => {
    let ids = repeats ? this.sharedTexts.get(text) : undefined;
    if (ids === undefined) {
      const scratch = this.textWords;
      scratch.length = 0;
      this.readWords(text, scratch);
      if (!repeats) {
        for (const id of scratch) this.addWordId(id);
        return;
      }
      ids = scratch.slice();
      if (this.sharedTexts.size >= 100_000) this.sharedTexts.clear();
      this.sharedTexts.set(text, ids);
    }
    for (const id of ids) this.addWordId(id);
  };

  /**
   * Appends the word ids of a text to `out`. ASCII text (nearly all of it) is read character by
   * character into the word table, which gives exactly `searchWords`' words (lower-case
   * letters and digits, apostrophes dropped, anything else a separator) without making a
   * string per word; other text goes through `searchWords` itself.
   */
  private readWords(text: string, out: number[]): void {
    const length = text.length;
    for (let i = 0; i < length; i++) {
      if (text.charCodeAt(i) > 127) {
        for (const word of searchWords(text)) out.push(this.wordId(word));
        return;
      }
    }
    let buffer = this.buffer;
    let size = 0;
    let hash = FNV_OFFSET;
    for (let i = 0; i <= length; i++) {
      let c = i < length ? text.charCodeAt(i) : 32;
      if (c >= 65 && c <= 90) c += 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (size === buffer.length) {
          buffer = grown(buffer, size * 2);
          this.buffer = buffer;
        }
        buffer[size++] = c;
        hash = Math.imul(hash ^ c, FNV_PRIME);
      } else if (c !== 39 && c !== 96 && size > 0) {
        out.push(this.bufferedWordId(size, hash >>> 0));
        size = 0;
        hash = FNV_OFFSET;
      }
    }
  }

  private addWordId(id: number): void {
    if (this.seen[id] === 1) return;
    this.seen[id] = 1;
    this.currentWords!.push(id);
  }

  /** The id of the word in `buffer[0..size)`, added to the table when new. */
  private bufferedWordId(size: number, hash: number): number {
    const buffer = this.buffer;
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot]!;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.hashes[id] !== hash) continue;
      const text = this.text[id]!;
      if (text.length !== size) continue;
      let same = true;
      for (let i = 0; i < size; i++) {
        if (text.charCodeAt(i) !== buffer[i]) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
    return this.newWord(String.fromCharCode(...buffer.subarray(0, size)), hash);
  }

  /** The id of a word, added to the table when new. */
  private wordId(word: string): number {
    let hash = FNV_OFFSET;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
    hash >>>= 0;
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot]!;
      if (entry === 0) break;
      if (this.hashes[entry - 1] === hash && this.text[entry - 1] === word) return entry - 1;
    }
    return this.newWord(word, hash);
  }

  private newWord(word: string, hash: number): number {
    const id = this.text.length;
    this.text.push(word);
    this.hashes.push(hash);
    if (this.text.length * 2 > this.table.length) {
      const table = new Int32Array(this.table.length * 2);
      const mask = table.length - 1;
      this.hashes.forEach((h, w) => {
        let slot = h & mask;
        while (table[slot] !== 0) slot = (slot + 1) & mask;
        table[slot] = w + 1;
      });
      this.table = table;
    } else {
      const mask = this.table.length - 1;
      let slot = hash & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = id + 1;
    }
    this.seen = grown(this.seen, id + 1);
    return id;
  }
}
