import { compileGame, learningRates, type SingleGameSpec } from '../../core/games/index.js';

/** Samples per radian the flow turns through, at the start's rate: about 126 a lap of a circle. */
const SAMPLES_PER_RADIAN = 20;
const MIN_POINTS = 721;
const MAX_POINTS = 32769;

/**
 * The lr → 0 limit of the game's dynamics, dz/dt = F(z) (docs/games.md#continuous-time),
 * integrated with classical RK4 over the same time the
 * discrete game covers: one step of rate η is η units of time. On x·y this is
 * the circle z(t) = e^{−it}·z₀. Returns x0, y0, x1, y1, … at `points` times evenly spaced; by
 * default enough that the flow turns by at most 1/20 radian between samples at its starting rate
 * |F(z₀)|/|z₀| (a long run on x·y goes round the circle many times), from 721 to 32769.
 */
export function continuousFlow(spec: SingleGameSpec, points?: number): Float64Array {
  const game = compileGame(spec.game).evaluator();
  const { lrX } = learningRates(spec);
  const duration = lrX * spec.steps;
  const k = new Float64Array(2);
  game.field(spec.x0, spec.y0, k);
  const rate = Math.hypot(k[0], k[1]) / Math.hypot(spec.x0, spec.y0);
  const wanted = Number.isFinite(rate) ? Math.ceil(duration * rate * SAMPLES_PER_RADIAN) + 1 : 0;
  const n = points ?? Math.min(MAX_POINTS, Math.max(MIN_POINTS, wanted));
  // RK4 steps of at most the default's length (8 a sample at 721 samples), at least 2 a sample.
  const substeps = Math.max(2, Math.ceil((8 * MIN_POINTS) / n));
  return integrate(game, spec.x0, spec.y0, duration, n, substeps);
}

function integrate(
  game: ReturnType<ReturnType<typeof compileGame>['evaluator']>,
  x0: number,
  y0: number,
  duration: number,
  points: number,
  substeps: number,
): Float64Array {
  const k = new Float64Array(2);
  const h = duration / ((points - 1) * substeps);
  const out = new Float64Array(points * 2);
  let x = x0;
  let y = y0;
  out[0] = x;
  out[1] = y;
  const field = (px: number, py: number): [number, number] => {
    game.field(px, py, k);
    return [k[0], k[1]];
  };
  for (let p = 1; p < points; p++) {
    for (let s = 0; s < substeps; s++) {
      const [ax, ay] = field(x, y);
      const [bx, by] = field(x + (h / 2) * ax, y + (h / 2) * ay);
      const [cx, cy] = field(x + (h / 2) * bx, y + (h / 2) * by);
      const [dx, dy] = field(x + h * cx, y + h * cy);
      x += (h / 6) * (ax + 2 * bx + 2 * cx + dx);
      y += (h / 6) * (ay + 2 * by + 2 * cy + dy);
    }
    // A flow that leaves the float range has nothing more to draw.
    if (!Number.isFinite(x) || !Number.isFinite(y)) return out.slice(0, p * 2);
    out[2 * p] = x;
    out[2 * p + 1] = y;
  }
  return out;
}

/**
 * The last point worth drawing of a flow of interleaved x, y points, up to point `last`: where
 * the flow first comes back to its start after going round (a closed orbit, as on x·y), so one
 * lap is drawn once and not a dozen laps over each other (a dashed line drawn many times over is
 * a thick pale ring); else `last`.
 */
export function firstLap(flow: ArrayLike<number>, last: number): number {
  const x0 = flow[0];
  const y0 = flow[1];
  let reach = 0;
  let spacing = 0;
  for (let p = 1; p <= last; p++) {
    reach = Math.max(reach, Math.hypot(flow[2 * p] - x0, flow[2 * p + 1] - y0));
    spacing = Math.max(
      spacing,
      Math.hypot(flow[2 * p] - flow[2 * p - 2], flow[2 * p + 1] - flow[2 * p - 1]),
    );
  }
  if (!(reach > 0)) return last;
  // Back within a sample's spacing of the start counts as back (the samples straddle it).
  const near = Math.max(0.02 * reach, spacing);
  let away = false;
  let previous = Infinity;
  for (let p = 1; p <= last; p++) {
    const d = Math.hypot(flow[2 * p] - x0, flow[2 * p + 1] - y0);
    if (d > 0.5 * reach) away = true;
    // Past the point nearest the start on the way back: the lap closes at that point.
    else if (away && previous < near && d >= previous) return p - 1;
    previous = d;
  }
  return last;
}
