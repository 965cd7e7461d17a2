/**
 * The arithmetic behind one layer, small enough to read: a one-channel copy of the layer's
 * geometry, a deterministic small-integer input, kernel and bias, and, cell by cell, the terms
 * that make an output value. Every total here comes from the float64 reference conv
 * (reference-conv.ts); the terms only list what it sums, so the two can be checked against
 * each other.
 *
 * For a transposed convolution there are two ways to the same output: scatter (each input
 * value times the kernel, added into the output at its place) and gather (a stride-1
 * convolution with the flipped kernel over the spread, ringed input of
 * transposed-conv-stages.ts).
 */
import { conv2dConfig, type ConvConfig, type Pair } from './conv-config.js';
import { convReadCells } from './kernel-coverage.js';
import {
  conv2dReference,
  convTranspose2dReference,
  paddedIndex,
  type Tensor4,
} from './reference-conv.js';
import { transposedConvStages, type TransposedStages } from './transposed-conv-stages.js';

/** A one-channel layer with numbers: what the computation views show. */
export interface ComputationExample {
  /** The layer's geometry with one input and one output channel (and no groups). */
  config: ConvConfig;
  /** [1, 1, inH, inW]. */
  input: Tensor4;
  /** [1, 1, kH, kW] (the layouts of both conv2d and conv_transpose2d agree for one channel). */
  weight: Tensor4;
  /** The bias added to every output cell: 1 when the layer has one, else 0. */
  bias: number;
  /** The float64 reference's output, [1, 1, outH, outW]. */
  output: Tensor4;
}

/** Input values cycle through −2 … 3, kernel weights through −1 … 2: small, mixed in sign, never all zero. */
export function exampleInputValue(row: number, col: number): number {
  return ((row * 2 + col * 3 + row * col) % 6) - 2;
}

export function exampleKernelValue(row: number, col: number): number {
  return ((row * 2 + col + 1) % 4) - 1;
}

function tensorOf(rows: number, cols: number, value: (r: number, c: number) => number): Tensor4 {
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = value(r, c);
  return { shape: [1, 1, rows, cols], data };
}

/** The value at (row, col) of a [1, 1, H, W] tensor. */
export function cellValue(tensor: Tensor4, row: number, col: number): number {
  return tensor.data[row * tensor.shape[3] + col];
}

/** The layer's geometry (kernel, stride, padding, dilation, mode, output padding) on one channel. */
export function singleChannel(config: ConvConfig): ConvConfig {
  return { ...config, inChannels: 1, outChannels: 1, groups: 1 };
}

/**
 * The example for a layer and input size: the defaults' numbers unless `input` / `weight` are
 * given (the view's numbers can come from elsewhere, e.g. a test).
 */
export function computationExample(
  config: ConvConfig,
  inH: number,
  inW: number,
  values: { input?: Tensor4; weight?: Tensor4; bias?: number } = {},
): ComputationExample {
  const one = singleChannel(config);
  const input = values.input ?? tensorOf(inH, inW, exampleInputValue);
  const weight = values.weight ?? tensorOf(one.kernel[0], one.kernel[1], exampleKernelValue);
  const bias = values.bias ?? (config.bias ? 1 : 0);
  const biasArray = Float64Array.of(bias);
  const output = one.transposed
    ? convTranspose2dReference(one, input, weight, biasArray)
    : conv2dReference(one, input, weight, biasArray);
  return { config: one, input, weight, bias, output };
}

/** One product under the window: the tap, the cell it reads (input coordinates) and the numbers. */
export interface WindowTerm {
  tap: Pair;
  /** Input row and column; outside the input for a padding cell. */
  row: number;
  col: number;
  padding: boolean;
  /** The value read: the input's, or what the padding mode puts there (0 for zeros). */
  value: number;
  weight: number;
  product: number;
}

export interface WindowComputation {
  position: Pair;
  terms: WindowTerm[];
  /** Σ products, in tap order. */
  sum: number;
  bias: number;
  /** The reference's output value at the position. */
  output: number;
}

/**
 * Output cell `position` of a (non-transposed) example as the terms it sums: input window ×
 * kernel, then + bias. The output is the reference's, not this sum; they agree (tested).
 */
