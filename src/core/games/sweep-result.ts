import {
  SWEEP_METRIC_NAMES,
  type SweepMetricArrays,
  type SweepMetricName,
} from './sweep-metrics.js';
import type { SweepSpec } from './sweep-spec.js';

export { SWEEP_METRIC_NAMES, type SweepMetricName };

/**
 * A played sweep, from the GPU runner or the float64 reference alike: both axes' values and
 * every metric, each row-major (cell (ix, iy) at iy·nx + ix). `Metrics` is the arrays' types:
 * Float32Array (Int32Array for escapeStep) from the GPU, Float64Array from the reference.
 */
export interface SweepResult<Metrics = SweepMetricArrays<ArrayLike<number>>> {
  spec: SweepSpec;
  xValues: Float64Array;
  yValues: Float64Array;
  metrics: Metrics;
  /** Steps the games actually ran (up to their escape or convergence), summed over cells. */
  gameSteps: number;
  /** Wall-clock seconds of the run. */
  seconds: number;
}

export interface SweepProgress {
  /** Game-steps played so far over all game-steps of the sweep, 0..1. */
  fraction: number;
  /** Cells whose games are finished and whose metrics are known. */
  cellsDone: number;
  /** Game-steps played so far (games that stopped early count their remaining steps too). */
  stepsDone: number;
}

/** What every sweep runner, CPU or GPU, takes besides the spec. */
export interface SweepRunOptions {
  /** Checked between pieces of work; an aborted run rejects. */
  signal?: AbortSignal;
  onProgress?(progress: SweepProgress): void;
}

/** Plays every cell of a sweep: the GPU runner (bound to its device) and the float64 reference alike. */
export type SweepRunner<Metrics = SweepMetricArrays<ArrayLike<number>>> = (
  spec: SweepSpec,
  options?: SweepRunOptions,
) => Promise<SweepResult<Metrics>>;

/**
 * What a saved sweep needs (a SweepResult has it): Float32Array metrics are written with the
 * fewest digits that read back as the same f32.
 */
export interface SweepResultData {
  spec: SweepSpec;
  xValues: ArrayLike<number>;
  yValues: ArrayLike<number>;
  metrics: Readonly<Record<SweepMetricName, ArrayLike<number>>>;
  /** The metrics computed, in any order (default: all); only these are written. */
  metricNames?: readonly SweepMetricName[];
}

/** The metrics a saved sweep holds, in the order the JSON and the CSV list them. */
function savedMetrics(result: SweepResultData): readonly SweepMetricName[] {
  const names = result.metricNames;
  return names === undefined
    ? SWEEP_METRIC_NAMES
    : SWEEP_METRIC_NAMES.filter((n) => names.includes(n));
}

export interface SweepResultJson {
  spec: SweepSpec;
  /** Which device computed it, e.g. "nvidia hopper (NVIDIA H200)". */
  adapter: string;
  xValues: number[];
  yValues: number[];
  /** Every metric, or those the sweep was asked for (SweepResultData.metricNames). */
  metrics: Partial<Record<SweepMetricName, number[]>>;
}

/** The result as plain JSON data. Throws RangeError on a non-finite value: metrics are always finite. */
export function sweepResultToJson(result: SweepResultData, adapter: string): SweepResultJson {
  checkShape(result);
  const metrics: Partial<Record<SweepMetricName, number[]>> = {};
  for (const name of savedMetrics(result)) metrics[name] = plainNumbers(result.metrics[name], name);
  return {
    spec: result.spec,
    adapter,
    xValues: plainNumbers(result.xValues, 'xValues'),
    yValues: plainNumbers(result.yValues, 'yValues'),
    metrics,
  };
}

/**
 * `JSON.stringify(sweepResultToJson(result, adapter))`, in pieces of at most a few thousand
 * numbers: a 4096 × 4096 sweep is about a gigabyte of text, more than one JavaScript string holds.
 */
export function* sweepJsonChunks(result: SweepResultData, adapter: string): Generator<string> {
  checkShape(result);
  yield `{"spec":${JSON.stringify(result.spec)},"adapter":${JSON.stringify(adapter)},"xValues":`;
  yield* arrayChunks(result.xValues, 'xValues');
  yield ',"yValues":';
  yield* arrayChunks(result.yValues, 'yValues');
  yield ',"metrics":{';
  for (const [i, name] of savedMetrics(result).entries()) {
    yield `${i ? ',' : ''}"${name}":`;
    yield* arrayChunks(result.metrics[name], name);
  }
  yield '}}\n';
}

/**
 * One line per cell, in row-major order: ix, iy, the two swept values under their parameter
 * paths, then every metric. The header names the columns. Yields a row of the grid at a time.
 */
export function* sweepCsvChunks(result: SweepResultData): Generator<string> {
  checkShape(result);
  const { spec, xValues, yValues, metrics } = result;
  const nx = xValues.length;
  const xs = plainNumbers(xValues, 'xValues');
  const ys = plainNumbers(yValues, 'yValues');
  const names = savedMetrics(result);
  yield ['ix', 'iy', spec.axes.x.param, spec.axes.y.param, ...names].join(',') + '\n';
  for (let iy = 0; iy < ys.length; iy++) {
    const columns = names.map((name) =>
      plainNumbers(slice(metrics[name], iy * nx, (iy + 1) * nx), name, iy * nx),
    );
    const lines: string[] = [];
    for (let ix = 0; ix < nx; ix++) {
      lines.push([ix, iy, xs[ix], ys[iy], ...columns.map((c) => c[ix])].join(',') + '\n');
    }
    yield lines.join('');
  }
}

/** The whole CSV as one string, for sweeps small enough to hold in memory twice. */
export function sweepResultToCsv(result: SweepResultData): string {
  return [...sweepCsvChunks(result)].join('');
}

const NUMBERS_PER_CHUNK = 1 << 16;

function* arrayChunks(values: ArrayLike<number>, name: string): Generator<string> {
  yield '[';
  for (let start = 0; start < values.length; start += NUMBERS_PER_CHUNK) {
    const end = Math.min(values.length, start + NUMBERS_PER_CHUNK);
    const text = plainNumbers(slice(values, start, end), name, start).join(',');
    yield start ? `,${text}` : text;
  }
  yield ']';
}

/** A view of values[start, end) that keeps its element type (Float32Array stays Float32Array). */
function slice(values: ArrayLike<number>, start: number, end: number): ArrayLike<number> {
  return ArrayBuffer.isView(values)
    ? (values as Float32Array).subarray(start, end)
    : Array.prototype.slice.call(values, start, end);
}

function checkShape(result: SweepResultData): void {
  const cells = result.xValues.length * result.yValues.length;
  for (const name of savedMetrics(result)) {
    const length = result.metrics[name].length;
    if (length !== cells)
      throw new RangeError(`metric ${name} has ${length} values for ${cells} cells`);
  }
}

function plainNumbers(values: ArrayLike<number>, name: string, offset = 0): number[] {
  const f32 = values instanceof Float32Array;
  return Array.from(values, (v, i) => {
    if (!Number.isFinite(v)) {
      throw new RangeError(`${name}[${offset + i}] is ${v}, not a finite number`);
    }
    return f32 ? shortestF32(v) : v;
  });
}

// The f32 is exactly representable in float64; print the fewest digits that round back to it.
function shortestF32(v: number): number {
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(v.toPrecision(digits));
    if (Math.fround(shorter) === v) return shorter;
  }
  return Number(v.toPrecision(9));
}
