import { SWEEP_METRIC_NAMES } from '../../core/games/index.js';
import type { SweepResult } from './game-lab-state.js';

/**
 * A finished sweep as it fills in, for the heatmap's video: the first `fraction` of its cells in
 * the order the GPU plays them (row-major, bottom row first, as the runner's slices take them)
 * keep their metrics, the rest have none yet (NaN, or an escape step of −1) and are drawn without
 * colour. The heatmap scales its colours to the cells shown.
 */
export function revealSweep(result: SweepResult, fraction: number): SweepResult {
  const cells = result.xValues.length * result.yValues.length;
  const shown = Math.max(0, Math.min(cells, Math.round(fraction * cells)));
  if (shown === cells) return result;
  const metrics = { ...result.metrics } as Record<string, ArrayLike<number>>;
  for (const name of SWEEP_METRIC_NAMES) {
    const plane: ArrayLike<number> = result.metrics[name];
    // A metric the sweep did not compute is an empty array: it stays empty.
    if (plane.length !== cells) continue;
    const copy = name === 'escapeStep' ? new Int32Array(cells) : new Float32Array(cells);
    for (let i = 0; i < shown; i++) copy[i] = plane[i];
    copy.fill(name === 'escapeStep' ? -1 : NaN, shown);
    metrics[name] = copy;
  }
  return { ...result, metrics: metrics as unknown as SweepResult['metrics'] };
}