export function windowComputation(example: ComputationExample, position: Pair): WindowComputation {
  const { config, input, weight, bias, output } = example;
  const [, , inH, inW] = input.shape;
  const terms = convReadCells(config, inH, inW, position[0], position[1]).map((cell) => {
    const r = paddedIndex(cell.row, inH, config.paddingMode);
    const c = paddedIndex(cell.col, inW, config.paddingMode);
    const value = r < 0 || c < 0 ? 0 : cellValue(input, r, c);
    const w = cellValue(weight, cell.tap[0], cell.tap[1]);
    return { ...cell, value, weight: w, product: value * w };
  });
  return {
    position,
    terms,
    sum: terms.reduce((s, t) => s + t.product, 0),
    bias,
    output: cellValue(output, position[0], position[1]),
  };
}

/** One product a scattered input cell adds into the output. */
export interface ScatterTerm {
  tap: Pair;
  /** The output cell it lands on. */
  row: number;
  col: number;
  product: number;
}

/**
 * Scatter step for input cell (row, col) of a transposed example: its value times each kernel
 * tap, landing at (row·s − p + ky·d, col·s − p + kx·d); products past the output's edge (cropped by
 * the padding) are dropped, as in convTranspose2dReference.
 */
export function scatterTerms(example: ComputationExample, row: number, col: number): ScatterTerm[] {
  const { config, weight, output } = example;
  const [, , outH, outW] = output.shape;
  const value = cellValue(example.input, row, col);
  const terms: ScatterTerm[] = [];
  for (let ky = 0; ky < config.kernel[0]; ky++) {
    const y = row * config.stride[0] - config.padding.top + ky * config.dilation[0];
    if (y < 0 || y >= outH) continue;
    for (let kx = 0; kx < config.kernel[1]; kx++) {
      const x = col * config.stride[1] - config.padding.left + kx * config.dilation[1];
      if (x < 0 || x >= outW) continue;
      terms.push({ tap: [ky, kx], row: y, col: x, product: value * cellValue(weight, ky, kx) });
    }
  }
  return terms;
}

/**
 * The output after scattering the first `count` input cells in reading order (bias first):
 * the accumulating picture of the scatter view. With every cell it is the reference's output.
 */
export function scatterPartialOutput(example: ComputationExample, count: number): Float64Array {
  const [, , outH, outW] = example.output.shape;
  const [, , inH, inW] = example.input.shape;
  const out = new Float64Array(outH * outW).fill(example.bias);
  const cells = Math.min(count, inH * inW);
  for (let i = 0; i < cells; i++) {
    for (const t of scatterTerms(example, Math.floor(i / inW), i % inW))
      out[t.row * outW + t.col] += t.product;
  }
  return out;
}

/** The gather route of a transposed example, as an ordinary convolution example. */
export interface GatherExample {
  stages: TransposedStages;
  /**
   * Stride-1 conv2d with the layer's dilation and no padding, over the stage grid (spread input,
   * zero rings or crop, output padding) with the kernel flipped in both axes.
   */
  example: ComputationExample;
}

/** Builds the gather route: its output is computed by conv2dReference, independently of the scatter. */
export function gatherExample(transposed: ComputationExample): GatherExample {
  const { config, input, weight, bias } = transposed;
  const [, , inH, inW] = input.shape;
  const stages = transposedConvStages(config, inH, inW);
  const { h, w } = stages;
  const at = (start: number, i: number, s: number, spread: number) => {
    const x = start + i;
    return x >= 0 && x < spread && x % s === 0 ? x / s : -1;
  };
  const grid = tensorOf(h.gridLength, w.gridLength, (r, c) => {
    const ir = at(h.gridStart, r, config.stride[0], h.spreadLength);
    const ic = at(w.gridStart, c, config.stride[1], w.spreadLength);
    return ir < 0 || ic < 0 ? 0 : cellValue(input, ir, ic);
  });
  const [kh, kw] = config.kernel;
  const flipped = tensorOf(kh, kw, (r, c) => cellValue(weight, kh - 1 - r, kw - 1 - c));
  const gatherConfig = conv2dConfig({
    inChannels: 1,
    outChannels: 1,
    kernelSize: config.kernel,
    dilation: config.dilation,
    bias: true,
  });
  return {
    stages,
    example: computationExample(gatherConfig, h.gridLength, w.gridLength, {
      input: grid,
      weight: flipped,
      bias,
    }),
  };
}

/** Whether two outputs hold the same numbers (exactly: the examples are small integers). */
export function sameOutputs(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
