/**
 * Parts of a page rendered after its first part is on its way (decision 0140): the page is
 * rendered with a numbered mark where each deferred part goes, and {@link DeferredParts.chunks}
 * yields the text before the first mark, then each part (rendered only when asked for) with the
 * text up to the next mark. A mark is an HTML comment, which escaped text and attributes cannot
 * contain (their `<` is escaped): only a mark made here can match.
 */
import { Html } from '../markup.js';

const MARK_START = '<!--pl-deferred:';
const MARK_END = '-->';

export class DeferredParts {
  private readonly renders: (() => string)[] = [];

  /** How many parts were deferred. */
  get size(): number {
    return this.renders.length;
  }

  /** The mark to put where a part goes; `render` makes its HTML when its turn comes. */
  mark(render: () => string): Html {
    this.renders.push(render);
    return new Html(`${MARK_START}${this.renders.length - 1}${MARK_END}`);
  }

  /**
   * The page in chunks: the text before the first mark, then, mark by mark in the page's order,
   * the part rendered with the text up to the next mark. A page with no mark is one chunk.
   */
  *chunks(page: string): Generator<string, void, undefined> {
    // indexOf, not a regular expression: a page is 20 KB and the marks are few.
    let from = 0;
    let pending = '';
    let found = 0;
    for (let at = page.indexOf(MARK_START); at !== -1; at = page.indexOf(MARK_START, from)) {
      const end = page.indexOf(MARK_END, at);
      const render = this.renders[Number(page.slice(at + MARK_START.length, end))];
      if (render === undefined) throw new Error('DeferredParts: a mark of another page');
      yield pending + page.slice(from, at);
      pending = render();
      from = end + MARK_END.length;
      found++;
    }
    if (found !== this.renders.length)
      throw new Error(`DeferredParts: ${this.renders.length} parts, ${found} marks`);
    yield pending + page.slice(from);
  }
}
