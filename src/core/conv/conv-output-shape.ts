/**
 * Output sizes of Conv2d and ConvTranspose2d, with the checks PyTorch makes when the layer
 * runs (Convolution.cpp check_shape_forward, NaiveConvolutionTranspose2d.cpp shape check,
 * conv.py _ConvTransposeNd._output_padding), in the order it makes them.
 */
import { paddingPerAxis, weightShape, type ConvConfig, type Pair } from './conv-config.js';
import {
  circularPaddingTooLarge,
  convChannelMismatch,
  convRankMismatch,
  dilationNotPositive,
  kernelLargerThanInput,
  kernelNotPositive,
  negativeOutputPadding,
  negativePadding,
  nonPositiveStride,
  outputPaddingTooLarge,
  outputSizeLength,
  outputSizeOutOfRange,
  reflectPaddingTooLarge,
  stringPaddingForTransposed,
  transposedChannelMismatch,
  transposedOutputTooSmall,
  weightTooSmallForGroups,
} from './conv-errors.js';

/** Effective (dilated) kernel extent: d·(k−1) + 1. */
export function effectiveKernel(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/** nn.Conv2d docs: out = ⌊(in + p_before + p_after − d·(k−1) − 1) / s⌋ + 1. */
export function convAxisOutputSize(
  inSize: number,
  kernel: number,
  stride: number,
  padBefore: number,
  padAfter: number,
  dilation: number,
): number {
  return Math.floor((inSize + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** nn.ConvTranspose2d docs: out = (in − 1)·s − 2p + d·(k−1) + op + 1. */
export function transposedAxisOutputSize(
  inSize: number,
  kernel: number,
  stride: number,
  padding: number,
  dilation: number,
  outputPadding: number,
): number {
  return (inSize - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
}

export interface ForwardOptions {
  /** ConvTranspose2d.forward(input, output_size=…): (H, W), or the full shape. */
  outputSize?: readonly number[];
}

/**
 * Shape of `layer(input)` for an input of shape (N, C, H, W) or unbatched (C, H, W);
 * throws ConvShapeError with PyTorch's message wherever PyTorch raises.
 */
export function convOutputShape(
  config: ConvConfig,
  inputShape: readonly number[],
  options: ForwardOptions = {},
): number[] {
  if (inputShape.length !== 3 && inputShape.length !== 4) {
    throw convRankMismatch(config.transposed ? 'conv_transpose2d' : 'conv2d', inputShape);
  }
  const batched = inputShape.length === 4;
  // PyTorch unsqueezes an unbatched input before the checks, so messages show a batch of 1.
  const input = batched ? [...inputShape] : [1, ...inputShape];
  const spatial: Pair = [input[2], input[3]];
  const [outH, outW] = config.transposed
    ? transposedForward(config, input, spatial, options.outputSize, inputShape.length)
    : convForward(config, input, spatial);
  return batched ? [input[0], config.outChannels, outH, outW] : [config.outChannels, outH, outW];
}

/** Spatial output size for an (inH, inW) input with the layer's own channel count. */
export function convOutputSize(
  config: ConvConfig,
  inH: number,
  inW: number,
  options: ForwardOptions = {},
): Pair {
  const shape = convOutputShape(config, [1, config.inChannels, inH, inW], options);
  return [shape[2], shape[3]];
}

function checkCommon(config: ConvConfig): void {
  const [[top, bottom], [left, right]] = paddingPerAxis(config.padding);
  if (Math.min(top, bottom, left, right) < 0) throw negativePadding([top, left]);
  if (Math.min(...config.outputPadding) < 0) throw negativeOutputPadding(config.outputPadding);
  if (Math.min(...config.stride) <= 0) throw nonPositiveStride(config.stride);
  if (Math.min(...config.dilation) < 1) throw dilationNotPositive(config.dilation);
}

function convForward(config: ConvConfig, input: number[], spatial: Pair): Pair {
  const [[top, bottom], [left, right]] = paddingPerAxis(config.padding);
  // A non-zeros padding mode pads with F.pad first (W, then H), so its limits come first.
  if (config.paddingMode === 'reflect') {
    if (left >= spatial[1] || right >= spatial[1])
      throw reflectPaddingTooLarge(4, [left, right], 3, input);
    if (top >= spatial[0] || bottom >= spatial[0])
      throw reflectPaddingTooLarge(6, [top, bottom], 2, input);
  }
  if (config.paddingMode === 'circular') {
    if (top > spatial[0] || bottom > spatial[0] || left > spatial[1] || right > spatial[1]) {
      throw circularPaddingTooLarge();
    }
  }
  checkCommon(config);
  const weight = weightShape(config);
  if (weight[0] < config.groups)
    throw weightTooSmallForGroups(config.groups, weight, 'out_channels');
  if (input[1] !== weight[1] * config.groups) {
    throw convChannelMismatch(config.groups, weight, input, weight[1] * config.groups);
  }
  const padded: Pair = [spatial[0] + top + bottom, spatial[1] + left + right];
  const kernelExtent: Pair = [
    effectiveKernel(config.kernel[0], config.dilation[0]),
    effectiveKernel(config.kernel[1], config.dilation[1]),
  ];
  if (padded[0] < kernelExtent[0] || padded[1] < kernelExtent[1]) {
    throw kernelLargerThanInput(padded, kernelExtent, [top, left]);
  }
  if (Math.min(...config.kernel) <= 0) throw kernelNotPositive(config.kernel);
  return [
    convAxisOutputSize(
      spatial[0],
      config.kernel[0],
      config.stride[0],
      top,
      bottom,
      config.dilation[0],
    ),
    convAxisOutputSize(
      spatial[1],
      config.kernel[1],
      config.stride[1],
      left,
      right,
      config.dilation[1],
    ),
  ];
}

function transposedForward(
  config: ConvConfig,
  input: number[],
  spatial: Pair,
  outputSize: readonly number[] | undefined,
  inputRank: number,
): Pair {
  const outputPadding =
    outputSize === undefined
      ? config.outputPadding
      : outputPaddingForSize(config, spatial, outputSize, inputRank);
  if (config.deferredPaddingString !== undefined)
    throw stringPaddingForTransposed(config.deferredPaddingString);
  checkCommon({ ...config, outputPadding });
  const weight = weightShape(config);
  if (weight[0] < config.groups)
    throw weightTooSmallForGroups(config.groups, weight, 'in_channels');
  if (input[1] !== weight[0]) throw transposedChannelMismatch(weight, input);
  if (Math.min(...config.kernel) <= 0) throw kernelNotPositive(config.kernel);
  const [sh, sw] = config.stride;
  const [dh, dw] = config.dilation;
  const [oph, opw] = outputPadding;
  if (!((opw < sw || opw < dw) && (oph < sh || oph < dh))) {
    throw outputPaddingTooLarge(outputPadding, config.stride, config.dilation);
  }
  const p: Pair = [config.padding.top, config.padding.left];
  const out: Pair = [
    transposedAxisOutputSize(spatial[0], config.kernel[0], sh, p[0], dh, oph),
    transposedAxisOutputSize(spatial[1], config.kernel[1], sw, p[1], dw, opw),
  ];
  if (out[0] < 1 || out[1] < 1) {
    const largestPadding = [0, 1].map((a) =>
      Math.floor(
        ((spatial[a] - 1) * config.stride[a] +
          config.dilation[a] * (config.kernel[a] - 1) +
          outputPadding[a]) /
          2,
      ),
    );
    // (n − 1)·s − 2p + d·(k−1) + op + 1 ≥ 1  ⇔  n ≥ 1 + ⌈(2p − d·(k−1) − op) / s⌉.
    const smallestInput = [0, 1].map((a) =>
      Math.max(
        spatial[a],
        1 +
          Math.ceil(
            (2 * p[a] - config.dilation[a] * (config.kernel[a] - 1) - outputPadding[a]) /
              config.stride[a],
          ),
      ),
    );
    throw transposedOutputTooSmall(spatial, out, smallestInput, largestPadding);
  }
  return out;
}

/** The output sizes ConvTranspose2d.forward(output_size=…) accepts: min … min + s − 1 per axis. */
export function transposedOutputSizeRange(
  config: ConvConfig,
  inH: number,
  inW: number,
): { min: Pair; max: Pair } {
  const spatial = [inH, inW];
  const min = [0, 1].map(
    (a) =>
      (spatial[a] - 1) * config.stride[a] -
      2 * [config.padding.top, config.padding.left][a] +
      config.dilation[a] * (config.kernel[a] - 1) +
      1,
  );
  return {
    min: [min[0], min[1]],
    max: [min[0] + config.stride[0] - 1, min[1] + config.stride[1] - 1],
  };
}

/**
 * The output_padding that ConvTranspose2d.forward(output_size=…) implies (conv.py, _output_padding):
 * requested − min on each axis. `inputRank` is 4 for batched input, 3 for unbatched.
 */
export function outputPaddingForSize(
  config: ConvConfig,
  spatial: readonly number[],
  outputSize: readonly number[],
  inputRank = 4,
): Pair {
  const nonSpatial = inputRank - 2;
  let requested = outputSize;
  if (requested.length === nonSpatial + 2) requested = requested.slice(nonSpatial);
  if (requested.length !== 2) throw outputSizeLength(inputRank, outputSize.length);
  const { min, max } = transposedOutputSizeRange(config, spatial[0], spatial[1]);
  for (let a = 0; a < 2; a++) {
    if (requested[a] < min[a] || requested[a] > max[a]) {
      // PyTorch prints input.size()[2:], which for an unbatched (C, H, W) input is just [W].
      throw outputSizeOutOfRange(requested, min, max, inputRank === 4 ? spatial : spatial.slice(1));
    }
  }
  return [requested[0] - min[0], requested[1] - min[1]];
}
