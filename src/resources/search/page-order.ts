/**
 * The first page of a near search: of the services that matched, the `wanted` nearest, nearest
 * first. A city's circle can hold thousands of matches for a page of 25, so the page is picked
 * with a bounded heap (each match compared with the page's farthest) instead of sorting them all.
 */

/**
 * Services from `services[0 .. count)`, at most `wanted` of them, ordered by `closeness[s]`
 * (larger is nearer), ties by `entry[s]` (the place listed first), so the order is the same on
 * every run and every page.
 */
export function nearestFirst(
  services: Int32Array,
  count: number,
  wanted: number,
  closeness: Float64Array,
  entry: Int32Array,
): Int32Array {
  // `a` comes before `b` on the page.
  const before = (a: number, b: number) =>
    closeness[a]! > closeness[b]! || (closeness[a] === closeness[b] && entry[a]! < entry[b]!);
  const size = Math.min(wanted, count);
  // A max-heap of the page so far with the last service on the page at the root.
  const heap = new Int32Array(size);
  let n = 0;
  const siftDown = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let last = i;
      if (l < n && before(heap[last]!, heap[l]!)) last = l;
      if (r < n && before(heap[last]!, heap[r]!)) last = r;
      if (last === i) return;
      const t = heap[i]!;
      heap[i] = heap[last]!;
      heap[last] = t;
      i = last;
    }
  };
  for (let k = 0; k < count; k++) {
    const s = services[k]!;
    if (n < size) {
      let i = n++;
      heap[i] = s;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!before(heap[parent]!, heap[i]!)) break;
        const t = heap[i]!;
        heap[i] = heap[parent]!;
        heap[parent] = t;
        i = parent;
      }
    } else if (size > 0 && before(s, heap[0]!)) {
      heap[0] = s;
      siftDown(0);
    }
  }
  // Take the farthest off the heap each time: the page fills from its end.
  for (let end = n - 1; end > 0; end--) {
    const t = heap[0]!;
    heap[0] = heap[end]!;
    heap[end] = t;
    n = end;
    siftDown(0);
  }
  return heap;
}
