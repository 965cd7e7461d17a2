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
  for (const [i, name] of SWEEP_METRIC_NAMES.entries()) {
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
  const xs = numberStrings(xValues, 'xValues');
  const ys = numberStrings(yValues, 'yValues');
  yield ['ix', 'iy', spec.axes.x.param, spec.axes.y.param, ...SWEEP_METRIC_NAMES].join(',') + '\n';
  for (let iy = 0; iy < ys.length; iy++) {
    const columns = SWEEP_METRIC_NAMES.map((name) =>
      numberStrings(slice(metrics[name], iy * nx, (iy + 1) * nx), name, iy * nx),
    );
    let lines = '';
    for (let ix = 0; ix < nx; ix++) {
      lines += `${ix},${iy},${xs[ix]},${ys[iy]}`;
      for (const column of columns) lines += `,${column[ix]}`;
      lines += '\n';
    }
    yield lines;
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
    const text = numberStrings(slice(values, start, end), name, start).join(',');
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
  for (const name of SWEEP_METRIC_NAMES) {
    const length = result.metrics[name].length;
    if (length !== cells)
      throw new RangeError(`metric ${name} has ${length} values for ${cells} cells`);
  }
}

function plainNumbers(values: ArrayLike<number>, name: string, offset = 0): number[] {
  const f32 = values instanceof Float32Array;
  return Array.from(values, (v, i) => {
    checkFinite(v, name, offset + i);
    return f32 ? Number(formatF32(v)) : v;
  });
}

/** Each value as JSON/CSV writes it: f32 values by formatF32, others as JavaScript writes them. */
function numberStrings(values: ArrayLike<number>, name: string, offset = 0): string[] {
  const format = values instanceof Float32Array ? formatF32 : String;
  const texts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    checkFinite(v, name, offset + i);
    texts[i] = format(v);
  }
  return texts;
}

function checkFinite(v: number, name: string, index: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`${name}[${index}] is ${v}, not a finite number`);
}

/** 10⁰ … 10²²: each exact in float64. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
/**
 * A bound on the absolute error of m·10^k scaled into [10⁸, 10⁹) by at most three roundings of
 * 2⁻⁵³ relative (≈ 3.3e-7), with a margin: closer than this to a rounding tie, the slow path decides.
 */
const SCALED_ERROR = 1e-6;

/** m · 10^k, with k split into exact powers of ten (one rounding per factor). */
function scaled(m: number, k: number): number {
  for (; k > 22; k -= 22) m *= 1e22;
  for (; k < -22; k += 22) m /= 1e22;
  return k >= 0 ? m * POW10[k] : m / POW10[-k];
}

/**
 * An f32 (held exactly in a float64) written as `String(Number(v.toPrecision(d)))` for the least
 * d ≤ 9 whose toPrecision reads back as the same f32: the fewest digits that identify it, rounded
 * to nearest (ties away from zero, as toPrecision rounds).
 *
 * Fast, with no string conversion on the common path: v·10^k is scaled into [10⁸, 10⁹) in
 * float64 (error below SCALED_ERROR), each d-digit rounding is taken from it by integer
 * arithmetic, read back as n·10^p with exact powers of ten (correctly rounded, as parsing is) and
 * written the way Number's toString writes a decimal of ≤ 15 digits. Wherever the scaled error
 * could change a rounding (near a tie or a decade boundary) or a read-back needs more than exact
 * powers of ten near an f32 rounding boundary, the toPrecision search itself decides.
 */
export function formatF32(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) <= 16_777_216) return String(v);
  const negative = v < 0;
  const m = negative ? -v : v;
  // The decimal exponent e with 10^(e−1) ≤ m < 10^e; log10 may be off by one near a power.
  let e = Math.floor(Math.log10(m)) + 1;
  let x = scaled(m, 9 - e);
  if (x >= 1e9) x = scaled(m, 9 - ++e);
  else if (x < 1e8) x = scaled(m, 9 - --e);
  if (!(x >= 1e8 + SCALED_ERROR && x <= 1e9 - SCALED_ERROR)) return slowFormatF32(v);
  const whole = Math.floor(x);
  const fraction = x - whole;
  for (let d = 1; d <= 9; d++) {
    const unit = POW10[9 - d];
    const q = Math.floor(whole / unit);
    const rest = whole - q * unit + fraction;
    if (Math.abs(rest - unit / 2) <= SCALED_ERROR) return slowFormatF32(v);
    let n = rest > unit / 2 ? q + 1 : q;
    let p = e - d; // the candidate is n · 10^p
    let candidate: number;
    if (p >= -22 && p <= 22) {
      candidate = p >= 0 ? n * POW10[p] : n / POW10[-p];
    } else {
      candidate = scaled(n, p);
      // Up to three roundings: decide here only where no nearby float64 reads as another f32.
      const f = Math.fround(candidate);
      if (Math.fround(candidate * (1 + 1e-15)) !== f || Math.fround(candidate * (1 - 1e-15)) !== f)
        candidate = Number(`${n}e${p}`);
    }
    if (Math.fround(candidate) !== m) continue;
    while (n % 10 === 0) {
      n /= 10;
      p++;
    }
    return (negative ? '-' : '') + decimalText(String(n), p);
  }
  return slowFormatF32(v);
}

/** digits · 10^p (digits without trailing zeros, at most 15) as Number.prototype.toString writes it. */
function decimalText(digits: string, p: number): string {
  const k = digits.length;
  const n = k + p; // the decimal point's place: value = 0.digits × 10^n
  if (k <= n && n <= 21) return digits + '0'.repeat(n - k);
  if (0 < n && n <= 21) return `${digits.slice(0, n)}.${digits.slice(n)}`;
  if (-6 < n && n <= 0) return `0.${'0'.repeat(-n)}${digits}`;
  const exponent = n - 1;
  const mantissa = k === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
}

/** The definition formatF32 follows: the fewest toPrecision digits that read back as the same f32. */
function slowFormatF32(v: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(v.toPrecision(digits));
    if (Math.fround(shorter) === v) return String(shorter);
  }
  return String(Number(v.toPrecision(9)));
}
