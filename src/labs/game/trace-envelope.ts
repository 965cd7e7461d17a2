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

/** How far beyond the frame a clamped value sits, in frame half-heights: far enough that the line leaves the frame where it should, to a thousandth of a step. */
export const BEYOND_FRAME = 1000;

/**
 * A value held within ±BEYOND_FRAME·`limit` (null stays null): a trace that runs away leaves the
 * frame and the plot clips it there, and the canvas never sees a coordinate it cannot draw.
 */
export function clampBeyondFrame(value: number | null, limit: number): number | null {
  if (value === null || Number.isNaN(value)) return null;
  const bound = BEYOND_FRAME * limit;
  return Math.max(-bound, Math.min(bound, value));
}
