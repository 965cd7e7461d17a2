/**
 * The one layer the Conv Lab's calculator and pictures show, as the form edits it, and what
 * PyTorch makes of it: the output shape, or the error PyTorch would raise.
 */
import {
  ConvShapeError,
  SEED_EXAMPLES,
  conv2dConfig,
  convOutputShape,
  convAxes,
  convTranspose2dConfig,
  formatLayer,
  paddedLength,
  transposedAxes,
  transposedAxisOutput,
  transposedStagesCanvasLength,
  makeLayer,
  outputPaddingForSize,
  type ConvArgs,
  type ConvConfig,
  type IntOrPair,
  type Pair,
  type SeedExample,
} from '../../core/conv/index.js';

export type PaddingRule = 'explicit' | 'same' | 'valid';

export interface ConvLayerParams {
  transposed: boolean;
  /** The input tensor [N, C, H, W]. */
  batch: number;
  inChannels: number;
  inH: number;
  inW: number;
  outChannels: number;
  kernel: Pair;
  stride: Pair;
  /** Per-axis padding, used when `paddingRule` is 'explicit'. */
  padding: Pair;
  paddingRule: PaddingRule;
  dilation: Pair;
  /** ConvTranspose2d only. */
  outputPadding: Pair;
  groups: number;
  bias: boolean;
  paddingMode: string;
  /** ConvTranspose2d only: forward(input, output_size=(h, w)); null leaves it out. */
  outputSize: Pair | null;
}

function pairOf(value: IntOrPair | undefined, fallback: number): Pair {
  if (value === undefined) return [fallback, fallback];
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

/** The seed's Example 3: the one whose code line disagrees with its text. */
export function defaultLayer(): ConvLayerParams {
  return layerFromSeedExample(SEED_EXAMPLES[2]);
}

export function layerFromSeedExample(example: SeedExample): ConvLayerParams {
  const { args } = example;
  const padding = args.padding;
  return {
    transposed: example.transposed,
    batch: 1,
    inChannels: args.inChannels,
    inH: example.inputSize,
    inW: example.inputSize,
    outChannels: args.outChannels,
    kernel: pairOf(args.kernelSize, 1),
    stride: pairOf(args.stride, 1),
    padding: typeof padding === 'string' ? [0, 0] : pairOf(padding, 0),
    paddingRule: padding === 'same' || padding === 'valid' ? padding : 'explicit',
    dilation: pairOf(args.dilation, 1),
    outputPadding: pairOf(args.outputPadding, 0),
    groups: args.groups ?? 1,
    bias: args.bias ?? true,
    paddingMode: args.paddingMode ?? 'zeros',
    outputSize: null,
  };
}

/** PyTorch writes a pair with equal entries as one int; so does the lab. */
function intOrPair(pair: Pair): IntOrPair {
  return pair[0] === pair[1] ? pair[0] : pair;
}

function paddingArg(params: ConvLayerParams): IntOrPair | string {
  return params.paddingRule === 'explicit' ? intOrPair(params.padding) : params.paddingRule;
}

export function layerArgs(params: ConvLayerParams): ConvArgs {
  const args: ConvArgs = {
    inChannels: params.inChannels,
    outChannels: params.outChannels,
    kernelSize: intOrPair(params.kernel),
    stride: intOrPair(params.stride),
    padding: paddingArg(params),
    dilation: intOrPair(params.dilation),
    groups: params.groups,
    bias: params.bias,
    paddingMode: params.paddingMode,
  };
  if (params.transposed) args.outputPadding = intOrPair(params.outputPadding);
  return args;
}

export function inputShape(params: ConvLayerParams): [number, number, number, number] {
  return [params.batch, params.inChannels, params.inH, params.inW];
}

export type LayerAnalysis =
  | {
      ok: true;
      /** The layer as it runs: a requested output_size is folded into its output_padding. */
      config: ConvConfig;
      outputShape: number[];
    }
  | { ok: false; error: ConvShapeError };

/** Builds the layer and runs its shape checks the way PyTorch would, constructor first. */
export function analyseLayer(params: ConvLayerParams): LayerAnalysis {
  try {
    const args = layerArgs(params);
    const config = params.transposed ? convTranspose2dConfig(args) : conv2dConfig(args);
    const shape = inputShape(params);
    const options = params.transposed && params.outputSize ? { outputSize: params.outputSize } : {};
    const outputShape = convOutputShape(config, shape, options);
    const outputPadding =
      params.transposed && params.outputSize
        ? outputPaddingForSize(config, [params.inH, params.inW], params.outputSize)
        : config.outputPadding;
    return { ok: true, config: { ...config, outputPadding }, outputShape };
  } catch (error) {
    if (error instanceof ConvShapeError) return { ok: false, error };
    throw error;
  }
}

/** The layer and one forward call as PyTorch code. */
export function layerCode(params: ConvLayerParams): string {
  const args = layerArgs(params);
  const common = {
    inChannels: args.inChannels,
    outChannels: args.outChannels,
    kernelSize: args.kernelSize,
    stride: args.stride,
    padding: args.padding,
    dilation: args.dilation,
    groups: args.groups,
    bias: args.bias,
    paddingMode: args.paddingMode,
  };
  const layer = params.transposed
    ? makeLayer('ConvTranspose2d', { ...common, outputPadding: args.outputPadding })
    : makeLayer('Conv2d', common);
  const input = `torch.zeros(${inputShape(params).join(', ')})`;
  const size =
    params.transposed && params.outputSize ? `, output_size=(${params.outputSize.join(', ')})` : '';
  return `layer = ${formatLayer(layer)}\ny = layer(${input}${size})`;
}

/** The largest grid side the pictures draw; the calculator itself takes any size. */
export const PICTURE_LIMIT = 256;

/**
 * The longest sides, [rows, columns], of the grids the pictures would draw for this layer, in
 * closed form: the padded input and output for a convolution; for a transposed convolution
 * the output and the stage canvases with and without the padding's crop. The pictures are
 * only built when both sides are at most PICTURE_LIMIT.
 */
export function pictureSides(config: ConvConfig, inH: number, inW: number): Pair {
  if (config.transposed) {
    const sides = transposedAxes(config, inH, inW).map((axis) =>
      Math.max(
        transposedAxisOutput(axis),
        transposedStagesCanvasLength(axis),
        transposedStagesCanvasLength({ ...axis, padding: 0, outputPadding: 0 }),
      ),
    );
    return [sides[0], sides[1]];
  }
  const [h, w] = convAxes(config, inH, inW);
  return [paddedLength(h), paddedLength(w)];
}

export function tooLargeToDraw(config: ConvConfig, inH: number, inW: number): boolean {
  const [rows, cols] = pictureSides(config, inH, inW);
  return !(rows <= PICTURE_LIMIT && cols <= PICTURE_LIMIT);
}
