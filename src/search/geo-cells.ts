/**
 * Counts per cell of the place-bound meetings (decision 0129): each node of kdbush's tree that
 * holds at least {@link MIN_CELL_POINTS} points keeps how many of its points carry each facet
 * signature, and a cap (centre and angular radius) around them. A radius search that meets a
 * cell wholly inside its circle adds the cell's counts instead of checking its points one by
 * one: in a dense city most of the circle is such cells, and only its rim is walked.
 *
 * kdbush's tree is implicit: the node over positions [left, right] splits at the median
 * m = (left + right) >> 1, its children being [left, m - 1] and [m + 1, right]. Nodes are
 * numbered as a heap (the root 1, the children of n are 2n and 2n + 1), so a walk down the tree
 * knows each node's number without storing the tree. A point removed after the build is taken
 * out of the counts of every cell above it ({@link forgetPoint}); points added since live in the
 * overflow list and are never in a cell.
 */
import type KDBush from 'kdbush';

/** The smallest node that keeps counts: below it, checking the points is as cheap. */
export const MIN_CELL_POINTS = 192;
/** Angular slack (radians, about 0.6 m) that keeps a cell's "wholly inside" on the safe side. */
const CELL_SLACK = 1e-7;

/** Counts per cell, in typed arrays indexed by heap node number. */
export interface GeoCells {
  /** Heap numbers below this have a slot (1 = the root); those without counts have an infinite radius. */
  nodes: number;
  /** Per node: centre unit vector (x, y, z) and the angular radius of its cap (Infinity: none). */
  caps: Float64Array;
  /** Per node: the bounding box of its points, [minX, minY, maxX, maxY] (longitude, latitude). */
  boxes: Float64Array;
  /** Per node: where its (signature, count) pairs start; `offsets[node + 1]` where they end. */
  offsets: Int32Array;
  /** Signatures of the pairs, ascending within a node. */
  sigs: Int32Array;
  counts: Int32Array;
}

export const NO_CELLS: GeoCells = {
  nodes: 0,
  caps: new Float64Array(0),
  boxes: new Float64Array(0),
  offsets: new Int32Array(1),
  sigs: new Int32Array(0),
  counts: new Int32Array(0),
};

/** What a cell holds, as its parent needs it: the sum of its unit vectors, box and pairs. */
interface CellSummary {
  x: number;
  y: number;
  z: number;
  /** Angular radius of the cap around the normalised sum. */
  radius: number;
  box: [number, number, number, number];
  sigs: number[];
  counts: number[];
}

const angleBetween = (dot: number): number => Math.acos(Math.min(1, Math.max(-1, dot)));

/**
 * The cells of a kdbush built over `count` points, whose unit vectors and signatures by
 * position are `unitAt` and `sigAt`. Bottom up: the smallest cells read their points, each
 * larger one merges its two children's counts and caps with its own point, so the build reads
 * each point about once however deep the tree.
 */
