/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) so every demo and
 * benchmark data set can be rebuilt exactly from a number. Not for anything security-related.
 */

/** A seeded random stream with the helpers the generators need. */
export interface Random {
  /** The seed this stream was created from (after normalisation to an unsigned 32-bit integer). */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One element, chosen with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A normally distributed number (Box-Muller). */
  gaussian(mean?: number, sd?: number): number;
  /** A new array with the elements in random order. */
  shuffle<T>(items: readonly T[]): T[];
  /** n distinct elements (or all of them when n exceeds the length), in random order. */
  sample<T>(items: readonly T[], n: number): T[];
  /** A string of n decimal digits (the first may be 0). */
  digits(n: number): string;
  /** An independent stream derived from this one's seed and a label, unaffected by draws here. */
  fork(label: string): Random;
}

/** Mixes any number (including negatives and fractions) into an unsigned 32-bit seed. */
export function normaliseSeed(seed: number): number {
  if (!Number.isFinite(seed)) return 0x9e3779b9;
  // Fold the fractional part in so 1.5 and 1 differ, then splitmix to spread nearby seeds.
  const folded = (Math.trunc(seed) ^ Math.trunc((seed % 1) * 0x100000000)) >>> 0;
  return splitmix32(folded);
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a, to turn a fork label into a number. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates a seeded random stream; the same seed always yields the same sequence. */
export function createRandom(seed = 1): Random {
  const normalised = normaliseSeed(seed);
  let a = splitmix32(normalised);
  let b = splitmix32(a);
  let c = splitmix32(b);
  let d = 1;

  function next(): number {
    // sfc32: small, fast, passes PractRand for the lengths we draw.
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  // Warm up: the first outputs of sfc32 are correlated with the seed.
  for (let i = 0; i < 12; i++) next();

  let spareGaussian: number | undefined;

  const random: Random = {
    seed: normalised,
    next,
    int(min, max) {
      const lo = Math.ceil(Math.min(min, max));
      const hi = Math.floor(Math.max(min, max));
      return lo + Math.floor(next() * (hi - lo + 1));
    },
    float(min, max) {
      return min + next() * (max - min);
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick() needs a non-empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: readonly T[], weights: readonly number[]): T {
      if (items.length === 0 || items.length !== weights.length) {
        throw new RangeError('weighted() needs a non-empty array and one weight per item');
      }
      let total = 0;
      for (const w of weights) total += w > 0 ? w : 0;
      if (total <= 0) return random.pick(items);
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        const w = weights[i] ?? 0;
        if (w <= 0) continue;
        r -= w;
        if (r < 0) return items[i] as T;
      }
      return items[items.length - 1] as T;
    },
    chance(p) {
      return next() < p;
    },
    gaussian(mean = 0, sd = 1) {
      if (spareGaussian !== undefined) {
        const z = spareGaussian;
        spareGaussian = undefined;
        return mean + sd * z;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareGaussian = r * Math.sin(2 * Math.PI * v);
      return mean + sd * r * Math.cos(2 * Math.PI * v);
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
    sample<T>(items: readonly T[], n: number): T[] {
      return random.shuffle(items).slice(0, Math.max(0, n));
    },
    digits(n) {
      let s = '';
      for (let i = 0; i < n; i++) s += String(Math.floor(next() * 10));
      return s;
    },
    fork(label) {
      return createRandom((normalised ^ hashLabel(label)) >>> 0);
    },
  };
  return random;
}

/** A builder for weighted picks that are drawn many times: precomputes the cumulative table. */
export function weightedPicker<T>(
  items: readonly T[],
  weights: readonly number[],
): (random: Random) => T {
  if (items.length === 0 || items.length !== weights.length) {
    throw new RangeError('weightedPicker() needs a non-empty array and one weight per item');
  }
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    total += Math.max(0, weights[i] ?? 0);
    cumulative[i] = total;
  }
  if (total <= 0) throw new RangeError('weightedPicker() needs a positive total weight');
  return (random) => {
    const r = random.next() * total;
    // Binary search: the first cumulative weight above r.
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}
