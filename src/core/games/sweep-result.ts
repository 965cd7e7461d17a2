import type { SweepSpec } from './sweep-spec';

/** The metrics every sweep result carries, in the order the JSON and the CSV list them. */
export const SWEEP_METRIC_NAMES = [
  'finalX',
  'finalY',
  'radius',
  'growthRate',
  'escapeStep',
  'maxRadius',
] as const;
export type SweepMetricName = (typeof SWEEP_METRIC_NAMES)[number];

/**
 * What a saved sweep needs, from the GPU runner or the float64 reference alike: each metric is
 * row-major, cell (ix, iy) at iy·nx + ix. Float32Array metrics are written with the fewest
 * digits that read back as the same f32.
 */
export interface SweepResultData {
  spec: SweepSpec;
  xValues: ArrayLike<number>;
  yValues: ArrayLike<number>;
  metrics: Readonly<Record<SweepMetricName, ArrayLike<number>>>;
}

export interface SweepResultJson {
  spec: SweepSpec;
  /** Which device computed it, e.g. "nvidia hopper (NVIDIA H200)". */
  adapter: string;
  xValues: number[];
  yValues: number[];
  metrics: Record<SweepMetricName, number[]>;
}

/** The result as plain JSON data. Throws RangeError on a non-finite value: metrics are always finite. */
export function sweepResultToJson(result: SweepResultData, adapter: string): SweepResultJson {
  checkShape(result);
  const metrics = {} as Record<SweepMetricName, number[]>;
  for (const name of SWEEP_METRIC_NAMES) metrics[name] = plainNumbers(result.metrics[name], name);
  return {
    spec: result.spec,
    adapter,
    xValues: plainNumbers(result.xValues, 'xValues'),
    yValues: plainNumbers(result.yValues, 'yValues'),
    metrics,
  };
}

/**
 * One line per cell, in row-major order: ix, iy, the two swept values under their parameter
 * paths, then every metric. The header names the columns.
 */
export function sweepResultToCsv(result: SweepResultData): string {
  checkShape(result);
  const { spec, xValues, yValues, metrics } = result;
  const columns = SWEEP_METRIC_NAMES.map((name) => plainNumbers(metrics[name], name));
  const xs = plainNumbers(xValues, 'xValues');
  const ys = plainNumbers(yValues, 'yValues');
  const lines = [
    ['ix', 'iy', spec.axes.x.param, spec.axes.y.param, ...SWEEP_METRIC_NAMES].join(','),
  ];
  for (let iy = 0; iy < ys.length; iy++) {
    for (let ix = 0; ix < xs.length; ix++) {
      const cell = iy * xs.length + ix;
      lines.push([ix, iy, xs[ix], ys[iy], ...columns.map((c) => c[cell])].join(','));
    }
  }
  return lines.join('\n') + '\n';
}

function checkShape(result: SweepResultData): void {
  const cells = result.xValues.length * result.yValues.length;
  for (const name of SWEEP_METRIC_NAMES) {
    const length = result.metrics[name].length;
    if (length !== cells)
      throw new RangeError(`metric ${name} has ${length} values for ${cells} cells`);
  }
}

function plainNumbers(values: ArrayLike<number>, name: string): number[] {
  const f32 = values instanceof Float32Array;
  return Array.from(values, (v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}] is ${v}, not a finite number`);
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
