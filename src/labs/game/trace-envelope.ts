/**
 * Traces of one game against the step, made drawable whatever the game did: thinned to a min/max
 * envelope per pixel column when the steps outnumber the pixels, and held to a finite distance
 * beyond the plot's frame so the canvas clips a runaway trace at the frame instead of being
 * handed 1e300.
 */

/** Per column: its centre step, and the smallest and largest finite value over its steps (null: none). */
export interface Envelope {
  /** The step at the column's centre, for the x axis. */
  step: Float64Array;
  min: (number | null)[];
  max: (number | null)[];
  /** Whether a column holds more than one step (else min = max = the step's value). */
  thinned: boolean;
}

/**
 * The envelope of `count` values read by `at(k)` (k = 0 … count − 1) over at most `columns`
 * columns: column c holds steps ⌊c·count/columns⌋ … ⌊(c+1)·count/columns⌋ − 1. With no more
 * values than columns every step is its own column. Non-finite values are left out.
 */
export function columnEnvelope(
  count: number,
  at: (k: number) => number,
  columns: number,
): Envelope {
  const n = Math.max(0, Math.floor(count));
  const c = Math.max(1, Math.min(n, Math.floor(columns)));
  const step = new Float64Array(n === 0 ? 0 : c);
  const min: (number | null)[] = [];
  const max: (number | null)[] = [];
  if (n === 0) return { step, min, max, thinned: false };
  for (let col = 0; col < c; col++) {
    const from = Math.floor((col * n) / c);
    const to = Math.floor(((col + 1) * n) / c);
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = from; k < to; k++) {
      const v = at(k);
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    step[col] = (from + to - 1) / 2;
    min.push(lo <= hi ? lo : null);
    max.push(lo <= hi ? hi : null);
  }
  return { step, min, max, thinned: c < n };
}

/** How far beyond the frame a kept outside value is held, in frame half-heights: far enough that the line leaves the frame where it should, to a thousandth of a step. */
export const BEYOND_FRAME = 1000;

/**
 * A trace cut at the plot's frame [lo, hi]: a value inside stays; a value outside stays only next
 * to one inside, held within BEYOND_FRAME frame heights, so the line leaves (or comes back) across
 * the frame's edge where it should; every other value outside becomes a gap. A runaway trace
 * that swings from far above to far below would otherwise draw a line across the whole frame at
 * every step, a solid block over the game on display.
 */
export function clipToFrame(
  values: readonly (number | null)[],
  lo: number,
  hi: number,
  log = false,
): (number | null)[] {
  const inside = (v: number | null) => v !== null && v >= lo && v <= hi;
  const [floor, ceiling] = log
    ? [lo / BEYOND_FRAME, hi * BEYOND_FRAME]
    : [lo - BEYOND_FRAME * (hi - lo), hi + BEYOND_FRAME * (hi - lo)];
  return values.map((v, i) => {
    if (v === null || Number.isNaN(v)) return null;
    if (inside(v)) return v;
    if (!inside(values[i - 1] ?? null) && !inside(values[i + 1] ?? null)) return null;
    return Math.min(ceiling, Math.max(floor, v));
  });
}
