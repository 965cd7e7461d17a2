/**
 * The image view's kernels as numbers: the classic image-processing filters, seeded random
 * ones, and typed ones, plus the weight tensors built from them for a layer.
 */
import type { Pair } from '../../core/conv/index.js';
import { mulberry32 } from '../../core/random.js';
import type { KernelName } from './conv-image-settings.js';

export interface Kernel2d {
  size: Pair;
  /** Row-major, size[0] × size[1]. */
  values: Float32Array;
}

const SOBEL_X = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
const SOBEL_Y = [-1, -2, -1, 0, 0, 0, 1, 2, 1];
const LAPLACIAN = [0, 1, 0, 1, -4, 1, 0, 1, 0];

/** A standard normal sample from two uniforms (Box–Muller). */
export function normalSample(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A number as typed in a kernel: 1, -0.5, .25, 2e-3 (no hex, no Infinity, no empty entries). */
const NUMBER = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/**
 * Reads typed rows of numbers ("1 2 1" per line, or rows split by ';', entries split by spaces
 * or commas); every row as long. A problem names the line and column of the entry it is about.
 */
export function parseKernelText(text: string): Kernel2d | string {
  const rows: { values: number[]; line: number; column: number }[] = [];
  const lines = text.split('\n');
  for (let l = 0; l < lines.length; l++) {
    let offset = 0;
    for (const segment of lines[l].split(';')) {
      const row: number[] = [];
      let rowColumn = 0;
      for (const match of segment.matchAll(/[^\s,]+|,(?=\s*,)|^\s*,/g)) {
        const column = offset + (match.index ?? 0) + 1;
        if (rowColumn === 0) rowColumn = column;
        const entry = match[0].trim();
        if (entry === ',' || !NUMBER.test(entry)) {
          return entry === ','
            ? `${l + 1}:${column}: an empty entry before this comma; expected a number`
            : `${l + 1}:${column}: '${entry}' is not a number; expected numbers such as 1, -0.5 or 2e-3`;
        }
        row.push(Number(entry));
      }
      if (row.length > 0) rows.push({ values: row, line: l + 1, column: rowColumn });
      offset += segment.length + 1;
    }
  }
  if (rows.length === 0) return 'type at least one number';
  const width = rows[0].values.length;
  const short = rows.find((row) => row.values.length !== width);
  if (short) {
    return `${short.line}:${short.column}: this row has ${short.values.length} number${
      short.values.length === 1 ? '' : 's'
    } and the first has ${width}; expected every row as long`;
  }
  const tooBig = rows.flatMap((row) => row.values).find((v) => !Number.isFinite(v));
  if (tooBig !== undefined) return 'a number is out of range; expected finite numbers';
  if (rows.length > 31 || width > 31) return 'at most 31 × 31';
  return {
    size: [rows.length, width],
    values: Float32Array.from(rows.flatMap((row) => row.values)),
  };
}

/**
 * The named kernel at size kh × kw, or why it has no such size. Sobel and Laplacian exist at
 * 3 × 3 only; the Gaussian's σ follows OpenCV's getGaussianKernel rule σ = 0.3·((k−1)/2 − 1) + 0.8.
 */
export function namedKernel(
  name: Exclude<KernelName, 'custom'>,
  size: Pair,
  seed: number,
): Kernel2d | string {
  const [kh, kw] = size;
  if (kh < 1 || kw < 1 || kh > 31 || kw > 31) return 'kernel sides run from 1 to 31';
  const values = new Float32Array(kh * kw);
  switch (name) {
    case 'sobel-x':
    case 'sobel-y':
    case 'laplacian':
      if (kh !== 3 || kw !== 3) return `${name} is a 3 × 3 kernel`;
      values.set(name === 'sobel-x' ? SOBEL_X : name === 'sobel-y' ? SOBEL_Y : LAPLACIAN);
      break;
    case 'identity':
      values[Math.floor(kh / 2) * kw + Math.floor(kw / 2)] = 1;
      break;
    case 'box':
      values.fill(1 / (kh * kw));
      break;
    case 'gaussian': {
      const sigma = (k: number) => 0.3 * ((k - 1) / 2 - 1) + 0.8;
      const weights = (k: number) =>
        Array.from({ length: k }, (_, i) =>
          Math.exp(-((i - (k - 1) / 2) ** 2) / (2 * sigma(k) ** 2)),
        );
      const wy = weights(kh);
      const wx = weights(kw);
      let total = 0;
      for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) total += wy[y] * wx[x];
      for (let y = 0; y < kh; y++)
        for (let x = 0; x < kw; x++) values[y * kw + x] = (wy[y] * wx[x]) / total;
      break;
    }
    case 'random': {
      const random = mulberry32(seed);
      for (let i = 0; i < values.length; i++) values[i] = (2 * random() - 1) / Math.sqrt(kh * kw);
      break;
    }
  }
  return { size, values };
}

/**
 * Weights of shape [a, b, kh, kw] (PyTorch's layout for the layer) with every [a, b] slice set to
 * `kernel / b`, so each output channel applies the kernel to the mean of its input channels.
 */
export function weightFromKernel(
  kernel: Kernel2d,
  shape: [number, number, number, number],
): Float32Array {
  const [a, b, kh, kw] = shape;
  const taps = kh * kw;
  const out = new Float32Array(a * b * taps);
  for (let i = 0; i < a * b; i++)
    for (let t = 0; t < taps; t++) out[i * taps + t] = kernel.values[t] / b;
  return out;
}

/** PyTorch's default initialisation: uniform in ±1/√fan_in (kaiming_uniform_ with a = √5). */
export function defaultInitWeight(
  shape: [number, number, number, number],
  seed: number,
): Float32Array {
  const [a, b, kh, kw] = shape;
  const bound = 1 / Math.sqrt(b * kh * kw);
  const random = mulberry32(seed);
  return Float32Array.from({ length: a * b * kh * kw }, () => (2 * random() - 1) * bound);
}
