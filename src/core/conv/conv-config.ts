/**
 * A Conv2d / ConvTranspose2d layer as a plain object with every parameter per axis,
 * built from PyTorch's constructor arguments with the checks its constructor makes
 * (torch/nn/modules/conv.py, _ConvNd.__init__ and _ConvTransposeNd.__init__).
 */
import {
  channelsNotDivisible,
  negativeDimension,
  groupsNotPositive,
  invalidPaddingMode,
  invalidPaddingString,
  sameWithStride,
  transposedPaddingMode,
} from './conv-errors.js';

/** An NCHW tensor's shape (or a weight's, in PyTorch's layouts): four sizes. */
export type Shape4 = [number, number, number, number];

/** A per-axis pair, always [height, width]. */
export type Pair = readonly [number, number];
/** What PyTorch accepts for a per-axis argument: one int for both axes or a pair. */
export type IntOrPair = number | Pair;
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** Padding per side; 'same' with an even effective kernel puts the extra cell bottom/right. */
export interface Padding2d {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Constructor arguments as written in PyTorch (snake_case names become camelCase). */
export interface ConvArgs {
  inChannels: number;
  outChannels: number;
  kernelSize: IntOrPair;
  stride?: IntOrPair;
  padding?: IntOrPair | string;
  dilation?: IntOrPair;
  groups?: number;
  bias?: boolean;
  paddingMode?: string;
  /** ConvTranspose2d only. */
  outputPadding?: IntOrPair;
}

export interface ConvConfig {
  transposed: boolean;
  inChannels: number;
  outChannels: number;
  kernel: Pair;
  stride: Pair;
  padding: Padding2d;
  /** How the padding was given: the 'same' rule, 'valid', or explicit numbers. */
  paddingRule: 'same' | 'valid' | 'explicit';
  dilation: Pair;
  outputPadding: Pair;
  groups: number;
  bias: boolean;
  paddingMode: PaddingMode;
  /**
   * ConvTranspose2d only: a string padding, which its constructor accepts (it becomes a tuple of
   * letters) and its forward rejects; kept so the forward check can report PyTorch's TypeError.
   */
  deferredPaddingString?: string;
}

export function toPair(value: IntOrPair): Pair {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

const PADDING_MODES: readonly string[] = ['zeros', 'reflect', 'replicate', 'circular'];

/** 'same' pads d·(k−1) in total, ⌊total/2⌋ before and the rest after (PyTorch conv.py, _ConvNd.__init__). */
export function samePadding(kernel: Pair, dilation: Pair): Padding2d {
  const [th, tw] = [dilation[0] * (kernel[0] - 1), dilation[1] * (kernel[1] - 1)];
  return {
    top: Math.floor(th / 2),
    bottom: th - Math.floor(th / 2),
    left: Math.floor(tw / 2),
    right: tw - Math.floor(tw / 2),
  };
}

function symmetricPadding(padding: Pair): Padding2d {
  return { top: padding[0], bottom: padding[0], left: padding[1], right: padding[1] };
}

/** nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros'). */
export function conv2dConfig(args: ConvArgs): ConvConfig {
  const kernel = toPair(args.kernelSize);
  const stride = toPair(args.stride ?? 1);
  const dilation = toPair(args.dilation ?? 1);
  const groups = args.groups ?? 1;
  checkGroups(args.inChannels, args.outChannels, groups);
  const paddingArg = args.padding ?? 0;
  let padding: Padding2d;
  let paddingRule: ConvConfig['paddingRule'] = 'explicit';
  if (typeof paddingArg === 'string') {
    if (paddingArg !== 'same' && paddingArg !== 'valid') throw invalidPaddingString(paddingArg);
    if (paddingArg === 'same' && (stride[0] !== 1 || stride[1] !== 1))
      throw sameWithStride(kernel, dilation);
    paddingRule = paddingArg;
    padding = paddingArg === 'same' ? samePadding(kernel, dilation) : symmetricPadding([0, 0]);
  } else {
    padding = symmetricPadding(toPair(paddingArg));
  }
  const paddingMode = args.paddingMode ?? 'zeros';
  if (!PADDING_MODES.includes(paddingMode)) throw invalidPaddingMode(paddingMode);
  checkWeightSizes(false, args.inChannels, args.outChannels, groups, kernel);
  return {
    transposed: false,
    inChannels: args.inChannels,
    outChannels: args.outChannels,
    kernel,
    stride,
    padding,
    paddingRule,
    dilation,
    outputPadding: [0, 0],
    groups,
    bias: args.bias ?? true,
    paddingMode: paddingMode as PaddingMode,
  };
}

/**
 * nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0,
 * groups=1, bias=True, dilation=1, padding_mode='zeros').
 */
export function convTranspose2dConfig(args: ConvArgs): ConvConfig {
  const paddingMode = args.paddingMode ?? 'zeros';
  if (paddingMode !== 'zeros') throw transposedPaddingMode('ConvTranspose2d');
  const groups = args.groups ?? 1;
  checkGroups(args.inChannels, args.outChannels, groups);
  const paddingArg = args.padding ?? 0;
  const config: ConvConfig = {
    transposed: true,
    inChannels: args.inChannels,
    outChannels: args.outChannels,
    kernel: toPair(args.kernelSize),
    stride: toPair(args.stride ?? 1),
    padding: symmetricPadding(typeof paddingArg === 'string' ? [0, 0] : toPair(paddingArg)),
    paddingRule: 'explicit',
    dilation: toPair(args.dilation ?? 1),
    outputPadding: toPair(args.outputPadding ?? 0),
    groups,
    bias: args.bias ?? true,
    paddingMode: 'zeros',
  };
  if (typeof paddingArg === 'string') config.deferredPaddingString = paddingArg;
  checkWeightSizes(true, args.inChannels, args.outChannels, groups, config.kernel);
  return config;
}

function checkGroups(inChannels: number, outChannels: number, groups: number): void {
  if (groups <= 0) throw groupsNotPositive(groups);
  if (inChannels % groups !== 0)
    throw channelsNotDivisible('in_channels', inChannels, outChannels, groups);
  if (outChannels % groups !== 0)
    throw channelsNotDivisible('out_channels', inChannels, outChannels, groups);
}

/**
 * The constructor's torch.empty of the weight, [out, in // g, kH, kW] or [in, out // g, kH, kW]
 * (Python's floor division), refuses negative sizes.
 */
function checkWeightSizes(
  transposed: boolean,
  inChannels: number,
  outChannels: number,
  groups: number,
  kernel: Pair,
): void {
  const sizes = transposed
    ? [inChannels, Math.floor(outChannels / groups), kernel[0], kernel[1]]
    : [outChannels, Math.floor(inChannels / groups), kernel[0], kernel[1]];
  const names = transposed
    ? ['in_channels', 'out_channels', 'kernel_size', 'kernel_size']
    : ['out_channels', 'in_channels', 'kernel_size', 'kernel_size'];
  if (sizes.some((s) => s < 0)) throw negativeDimension(sizes, names);
}

/** PyTorch's weight layout: [out, in/g, kH, kW] for Conv2d, [in, out/g, kH, kW] for ConvTranspose2d. */
export function weightShape(config: ConvConfig): [number, number, number, number] {
  const [kh, kw] = config.kernel;
  return config.transposed
    ? [config.inChannels, config.outChannels / config.groups, kh, kw]
    : [config.outChannels, config.inChannels / config.groups, kh, kw];
}

/** Learnable parameters: every weight plus one bias per output channel. */
export function convParameterCount(config: ConvConfig): number {
  const [a, b, kh, kw] = weightShape(config);
  return a * b * kh * kw + (config.bias ? config.outChannels : 0);
}

/** Padding as per-axis [before, after] pairs, [[top, bottom], [left, right]]. */
export function paddingPerAxis(padding: Padding2d): [Pair, Pair] {
  return [
    [padding.top, padding.bottom],
    [padding.left, padding.right],
  ];
}
