/**
 * The layers the stack tracer understands, with PyTorch's constructor signatures
 * (argument order, defaults, accepted value types) as one table that both the parser
 * and the formatter read.
 */
import type { IntOrPair } from './conv-config.js';

export type FloatOrPair = number | readonly [number, number];

export interface Conv2dLayer {
  type: 'Conv2d';
  inChannels: number;
  outChannels: number;
  kernelSize: IntOrPair;
  stride: IntOrPair;
  padding: IntOrPair | string;
  dilation: IntOrPair;
  groups: number;
  bias: boolean;
  paddingMode: string;
}

export interface ConvTranspose2dLayer {
  type: 'ConvTranspose2d';
  inChannels: number;
  outChannels: number;
  kernelSize: IntOrPair;
  stride: IntOrPair;
  padding: IntOrPair | string;
  outputPadding: IntOrPair;
  groups: number;
  bias: boolean;
  dilation: IntOrPair;
  paddingMode: string;
}

export interface MaxPool2dLayer {
  type: 'MaxPool2d';
  kernelSize: IntOrPair;
  stride: IntOrPair | null;
  padding: IntOrPair;
  dilation: IntOrPair;
  returnIndices: boolean;
  ceilMode: boolean;
}

export interface AvgPool2dLayer {
  type: 'AvgPool2d';
  kernelSize: IntOrPair;
  stride: IntOrPair | null;
  padding: IntOrPair;
  ceilMode: boolean;
  countIncludePad: boolean;
  divisorOverride: number | null;
}

export interface UpsampleLayer {
  type: 'Upsample';
  size: IntOrPair | null;
  scaleFactor: FloatOrPair | null;
  mode: string;
  alignCorners: boolean | null;
  recomputeScaleFactor: boolean | null;
}

export interface BatchNorm2dLayer {
  type: 'BatchNorm2d';
  numFeatures: number;
  eps: number;
  momentum: number | null;
  affine: boolean;
  trackRunningStats: boolean;
}

export interface ReLULayer {
  type: 'ReLU';
  inplace: boolean;
}

export interface LeakyReLULayer {
  type: 'LeakyReLU';
  negativeSlope: number;
  inplace: boolean;
}

export interface TanhLayer {
  type: 'Tanh';
}

export interface SigmoidLayer {
  type: 'Sigmoid';
}

export interface DropoutLayer {
  type: 'Dropout';
  p: number;
  inplace: boolean;
}

export interface FlattenLayer {
  type: 'Flatten';
  startDim: number;
  endDim: number;
}

export interface LinearLayer {
  type: 'Linear';
  inFeatures: number;
  outFeatures: number;
  bias: boolean;
}

export type LayerSpec =
  | Conv2dLayer
  | ConvTranspose2dLayer
  | MaxPool2dLayer
  | AvgPool2dLayer
  | UpsampleLayer
  | BatchNorm2dLayer
  | ReLULayer
  | LeakyReLULayer
  | TanhLayer
  | SigmoidLayer
  | DropoutLayer
  | FlattenLayer
  | LinearLayer;

export type LayerType = LayerSpec['type'];

/** What a parameter accepts, in Python terms. */
export type ParamKind =
  | 'int'
  | 'int-or-pair'
  | 'int-or-pair-or-str'
  | 'int-or-pair-or-none'
  | 'int-or-none'
  | 'float'
  | 'float-or-none'
  | 'float-or-pair-or-none'
  | 'bool'
  | 'bool-or-none'
  | 'str';

export interface ParamSpec {
  /** PyTorch's (snake_case) name. */
  name: string;
  /** The LayerSpec field. */
  key: string;
  kind: ParamKind;
  /** Absent for required parameters. */
  default?: number | string | boolean | null;
}

const p = (name: string, kind: ParamKind, defaultValue?: ParamSpec['default']): ParamSpec => {
  const key = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return defaultValue === undefined
    ? { name, key, kind }
    : { name, key, kind, default: defaultValue };
};

/** Constructor signatures, in PyTorch's positional order (device/dtype left out). */
export const LAYER_SIGNATURES: Record<LayerType, readonly ParamSpec[]> = {
  Conv2d: [
    p('in_channels', 'int'),
    p('out_channels', 'int'),
    p('kernel_size', 'int-or-pair'),
    p('stride', 'int-or-pair', 1),
    p('padding', 'int-or-pair-or-str', 0),
    p('dilation', 'int-or-pair', 1),
    p('groups', 'int', 1),
    p('bias', 'bool', true),
    p('padding_mode', 'str', 'zeros'),
  ],
  ConvTranspose2d: [
    p('in_channels', 'int'),
    p('out_channels', 'int'),
    p('kernel_size', 'int-or-pair'),
    p('stride', 'int-or-pair', 1),
    p('padding', 'int-or-pair-or-str', 0),
    p('output_padding', 'int-or-pair', 0),
    p('groups', 'int', 1),
    p('bias', 'bool', true),
    p('dilation', 'int-or-pair', 1),
    p('padding_mode', 'str', 'zeros'),
  ],
  MaxPool2d: [
    p('kernel_size', 'int-or-pair'),
    p('stride', 'int-or-pair-or-none', null),
    p('padding', 'int-or-pair', 0),
    p('dilation', 'int-or-pair', 1),
    p('return_indices', 'bool', false),
    p('ceil_mode', 'bool', false),
  ],
  AvgPool2d: [
    p('kernel_size', 'int-or-pair'),
    p('stride', 'int-or-pair-or-none', null),
    p('padding', 'int-or-pair', 0),
    p('ceil_mode', 'bool', false),
    p('count_include_pad', 'bool', true),
    p('divisor_override', 'int-or-none', null),
  ],
  Upsample: [
    p('size', 'int-or-pair-or-none', null),
    p('scale_factor', 'float-or-pair-or-none', null),
    p('mode', 'str', 'nearest'),
    p('align_corners', 'bool-or-none', null),
    p('recompute_scale_factor', 'bool-or-none', null),
  ],
  BatchNorm2d: [
    p('num_features', 'int'),
    p('eps', 'float', 1e-5),
    p('momentum', 'float-or-none', 0.1),
    p('affine', 'bool', true),
    p('track_running_stats', 'bool', true),
  ],
  ReLU: [p('inplace', 'bool', false)],
  LeakyReLU: [p('negative_slope', 'float', 0.01), p('inplace', 'bool', false)],
  Tanh: [],
  Sigmoid: [],
  Dropout: [p('p', 'float', 0.5), p('inplace', 'bool', false)],
  Flatten: [p('start_dim', 'int', 1), p('end_dim', 'int', -1)],
  Linear: [p('in_features', 'int'), p('out_features', 'int'), p('bias', 'bool', true)],
};

export const LAYER_TYPES = Object.keys(LAYER_SIGNATURES) as LayerType[];

export function isLayerType(name: string): name is LayerType {
  return Object.prototype.hasOwnProperty.call(LAYER_SIGNATURES, name);
}

/** A layer with every argument at its default, except the given ones. */
export function makeLayer<T extends LayerType>(
  type: T,
  args: Partial<Omit<Extract<LayerSpec, { type: T }>, 'type'>>,
): Extract<LayerSpec, { type: T }> {
  const layer: Record<string, unknown> = { type };
  for (const param of LAYER_SIGNATURES[type]) {
    const given = (args as Record<string, unknown>)[param.key];
    if (given !== undefined) layer[param.key] = given;
    else if (param.default !== undefined) layer[param.key] = param.default;
    else throw new TypeError(`${type} needs ${param.name}`);
  }
  return layer as unknown as Extract<LayerSpec, { type: T }>;
}