export function buildCells(kd: KDBush, unitAt: Float64Array, sigAt: Int32Array): GeoCells {
  const count = kd.ids.length;
  const nodeSize = kd.nodeSize;
  // Depth of the deepest node with enough points: sizes halve at each level.
  let depth = 0;
  while (count >> (depth + 1) >= MIN_CELL_POINTS) depth++;
  const nodes = count >= MIN_CELL_POINTS ? 2 << depth : 0;
  const caps = new Float64Array(nodes * 4).fill(Number.POSITIVE_INFINITY);
  const boxes = new Float64Array(nodes * 4);
  const pairs = new Map<number, { sigs: number[]; counts: number[] }>();
  const coords = kd.coords;

  /** A cell summed from its points, with its cap's radius measured point by point. */
  const fromPoints = (left: number, right: number): CellSummary => {
    let x = 0;
    let y = 0;
    let z = 0;
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    const tally = new Map<number, number>();
    for (let pos = left; pos <= right; pos++) {
      x += unitAt[3 * pos]!;
      y += unitAt[3 * pos + 1]!;
      z += unitAt[3 * pos + 2]!;
      const px = coords[2 * pos]!;
      const py = coords[2 * pos + 1]!;
      if (px < box[0]) box[0] = px;
      if (py < box[1]) box[1] = py;
      if (px > box[2]) box[2] = px;
      if (py > box[3]) box[3] = py;
      const sig = sigAt[pos]!;
      tally.set(sig, (tally.get(sig) ?? 0) + 1);
    }
    const norm = Math.hypot(x, y, z);
    let radius = 0;
    for (let pos = left; pos <= right; pos++) {
      const dot =
        (x * unitAt[3 * pos]! + y * unitAt[3 * pos + 1]! + z * unitAt[3 * pos + 2]!) / norm;
      radius = Math.max(radius, angleBetween(dot));
    }
    const sorted = [...tally].sort((a, b) => a[0] - b[0]);
    return { x, y, z, radius, box, sigs: sorted.map((p) => p[0]), counts: sorted.map((p) => p[1]) };
  };

  /** A cell from its children and its own point: a cap around theirs (wider, never narrower). */
  const merged = (a: CellSummary, b: CellSummary, pos: number): CellSummary => {
    const ux = unitAt[3 * pos]!;
    const uy = unitAt[3 * pos + 1]!;
    const uz = unitAt[3 * pos + 2]!;
    const x = a.x + b.x + ux;
    const y = a.y + b.y + uy;
    const z = a.z + b.z + uz;
    const norm = Math.hypot(x, y, z);
    const from = (c: CellSummary): number =>
      angleBetween((x * c.x + y * c.y + z * c.z) / (norm * Math.hypot(c.x, c.y, c.z))) + c.radius;
    const radius = Math.max(from(a), from(b), angleBetween((x * ux + y * uy + z * uz) / norm));
    const px = coords[2 * pos]!;
    const py = coords[2 * pos + 1]!;
    const box: [number, number, number, number] = [
      Math.min(a.box[0], b.box[0], px),
      Math.min(a.box[1], b.box[1], py),
      Math.max(a.box[2], b.box[2], px),
      Math.max(a.box[3], b.box[3], py),
    ];
    // Both children's pairs merged in signature order, with the point's own signature.
    const sig = sigAt[pos]!;
    const sigs: number[] = [];
    const counts: number[] = [];
    let i = 0;
    let j = 0;
    let own = false;
    const push = (s: number, c: number): void => {
      if (!own && sig <= s) {
        own = true;
        if (sig === s) c++;
        else {
          sigs.push(sig);
          counts.push(1);
        }
      }
      if (sigs.at(-1) === s) counts[counts.length - 1]! += c;
      else {
        sigs.push(s);
        counts.push(c);
      }
    };
    while (i < a.sigs.length || j < b.sigs.length) {
      if (j >= b.sigs.length || (i < a.sigs.length && a.sigs[i]! <= b.sigs[j]!)) {
        push(a.sigs[i]!, a.counts[i]!);
        i++;
      } else {
        push(b.sigs[j]!, b.counts[j]!);
        j++;
      }
    }
    if (!own) {
      sigs.push(sig);
      counts.push(1);
    }
    return { x, y, z, radius, box, sigs, counts };
  };

  const visit = (node: number, left: number, right: number): CellSummary => {
    const m = (left + right) >> 1;
    const summary =
      right - left <= nodeSize ||
      m - left < MIN_CELL_POINTS ||
      right - m < MIN_CELL_POINTS ||
      2 * node + 1 >= nodes
        ? fromPoints(left, right)
        : merged(visit(2 * node, left, m - 1), visit(2 * node + 1, m + 1, right), m);
    const norm = Math.hypot(summary.x, summary.y, summary.z);
    if (norm > 0) {
      caps.set(
        [summary.x / norm, summary.y / norm, summary.z / norm, summary.radius + CELL_SLACK],
        node * 4,
      );
    }
    boxes.set(summary.box, node * 4);
    pairs.set(node, summary);
    return summary;
  };
  if (nodes > 0) visit(1, 0, count - 1);

  // Pairs in node order, so each node's are `offsets[node]..offsets[node + 1]`.
  let total = 0;
  for (const p of pairs.values()) total += p.sigs.length;
  const offsets = new Int32Array(nodes + 1);
  const sigs = new Int32Array(total);
  const counts = new Int32Array(total);
  let at = 0;
  for (let node = 0; node < nodes; node++) {
    offsets[node] = at;
    const p = pairs.get(node);
    if (p === undefined) continue;
    sigs.set(p.sigs, at);
    counts.set(p.counts, at);
    at += p.sigs.length;
  }
  offsets[nodes] = at;
  return { nodes, caps, boxes, offsets, sigs, counts };
}

/**
 * True when every point of `node` lies strictly inside the circle of angular radius `angle`
 * around the unit vector (qx, qy, qz), and inside the box [minX, minY, maxX, maxY]: its counts
 * then stand for its points. Conservative: a cell on the rim is walked point by point.
 */
export function cellInside(
  cells: GeoCells,
  node: number,
  qx: number,
  qy: number,
  qz: number,
  angle: number,
  box: readonly [number, number, number, number],
): boolean {
  if (node >= cells.nodes) return false;
  const caps = cells.caps;
  const at = node * 4;
  const radius = caps[at + 3]!;
  if (!(radius < angle)) return false;
  const dot = qx * caps[at]! + qy * caps[at + 1]! + qz * caps[at + 2]!;
  if (Math.acos(Math.min(1, Math.max(-1, dot))) + radius > angle - CELL_SLACK) return false;
  const boxes = cells.boxes;
  return (
    boxes[at]! >= box[0] &&
    boxes[at + 1]! >= box[1] &&
    boxes[at + 2]! <= box[2] &&
    boxes[at + 3]! <= box[3]
  );
}

/**
 * Takes the point at kdbush position `pos`, of signature `sig`, out of the counts of every cell
 * that holds it (the point's row was removed or replaced).
 */
export function forgetPoint(cells: GeoCells, kd: KDBush, pos: number, sig: number): void {
  let node = 1;
  let left = 0;
  let right = kd.ids.length - 1;
  while (node < cells.nodes) {
    let lo = cells.offsets[node]!;
    let hi = cells.offsets[node + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = cells.sigs[mid]!;
      if (s === sig) {
        cells.counts[mid]!--;
        break;
      }
      if (s < sig) lo = mid + 1;
      else hi = mid - 1;
    }
    if (right - left <= kd.nodeSize) return;
    const m = (left + right) >> 1;
    if (pos === m) return;
    if (pos < m) {
      node = 2 * node;
      right = m - 1;
    } else {
      node = 2 * node + 1;
      left = m + 1;
    }
  }
}

/** Bytes held by the cells. */
export function cellsByteLength(cells: GeoCells): number {
  return (
    cells.caps.byteLength +
    cells.boxes.byteLength +
    cells.offsets.byteLength +
    cells.sigs.byteLength +
    cells.counts.byteLength
  );
}
