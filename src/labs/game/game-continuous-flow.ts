import { compileGame, learningRates, type SingleGameSpec } from '../../core/games/index.js';

/**
 * The lr → 0 limit of the game's dynamics, dz/dt = F(z) (docs/games.md#continuous-time),
 * integrated with classical RK4 over the same time the
 * discrete game covers: one step of rate η is η units of time. On x·y this is
 * the circle z(t) = e^{−it}·z₀. Returns x0, y0, x1, y1, … at `points` times.
 */
export function continuousFlow(spec: SingleGameSpec, points = 721): Float64Array {
  const game = compileGame(spec.game).evaluator();
  const { lrX } = learningRates(spec);
  const duration = lrX * spec.steps;
  const substeps = 8;
  const h = duration / ((points - 1) * substeps);
  const out = new Float64Array(points * 2);
  const k = new Float64Array(2);
  let x = spec.x0;
  let y = spec.y0;
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
