import {
  conv2dConfig,
  conv2dReference,
  convOutputShape,
  convTranspose2dConfig,
  convTranspose2dReference,
  weightShape,
  type ConvConfig,
  type PaddingMode,
  type Tensor4,
} from '../../src/core/conv/index.js';
import type { ConvRunOptions, ConvTensor, Shape4 } from '../../src/gpu/conv/conv-runner.js';
import { mulberry32, pick, randInt } from '../helpers/random.js';

/** A layer, its tensors and the runner options that express it. */
export interface ConvCase {
  label: string;
  config: ConvConfig;
  input: ConvTensor;
  weight: ConvTensor;
  bias: Float32Array | null;
  options: ConvRunOptions;
}

function randomTensor(rng: () => number, shape: Shape4): ConvTensor {
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = rng() * 2 - 1;
  return { data, shape };
}

/** Builds a case from PyTorch-style arguments and random tensors. */
export function makeCase(
  rng: () => number,
  transposed: boolean,
  args: {
    inChannels: number;
    outChannels: number;
    kernelSize: [number, number];
    stride?: [number, number];
    padding?: [number, number] | 'same' | 'valid';
    dilation?: [number, number];
    groups?: number;
    outputPadding?: [number, number];
    paddingMode?: PaddingMode;
    bias?: boolean;
  },
  inputShape: Shape4,
): ConvCase {
  const config = transposed ? convTranspose2dConfig(args) : conv2dConfig(args);
  const input = randomTensor(rng, inputShape);
  const weight = randomTensor(rng, weightShape(config));
  const bias = args.bias === false ? null : randomTensor(rng, [1, 1, 1, config.outChannels]).data;
  const label = `${transposed ? 'ConvTranspose2d' : 'Conv2d'}(${JSON.stringify(args)}) on ${inputShape.join('×')}`;
  return {
    label,
    config,
    input,
    weight,
    bias,
    options: {
      bias,
      stride: args.stride,
      padding: args.padding,
      dilation: args.dilation,
      groups: args.groups,
      outputPadding: args.outputPadding,
      paddingMode: args.paddingMode,
    },
  };
}

/**
 * `count` random layers PyTorch accepts, every parameter drawn per axis: groups (depthwise among
 * them), dilation, stride, padding (numbers, 'same' with even kernels, 'valid'), all four padding
 * modes, output_padding, bias or none, batches of 1–2. Small, for SwiftShader.
 */
export function randomCases(seed: number, count: number): ConvCase[] {
  const rng = mulberry32(seed);
  const cases: ConvCase[] = [];
  while (cases.length < count) {
    const transposed = rng() < 0.5;
    const depthwise = rng() < 0.2;
    const groups = depthwise ? randInt(rng, 2, 4) : pick(rng, [1, 1, 2, 3]);
    const inChannels = groups * (depthwise ? 1 : randInt(rng, 1, 3));
    const outChannels = groups * (depthwise ? randInt(rng, 1, 2) : randInt(rng, 1, 3));
    const pair = (lo: number, hi: number): [number, number] => [
      randInt(rng, lo, hi),
      randInt(rng, lo, hi),
    ];
    const kernelSize = pair(1, 4);
    const stride = pair(1, 3);
    const dilation = pair(1, 3);
    const paddingChoice = rng();
    let padding: [number, number] | 'same' | 'valid' = pair(0, 2);
    if (!transposed && paddingChoice < 0.15) padding = 'valid';
    const same = !transposed && paddingChoice > 0.8;
    const args = {
      inChannels,
      outChannels,
      kernelSize,
      stride: same ? ([1, 1] as [number, number]) : stride,
      padding: same ? ('same' as const) : padding,
      dilation,
      groups,
      bias: rng() < 0.7,
      paddingMode: transposed
        ? 'zeros'
        : pick(rng, ['zeros', 'reflect', 'replicate', 'circular'] as const),
      outputPadding: transposed
        ? ([0, 1].map((a) => randInt(rng, 0, Math.max(stride[a], dilation[a]) - 1)) as [
            number,
            number,
          ])
        : undefined,
    };
    const inputShape: Shape4 = [
      randInt(rng, 1, 2),
      inChannels,
      randInt(rng, 1, 9),
      randInt(rng, 1, 9),
    ];
    try {
      const candidate = makeCase(rng, transposed, args, inputShape);
      convOutputShape(candidate.config, inputShape);
      cases.push(candidate);
    } catch {
      // PyTorch would reject this draw; draw again.
    }
  }
  return cases;
}

function toTensor4(tensor: ConvTensor, map: (v: number) => number = (v) => v): Tensor4 {
  return { shape: tensor.shape, data: Float64Array.from(tensor.data, map) };
}

/** The float64 reference output, and Σ|w·x| + |b| per output cell (the rounding error's scale). */
export function referenceOf(c: ConvCase): { value: Tensor4; magnitude: Tensor4 } {
  const run = c.config.transposed ? convTranspose2dReference : conv2dReference;
  const bias = c.bias ? Float64Array.from(c.bias) : null;
  return {
    value: run(c.config, toTensor4(c.input), toTensor4(c.weight), bias),
    magnitude: run(
      c.config,
      toTensor4(c.input, Math.abs),
      toTensor4(c.weight, Math.abs),
      bias ? bias.map(Math.abs) : null,
    ),
  };
}

/** Terms each output sums: (in/g)·kH·kW products plus the bias. */
export function termsPerOutput(config: ConvConfig): number {
  return (config.inChannels / config.groups) * config.kernel[0] * config.kernel[1] + 1;
}

/**
 * Cells where |gpu − ref| exceeds the f32 summation bound 2·K·2⁻²⁴·Σ|w·x| (Higham, recursive
 * summation: |err| ≤ γ_K Σ|terms|, with the products' own rounding folded into the factor 2),
 * plus 1e-30 so exact zeros compare.
 */
export function mismatches(c: ConvCase, gpu: Float32Array, shape: readonly number[]): string[] {
  const { value, magnitude } = referenceOf(c);
  if (shape.join() !== value.shape.join())
    return [`shape ${shape.join('×')} ≠ ${value.shape.join('×')}`];
  const k = termsPerOutput(c.config);
  const bad: string[] = [];
  for (let i = 0; i < gpu.length; i++) {
    const bound = 2 * k * 2 ** -24 * magnitude.data[i] + 1e-30;
    if (!(Math.abs(gpu[i] - value.data[i]) <= bound))
      bad.push(`[${i}] gpu ${gpu[i]} ref ${value.data[i]} bound ${bound}`);
  }
  return bad;
}
