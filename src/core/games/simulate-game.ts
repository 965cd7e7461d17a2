import { clipBound, compileGame, gameParameterValues, type CompiledGame } from './compile-game.js';
import { createStepper } from './method-steps.js';
import {
  axisValues,
  cellSpec,
  learningRates,
  type SingleGameSpec,
  type SweepSpec,
} from './sweep-spec.js';

/** A game counts as converged, and stops, below this radius: small, yet a normal f32 still holds it. */
export const CONVERGED_RADIUS = 1e-30;

/** The largest finite f32: where a metric that overflowed is clamped. */
export const METRIC_LIMIT = 3.4028234663852886e38;

/**
 * The clamp every reported metric goes through, identically in the float64 simulator and on the
 * GPU runner's readback: a finite value is kept as it is; +∞ becomes METRIC_LIMIT, −∞ becomes
 * −METRIC_LIMIT, and NaN becomes 0. (On the GPU an f32 radius or its logarithm overflows where
 * float64 does not, e.g. |x| = |y| = 3e38; saved results must hold numbers JSON can write.)
 */
export function finiteMetric(value: number): number {
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 0 : value > 0 ? METRIC_LIMIT : -METRIC_LIMIT;
}

/** What one game reports; always finite numbers (see finiteMetric). */
export interface GameMetrics {
  /** The last finite state reached. */
  finalX: number;
  finalY: number;
  /** Distance of (finalX, finalY) from the equilibrium (0, 0). */
  radius: number;
  /** (1/k)·ln(r_k/r₀) over the k steps that led to the final state; 0 when k = 0 or r₀ = 0. */
  growthRate: number;
  /** The first step whose radius exceeded escapeRadius or whose state was not finite; −1 if none. */
  escapeStep: number;
  /** The largest radius seen, the start included. */
  maxRadius: number;
  /** Steps taken: `steps`, or fewer when the game escaped or converged. */
  stepsRun: number;
}

export interface GameRun {
  metrics: GameMetrics;
  /** x0, y0, x1, y1, … up to the final state, when asked for. */
  trajectory?: Float64Array;
}

/**
 * The float64 reference of one game, with the semantics the GPU kernel has:
 * play up to `steps` steps; stop, escaped, at the first step k whose radius
 * exceeds escapeRadius (the metrics then describe step k) or whose state is
 * not finite (they describe the last finite state, step k − 1); stop,
 * converged, when the radius falls below CONVERGED_RADIUS. The start itself
 * is checked as step 0.
 */
export function simulateGame(spec: SingleGameSpec, options: { record?: boolean } = {}): GameRun {
  return playGame(compileGame(spec.game), spec, options.record ?? false);
}

/** The six per-cell metrics of a sweep, each row-major (row = y index, so cell (ix, iy) is at iy·nx + ix). */
export interface SweepMetrics {
  finalX: Float64Array;
  finalY: Float64Array;
  radius: Float64Array;
  growthRate: Float64Array;
  escapeStep: Float64Array;
  maxRadius: Float64Array;
}

export interface SweepResult {
  xValues: Float64Array;
  yValues: Float64Array;
  metrics: SweepMetrics;
}

export interface SweepOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Every cell of a sweep on the CPU, one row at a time, yielding to the event
 * loop between rows so an AbortSignal can stop it. Meant for small sweeps: it
 * is the oracle the GPU sweep is checked against.
 */
export async function simulateSweep(
  spec: SweepSpec,
  options: SweepOptions = {},
): Promise<SweepResult> {
  const { signal, onProgress } = options;
  const xValues = axisValues(spec.axes.x);
  const yValues = axisValues(spec.axes.y);
  const nx = xValues.length;
  const ny = yValues.length;
  const cells = nx * ny;
  const metrics: SweepMetrics = {
    finalX: new Float64Array(cells),
    finalY: new Float64Array(cells),
    radius: new Float64Array(cells),
    growthRate: new Float64Array(cells),
    escapeStep: new Float64Array(cells),
    maxRadius: new Float64Array(cells),
  };
  // Axes only change numbers, never the objective's text, so one compiled game serves every cell.
  const game = compileGame(spec.game);
  for (let iy = 0; iy < ny; iy++) {
    signal?.throwIfAborted();
    for (let ix = 0; ix < nx; ix++) {
      const m = playGame(game, cellSpec(spec, ix, iy), false).metrics;
      const i = iy * nx + ix;
      metrics.finalX[i] = m.finalX;
      metrics.finalY[i] = m.finalY;
      metrics.radius[i] = m.radius;
      metrics.growthRate[i] = m.growthRate;
      metrics.escapeStep[i] = m.escapeStep;
      metrics.maxRadius[i] = m.maxRadius;
    }
    onProgress?.((iy + 1) / ny);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  signal?.throwIfAborted();
  return { xValues, yValues, metrics };
}

function playGame(game: CompiledGame, spec: SingleGameSpec, record: boolean): GameRun {
  const cellGame = game.evaluator(gameParameterValues(spec.game));
  const stepper = createStepper(spec.method, cellGame, {
    ...learningRates(spec),
    clip: clipBound(spec.game),
  });
  const state = stepper.init(spec.x0, spec.y0);
  const r0 = Math.hypot(spec.x0, spec.y0);
  const trajectory: number[] | null = record ? [spec.x0, spec.y0] : null;

  let x = spec.x0;
  let y = spec.y0;
  let r = r0;
  let maxRadius = r0;
  let k = 0;
  let stepsRun = 0;
  let escapeStep = r0 > spec.escapeRadius ? 0 : -1;
  if (escapeStep < 0 && r0 >= CONVERGED_RADIUS) {
    for (let step = 1; step <= spec.steps; step++) {
      stepper.step(state);
      stepsRun = step;
      const next = Math.hypot(state[0], state[1]);
      if (!Number.isFinite(next)) {
        escapeStep = step;
        break;
      }
      x = state[0];
      y = state[1];
      r = next;
      k = step;
      trajectory?.push(x, y);
      if (r > maxRadius) maxRadius = r;
      if (r > spec.escapeRadius) {
        escapeStep = step;
        break;
      }
      if (r < CONVERGED_RADIUS) break;
    }
  }
  // A game that converged counts as having reached CONVERGED_RADIUS, so the logarithm stays finite when r hits 0.
  const growthRate =
    k === 0 || r0 === 0 ? 0 : (Math.log(Math.max(r, CONVERGED_RADIUS)) - Math.log(r0)) / k;
  const metrics = {
    finalX: finiteMetric(x),
    finalY: finiteMetric(y),
    radius: finiteMetric(r),
    growthRate: finiteMetric(growthRate),
    escapeStep,
    maxRadius: finiteMetric(maxRadius),
    stepsRun,
  };
  return trajectory === null ? { metrics } : { metrics, trajectory: Float64Array.from(trajectory) };
}
