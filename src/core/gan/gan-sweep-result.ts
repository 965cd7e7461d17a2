import type { GanMetricName, GanMetrics } from './gan-metrics.js';
import { GAN_METRIC_NAMES } from './gan-metrics.js';
import { ganAxisValues, ganCellSpec, type GanSweepSpec } from './gan-sweep-spec.js';
import { trainGan } from './train-gan.js';

/**
 * A trained GAN sweep, from the GPU or the float64 reference alike: both axes' values and every
 * metric, each row-major (cell (ix, iy) at iy·nx + ix).
 */
export interface GanSweepResult {
  spec: GanSweepSpec;
  xValues: Float64Array;
  yValues: Float64Array;
  metrics: Record<GanMetricName, Float64Array>;
  /** Outer training steps run, summed over cells (a diverged run counts the steps it took). */
  ganSteps: number;
  /** Wall-clock seconds of the run. */
  seconds: number;
}

export interface GanSweepProgress {
  /** Training steps done over all steps of the sweep, 0..1. */
  fraction: number;
  /** Cells whose metrics are known. */
  cellsDone: number;
}

export interface GanSweepOptions {
  /** Checked between pieces of work; an aborted run rejects with the signal's reason. */
  signal?: AbortSignal;
  onProgress?(progress: GanSweepProgress): void;
}

/** Empty metric planes for a sweep of `cells` cells. */
export function ganMetricPlanes(cells: number): Record<GanMetricName, Float64Array> {
  return Object.fromEntries(
    GAN_METRIC_NAMES.map((name) => [name, new Float64Array(cells)]),
  ) as Record<GanMetricName, Float64Array>;
}

/** Stores one cell's metrics into the planes. */
export function storeGanMetrics(
  planes: Record<GanMetricName, Float64Array>,
  index: number,
  metrics: GanMetrics,
): void {
  for (const name of GAN_METRIC_NAMES) planes[name][index] = metrics[name];
}

/**
 * The float64 reference sweep: trainGan on every cell, row by row. Slow (milliseconds a step),
 * so for tests and small sweeps; it yields to the event loop between cells.
 */
export async function referenceGanSweep(
  spec: GanSweepSpec,
  options: GanSweepOptions = {},
): Promise<GanSweepResult> {
  const start = performance.now();
  const { x, y } = ganAxisValues(spec);
  const cells = x.length * y.length;
  const metrics = ganMetricPlanes(cells);
  let ganSteps = 0;
  for (let iy = 0; iy < y.length; iy++) {
    for (let ix = 0; ix < x.length; ix++) {
      options.signal?.throwIfAborted();
      const run = trainGan(ganCellSpec(spec, ix, iy));
      storeGanMetrics(metrics, iy * x.length + ix, run.metrics);
      ganSteps += run.metrics.stepsRun;
      const done = iy * x.length + ix + 1;
      options.onProgress?.({ fraction: done / cells, cellsDone: done });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  return {
    spec,
    xValues: x,
    yValues: y,
    metrics,
    ganSteps,
    seconds: (performance.now() - start) / 1000,
  };
}
