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
export type SweepRunner<
  Metrics = SweepMetricArrays<ArrayLike<number>>,
  Result extends SweepResult<Metrics> = SweepResult<Metrics>,
> = (spec: SweepSpec, options?: SweepRunOptions) => Promise<Result>;

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
 * `JSON.stringify(sweepResultToJson(result, adapter))` as UTF-8, in pieces of about a megabyte:
 * a 4096 × 4096 sweep is about a gigabyte of text, more than one JavaScript string holds. The
 * numbers are written as ASCII bytes directly (AsciiText), without a string each.
 */
export function* sweepJsonChunks(
  result: SweepResultData,
  adapter: string,
): Generator<Uint8Array<ArrayBuffer>> {
  checkShape(result);
  const out = new AsciiText();
  out.utf8(
    `{"spec":${JSON.stringify(result.spec)},"adapter":${JSON.stringify(adapter)},"xValues":`,
  );
  yield* jsonArray(out, result.xValues, 'xValues');
  out.utf8(',"yValues":');
  yield* jsonArray(out, result.yValues, 'yValues');
  out.utf8(',"metrics":{');
  for (const [i, name] of savedMetrics(result).entries()) {
    out.utf8(`${i ? ',' : ''}"${name}":`);
    yield* jsonArray(out, result.metrics[name], name);
  }
  out.utf8('}}\n');
  yield out.take();
}

/**
 * One line per cell, in row-major order: ix, iy, the two swept values under their parameter
 * paths, then every metric. The header names the columns. UTF-8, in pieces of about a megabyte.
 */
export function* sweepCsvChunks(result: SweepResultData): Generator<Uint8Array<ArrayBuffer>> {
  checkShape(result);
  const { spec, xValues, yValues, metrics } = result;
  const nx = xValues.length;
  const xs = Array.from(xValues, (v, i) => numberText(v, xValues, 'xValues', i));
  const ys = Array.from(yValues, (v, i) => numberText(v, yValues, 'yValues', i));
  const names = savedMetrics(result);
  const columns = names.map((name) => metrics[name]);
  const out = new AsciiText();
  out.utf8(['ix', 'iy', spec.axes.x.param, spec.axes.y.param, ...names].join(',') + '\n');
  for (let iy = 0; iy < ys.length; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const cell = iy * nx + ix;
      out.integer(ix);
      out.byte(COMMA);
      out.integer(iy);
      out.byte(COMMA);
      out.ascii(xs[ix]);
      out.byte(COMMA);
      out.ascii(ys[iy]);
      for (const [c, column] of columns.entries()) {
        out.byte(COMMA);
        out.number(column, cell, names[c]);
      }
      out.byte(NEWLINE);
    }
    if (out.size >= CHUNK_BYTES) yield out.take();
  }
  yield out.take();
}

/** The whole CSV as one string, for sweeps small enough to hold in memory twice. */
export function sweepResultToCsv(result: SweepResultData): string {
  const decoder = new TextDecoder();
  return [...sweepCsvChunks(result)].map((piece) => decoder.decode(piece)).join('');
}

/** A piece is handed on once it holds this many bytes. */
const CHUNK_BYTES = 1 << 20;
const COMMA = 44;
const NEWLINE = 10;

function* jsonArray(
  out: AsciiText,
  values: ArrayLike<number>,
  name: string,
): Generator<Uint8Array<ArrayBuffer>> {
  out.byte(91); // [
  for (let i = 0; i < values.length; i++) {
    if (i) out.byte(COMMA);
    out.number(values, i, name);
    if (out.size >= CHUNK_BYTES) yield out.take();
  }
  out.byte(93); // ]
}

/**
 * Text built in a growing byte buffer. Numbers are written as JSON and the CSV write them:
 * values of a Float32Array by the f32 shortest-digits rule (formatF32), others as JavaScript's
 * String writes them.
 */
class AsciiText {
  private bytes: Uint8Array<ArrayBuffer>;
  size = 0;

  constructor(capacity = CHUNK_BYTES + 4096) {
    this.bytes = new Uint8Array(capacity);
  }

  /** The text so far, handed over; the buffer starts empty again. */
  take(): Uint8Array<ArrayBuffer> {
    const piece = this.bytes.slice(0, this.size);
    this.size = 0;
    return piece;
  }

  byte(b: number): void {
    if (this.size === this.bytes.length) this.grow(1);
    this.bytes[this.size++] = b;
  }

  /** A string of ASCII characters (numbers as String writes them). */
  ascii(text: string): void {
    this.grow(text.length);
    for (let i = 0; i < text.length; i++) this.bytes[this.size++] = text.charCodeAt(i);
  }

  utf8(text: string): void {
    const encoded = new TextEncoder().encode(text);
    this.grow(encoded.length);
    this.bytes.set(encoded, this.size);
    this.size += encoded.length;
  }

  /** A whole number of at most 16 digits, as String writes it. */
  integer(n: number): void {
    this.grow(17);
    if (n < 0) {
      this.bytes[this.size++] = 45; // -
      n = -n;
    }
    this.digits(n);
  }

