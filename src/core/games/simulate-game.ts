import { clipBound, compileGame, gameParameterValues, type CompiledGame } from './compile-game.js';
import { createStepper } from './method-steps.js';
import {
  axisValues,
  cellSpec,
  learningRates,
  type SingleGameSpec,
  type SweepSpec,
} from './sweep-spec.js';
import type { SweepResult, SweepRunOptions } from './sweep-result.js';
import {
  CONVERGED_RADIUS,
  metricsFromEnd,
  SWEEP_METRIC_NAMES,
  type SweepMetricArrays,
  type SweepMetricName,
} from './sweep-metrics.js';

export type { SweepProgress, SweepResult, SweepRunner, SweepRunOptions } from './sweep-result.js';

/**
 * What one game reports: every sweep metric (core/games/sweep-metrics.ts), always a finite
 * number, and the steps it took (`steps`, or fewer when it escaped or converged).
 */
export type GameMetrics = Record<SweepMetricName, number> & { stepsRun: number };

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

/** The float64 reference's metrics: one Float64Array per metric, row-major (cell (ix, iy) at iy·nx + ix). */
export type SweepMetrics = SweepMetricArrays<Float64Array>;

/**
 * Every cell of a sweep on the CPU, one row at a time, yielding to the event
 * loop between rows so an AbortSignal can stop it. Meant for small sweeps: it
 * is the oracle the GPU sweep is checked against.
 */
export async function simulateSweep(
  spec: SweepSpec,
  options: SweepRunOptions = {},
): Promise<SweepResult<SweepMetrics>> {
  const { signal, onProgress } = options;
  const started = performance.now();
  const xValues = axisValues(spec.axes.x);
  const yValues = axisValues(spec.axes.y);
  const nx = xValues.length;
  const ny = yValues.length;
  const cells = nx * ny;
  const metrics = Object.fromEntries(
    SWEEP_METRIC_NAMES.map((name) => [name, new Float64Array(cells)]),
  ) as SweepMetrics;
  let gameSteps = 0;
  // Axes only change numbers, never the objective's text, so one compiled game serves every cell.
  const game = compileGame(spec.game);
  for (let iy = 0; iy < ny; iy++) {
    signal?.throwIfAborted();
    for (let ix = 0; ix < nx; ix++) {
      const m = playGame(game, cellSpec(spec, ix, iy), false).metrics;
      const i = iy * nx + ix;
      for (const name of SWEEP_METRIC_NAMES) metrics[name][i] = m[name];
      gameSteps += m.stepsRun;
    }
    onProgress?.({
      fraction: (iy + 1) / ny,
      cellsDone: (iy + 1) * nx,
      stepsDone: (iy + 1) * nx * spec.steps,
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  signal?.throwIfAborted();
  return {
    spec,
    xValues,
    yValues,
    metrics,
    gameSteps,
    seconds: (performance.now() - started) / 1e3,
  };
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
  const end = { x, y, r, r0, k, maxRadius, escapeStep, stepsRun };
  const metrics: GameMetrics = { ...metricsFromEnd(end), stepsRun };
  return trajectory === null ? { metrics } : { metrics, trajectory: Float64Array.from(trajectory) };
}
