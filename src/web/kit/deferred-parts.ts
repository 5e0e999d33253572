/**
 * Parts of a page rendered after its first part is on its way (decision 0140): the page is
 * rendered with a numbered mark where each deferred part goes, and {@link DeferredParts.chunks}
 * yields the text before the first mark, then each part (rendered only when asked for) with the
 * text up to the next mark. A mark is an HTML comment, which escaped text and attributes cannot
 * contain (their `<` is escaped): only a mark made here can match.
 */
import { Html } from '../markup.js';

const MARK = /<!--pl-deferred:(\d+)-->/g;

export class DeferredParts {
  private readonly renders: (() => string)[] = [];

  /** How many parts were deferred. */
  get size(): number {
    return this.renders.length;
  }

  /** The mark to put where a part goes; `render` makes its HTML when its turn comes. */
  mark(render: () => string): Html {
    this.renders.push(render);
    return new Html(`<!--pl-deferred:${this.renders.length - 1}-->`);
  }

  /**
   * The page in chunks: the text before the first mark, then, mark by mark in the page's order,
   * the part rendered with the text up to the next mark. A page with no mark is one chunk.
   */
  *chunks(page: string): Generator<string, void, undefined> {
    const marks = [...page.matchAll(MARK)];
    if (marks.length !== this.renders.length)
      throw new Error(`DeferredParts: ${this.renders.length} parts, ${marks.length} marks`);
    let from = 0;
    let pending = '';
    for (const mark of marks) {
      yield pending + page.slice(from, mark.index);
      pending = this.renders[Number(mark[1])]!();
      from = mark.index + mark[0].length;
    }
    yield pending + page.slice(from);
  }
}