  /** An f32 value (held exactly in a float64) as formatF32 writes it. */
  f32(v: number): void {
    if (Number.isInteger(v) && Math.abs(v) <= 16_777_216) return this.integer(v);
    const m = Math.abs(v);
    if (!shortestDigits(m)) return this.ascii(slowFormatF32(v));
    this.grow(32);
    if (v < 0) this.bytes[this.size++] = 45; // -
    // n · 10^p placed as Number's toString places a decimal of ≤ 15 significant digits.
    const { n, p } = SHORTEST;
    let k = 1; // digits in n
    for (let t = 10; t <= n; t *= 10) k++;
    const point = k + p; // the value is 0.digits × 10^point
    const start = this.size;
    if (k <= point && point <= 21) {
      this.digits(n);
      this.repeat(48, point - k);
    } else if (0 < point && point <= 21) {
      this.digits(n);
      this.insert(start + point, 46); // .
    } else if (-6 < point && point <= 0) {
      this.bytes[this.size++] = 48; // 0
      this.bytes[this.size++] = 46; // .
      this.repeat(48, -point);
      this.digits(n);
    } else {
      this.digits(n);
      if (k > 1) this.insert(start + 1, 46); // .
      const exponent = point - 1;
      this.bytes[this.size++] = 101; // e
      this.bytes[this.size++] = exponent < 0 ? 45 : 43; // - or +
      this.digits(Math.abs(exponent));
    }
  }

  /** A value of `values` as JSON and the CSV write it (see numberText). */
  number(values: ArrayLike<number>, index: number, name: string): void {
    const v = values[index];
    checkFinite(v, name, index);
    if (values instanceof Float32Array) this.f32(v);
    else if (Number.isSafeInteger(v)) this.integer(v);
    else this.ascii(String(v));
  }

  /** The decimal digits of a whole number n ≥ 0. */
  private digits(n: number): void {
    let count = 0;
    do {
      const q = Math.floor(n / 10);
      DIGIT_SCRATCH[count++] = 48 + (n - q * 10);
      n = q;
    } while (n > 0);
    this.grow(count);
    while (count > 0) this.bytes[this.size++] = DIGIT_SCRATCH[--count];
  }

  private repeat(byte: number, count: number): void {
    this.grow(count);
    for (let i = 0; i < count; i++) this.bytes[this.size++] = byte;
  }

  /** Inserts a byte at `at`, shifting what follows. */
  private insert(at: number, byte: number): void {
    this.grow(1);
    this.bytes.copyWithin(at + 1, at, this.size);
    this.bytes[at] = byte;
    this.size++;
  }

  private grow(extra: number): void {
    if (this.size + extra <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.size + extra));
    bigger.set(this.bytes.subarray(0, this.size));
    this.bytes = bigger;
  }
}

/** One value as JSON/CSV writes it: f32 values by formatF32, others as JavaScript writes them. */
function numberText(v: number, values: ArrayLike<number>, name: string, index: number): string {
  checkFinite(v, name, index);
  return values instanceof Float32Array ? formatF32(v) : String(v);
}

const DIGIT_SCRATCH = new Uint8Array(24);
/** formatF32's scratch text. */
const FORMAT_BUFFER = new AsciiText(64);

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
    checkFinite(v, name, offset + i);
    return f32 ? Number(formatF32(v)) : v;
  });
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
  FORMAT_BUFFER.size = 0;
  FORMAT_BUFFER.f32(v);
  return new TextDecoder().decode(FORMAT_BUFFER.take());
}

/** m's f32 bits, to tell a power of two by its zero mantissa. */
const F32_BITS = new Float32Array(1);
const U32_BITS = new Uint32Array(F32_BITS.buffer);

/** Where shortestDigits leaves its answer: the value is n · 10^p, n without trailing zeros. */
const SHORTEST = { n: 0, p: 0 };

/**
 * formatF32's digits for m > 0 (not a small integer) into SHORTEST; false where only the
 * toPrecision search can decide (slowFormatF32).
 */
function shortestDigits(m: number): boolean {
  // The decimal exponent e with 10^(e−1) ≤ m < 10^e; log10 may be off by one near a power.
  let e = Math.floor(Math.log10(m)) + 1;
  let x = scaled(m, 9 - e);
  if (x >= 1e9) x = scaled(m, 9 - ++e);
  else if (x < 1e8) x = scaled(m, 9 - --e);
  if (!(x >= 1e8 + SCALED_ERROR && x <= 1e9 - SCALED_ERROR)) return false;
  const whole = Math.floor(x);
  const fraction = x - whole;
  // The least d whose rounding reads back as m. Reading back is monotone in d (the d-digit
  // decimals are among the (d+1)-digit ones, so the nearest of the latter is at least as close),
  // so d is found by bisection, except where m's f32 neighbours are not equally far (m a power of
  // two), where a farther rounding on the near side may fail: there every d is tried in turn.
  F32_BITS[0] = m;
  const powerOfTwo = (U32_BITS[0] & 0x7fffff) === 0;
  let low = 1;
  let high = 9;
  let found = false;
  while (low <= high) {
    const d = powerOfTwo ? low : (low + high) >> 1;
    const unit = POW10[9 - d];
    const q = Math.floor(whole / unit);
    const rest = whole - q * unit + fraction;
    if (Math.abs(rest - unit / 2) <= SCALED_ERROR) return false;
    const n = rest > unit / 2 ? q + 1 : q;
    const p = e - d; // the candidate is n · 10^p
    if (readsBackAs(n, p, m)) {
      SHORTEST.n = n;
      SHORTEST.p = p;
      found = true;
      if (powerOfTwo) break;
      high = d - 1;
    } else low = d + 1;
  }
  if (!found) return false;
  while (SHORTEST.n % 10 === 0) {
    SHORTEST.n /= 10;
    SHORTEST.p++;
  }
  return true;
}

/** Whether n · 10^p, read as a float64 (correctly rounded, as parsing is), rounds to the f32 m. */
function readsBackAs(n: number, p: number, m: number): boolean {
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
  return Math.fround(candidate) === m;
}

/** The definition formatF32 follows: the fewest toPrecision digits that read back as the same f32. */
function slowFormatF32(v: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(v.toPrecision(digits));
    if (Math.fround(shorter) === v) return String(shorter);
  }
  return String(Number(v.toPrecision(9)));
}
