/**
 * Which lines of one axis a layer never reads (convolution, pooling) or never writes
 * (transposed convolution), as counts and the first few indices, without allocating or
 * looping over the axis's cells: sizes can be 10⁹ or more. The pictures' cell-by-cell
 * functions (kernel-coverage.ts) only ever run below the picture caps.
 *
 * Two exact paths, whichever applies:
 *  - the (output, tap) pairs number at most PAIR_ENUMERATION_LIMIT: the cells hit are listed,
 *    sorted, and the unhit ones counted between them;
 *  - the cells hit form evenly spaced windows of equal width (dilation 1 or a single tap, or
 *    stride 1): counted in closed form.
 * Otherwise the answer is `null` (not checked), which callers say in words.
 */
import {
  convAxisOutput,
  transposedAxisOutput,
  type ConvAxis,
  type TransposedAxis,
} from './kernel-coverage.js';

/** At most this many (output, tap) or (input, tap) pairs are listed one by one. */
export const PAIR_ENUMERATION_LIMIT = 1 << 20;

/** How many lines a set holds, and the first few (ascending). */
export interface LineList {
  count: number;
  first: number[];
}

/** How many indices a LineList keeps. */
export const LISTED_LINES = 6;

const NO_LINES: LineList = { count: 0, first: [] };

/**
 * A set of hit cells on an integer axis, with two questions answered: how many cells in
 * [a, b) are not hit, and which is the first unhit cell ≥ x.
 */
interface HitSet {
  hitsBelow(x: number): number;
  /** The first unhit cell ≥ x. */
  nextUnhit(x: number): number;
}

/** Cells offset + u·period + t for 0 ≤ u < windows, 0 ≤ t < width (width < period). */
function windowHits(offset: number, period: number, width: number, windows: number): HitSet {
  if (windows <= 0 || width <= 0) return { hitsBelow: () => 0, nextUnhit: (x) => x };
  if (width >= period) {
    // Touching windows: one contiguous run.
    const end = offset + (windows - 1) * period + width;
    return {
      hitsBelow: (x) => Math.min(Math.max(x - offset, 0), end - offset),
      nextUnhit: (x) => (x >= offset && x < end ? end : x),
    };
  }
  return {
    hitsBelow(x) {
      const y = x - offset;
      if (y <= 0) return 0;
      const full = Math.min(windows, Math.floor(y / period));
      const partial = full < windows ? Math.min(y - full * period, width) : 0;
      return full * width + partial;
    },
    nextUnhit(x) {
      const y = x - offset;
      if (y < 0) return x;
      const u = Math.floor(y / period);
      if (u >= windows) return x;
      return y - u * period < width ? offset + u * period + width : x;
    },
  };
}

