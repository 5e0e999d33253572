/**
 * Comparing and choosing rows: the tie-breaks every order of results ends with, and a bounded
 * heap that keeps the k smallest rows of many without sorting them all.
 */

export function compareSlugs(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numbers in ascending order, Infinity last. */
export function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** A binary max-heap keeping the `capacity` smallest rows by `compare`. */
export class Smallest {
  private readonly heap: number[] = [];
  constructor(
    private readonly capacity: number,
    private readonly compare: (a: number, b: number) => number,
  ) {}

  offer(row: number): void {
    const heap = this.heap;
    if (heap.length < this.capacity) {
      heap.push(row);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.compare(heap[i]!, heap[parent]!) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
      return;
    }
    if (this.capacity === 0 || this.compare(row, heap[0]!) >= 0) return;
    heap[0] = row;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < heap.length && this.compare(heap[left]!, heap[largest]!) > 0) largest = left;
      if (right < heap.length && this.compare(heap[right]!, heap[largest]!) > 0) largest = right;
      if (largest === i) break;
      [heap[i], heap[largest]] = [heap[largest]!, heap[i]!];
      i = largest;
    }
  }

  /** The rows kept, in order. */
  sorted(): number[] {
    return [...this.heap].sort(this.compare);
  }
}