/** Hits listed one by one (sorted, duplicates removed). */
function listedHits(values: Float64Array): HitSet {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++)
    if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i];
  const hits = values.subarray(0, n);
  const lowerBound = (x: number) => {
    let [lo, hi] = [0, hits.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hits[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    hitsBelow: lowerBound,
    nextUnhit(x) {
      let i = lowerBound(x);
      while (i < hits.length && hits[i] === x) {
        x++;
        i++;
      }
      return x;
    },
  };
}

/** Unhit cells in [a, b), reported as `cell + shift`. */
function unhitIn(hits: HitSet, a: number, b: number, shift: number): LineList {
  if (b <= a) return NO_LINES;
  const count = b - a - (hits.hitsBelow(b) - hits.hitsBelow(a));
  const first: number[] = [];
  let x = a;
  while (first.length < Math.min(count, LISTED_LINES)) {
    x = hits.nextUnhit(x);
    if (x >= b) break;
    first.push(x + shift);
    x++;
  }
  return { count, first };
}

function range(a: number, b: number): LineList {
  const count = Math.max(0, b - a);
  return {
    count,
    first: Array.from({ length: Math.min(count, LISTED_LINES) }, (_, i) => a + i),
  };
}

/** Cells q = o·s + j·d (o < outputs, j < k) of the padded axis, or null when neither exact path applies. */
function convHits(axis: ConvAxis, outputs: number, pairLimit: number): HitSet | null {
  const { kernel: k, stride: s, dilation: d } = axis;
  if (outputs * k <= pairLimit) {
    const values = new Float64Array(outputs * k);
    for (let o = 0; o < outputs; o++) for (let j = 0; j < k; j++) values[o * k + j] = o * s + j * d;
    return listedHits(values);
  }
  // Window o covers o·s … o·s + d·(k−1) densely when d = 1 (or k = 1).
  if (d === 1 || k === 1) return windowHits(0, s, d * (k - 1) + 1, outputs);
  // With stride 1, tap j covers j·d … j·d + outputs − 1.
  if (s === 1) return windowHits(0, d, outputs, k);
  return null;
}

/**
 * Real input lines (input indices) never read: past the last window (`lostEdge`, exact
 * always) and stepped over between read lines (`interiorGaps`, null when not checked).
 */
export interface UnreadSummary {
  lostEdge: LineList;
  interiorGaps: LineList | null;
}

/** `pairLimit` is there for tests, to reach the closed forms with small sizes. */
export function convUnreadSummary(
  axis: ConvAxis,
  pairLimit = PAIR_ENUMERATION_LIMIT,
): UnreadSummary {
  const outputs = Math.max(0, convAxisOutput(axis));
  const lastRead =
    outputs > 0 ? (outputs - 1) * axis.stride + (axis.kernel - 1) * axis.dilation : -1;
  const [realBegin, realEnd] = [axis.padBefore, axis.padBefore + axis.inSize];
  const lostEdge = range(Math.max(lastRead + 1, realBegin), realEnd);
  const hits = convHits(axis, outputs, pairLimit);
  const interiorGaps = hits
    ? unhitIn(hits, realBegin, Math.min(realEnd, lastRead + 1), -axis.padBefore)
    : null;
  return {
    lostEdge: { count: lostEdge.count, first: lostEdge.first.map((q) => q - axis.padBefore) },
    interiorGaps,
  };
}

/**
 * Overlap away from the borders, as the fewest and most taps landing on one output phase
 * (closed form of transposedOverlapPattern: the residues j·d mod s cycle through the
 * multiples of g = gcd(d, s), s/g of them, so each is hit ⌊k·g/s⌋ or ⌈k·g/s⌉ times and the
 * others never).
 */
export function transposedOverlapRange(axis: TransposedAxis): { min: number; max: number } {
  const { stride: s, dilation: d, kernel: k } = axis;
  const g = gcd(d, s);
  const cycle = s / g;
  return { min: g > 1 ? 0 : Math.floor(k / cycle), max: Math.ceil(k / cycle) };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return Math.abs(a);
}

/** Does input i write to some output in [0, outputs)? Targets are i·s − p + j·d, j < k. */
function inputWrites(axis: TransposedAxis, outputs: number, i: number): boolean {
  const { stride: s, padding: p, dilation: d, kernel: k } = axis;
  const start = i * s - p;
  const j = Math.max(0, Math.ceil(-start / d));
  return j < k && start + j * d < outputs;
}

/** Input lines whose every write the padding crops, or null when not checked. */
export function transposedUnusedSummary(
  axis: TransposedAxis,
  pairLimit = PAIR_ENUMERATION_LIMIT,
): LineList | null {
  const outputs = Math.max(0, transposedAxisOutput(axis));
  const { stride: s, padding: p, dilation: d, kernel: k, inSize } = axis;
  if (k === 1 || d <= outputs) {
    // Steps of d ≤ outputs cannot jump over the output, so input i is unused exactly when its
    // whole target span i·s − p … i·s − p + d·(k−1) misses [0, outputs): a prefix and a suffix.
    const firstUsed = Math.max(0, Math.ceil((p - d * (k - 1)) / s));
    const lastUsed = Math.min(inSize - 1, Math.floor((outputs - 1 + p) / s));
    if (lastUsed < firstUsed) return range(0, inSize);
    const prefix = range(0, firstUsed);
    const suffix = range(lastUsed + 1, inSize);
    return {
      count: prefix.count + suffix.count,
      first: [...prefix.first, ...suffix.first].slice(0, LISTED_LINES),
    };
  }
  if (inSize > pairLimit) return null;
  const first: number[] = [];
  let count = 0;
  for (let i = 0; i < inSize; i++) {
    if (inputWrites(axis, outputs, i)) continue;
    count++;
    if (first.length < LISTED_LINES) first.push(i);
  }
  return { count, first };
}

/** Output lines no input writes (bias only), or null when not checked. */
export function transposedEmptySummary(
  axis: TransposedAxis,
  pairLimit = PAIR_ENUMERATION_LIMIT,
): LineList | null {
  const outputs = Math.max(0, transposedAxisOutput(axis));
  const { stride: s, padding: p, dilation: d, kernel: k, inSize } = axis;
  let hits: HitSet;
  if (inSize * k <= pairLimit) {
    const values = new Float64Array(inSize * k);
    for (let i = 0; i < inSize; i++)
      for (let j = 0; j < k; j++) values[i * k + j] = i * s - p + j * d;
    hits = listedHits(values);
  } else if (d === 1 || k === 1) hits = windowHits(-p, s, d * (k - 1) + 1, inSize);
  else if (s === 1) hits = windowHits(-p, d, inSize, k);
  else return null;
  return unhitIn(hits, 0, outputs, 0);
}
