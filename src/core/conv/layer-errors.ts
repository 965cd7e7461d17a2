/**
 * Rejections of the non-convolution layers the stack tracer follows, in PyTorch's words
 * (aten Pool.h / DilatedMaxPool2d.cpp / AveragePool2d.cpp, torch/nn/functional.py interpolate,
 * Normalization.cpp, torch/nn/modules), each with a reason and the nearest accepted values.
 */
import { ConvShapeError, formatSizes } from './conv-errors.js';

export function poolRank(): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    'non-empty 3D or 4D (batch mode) tensor expected for input',
    'A 2-D pooling layer needs a (C, H, W) or (N, C, H, W) tensor.',
    'Pool before flattening, or reshape the input to (N, C, H, W).',
  );
}

export function poolStrideZero(): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    'stride should not be zero',
    'The stride is how far the window moves each step; 0 would never move.',
    'Use stride ≥ 1 (by default it equals kernel_size).',
  );
}

export function poolPadNegative(pad: number): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `pad must be non-negative, but got pad: ${pad}`,
    'Pooling padding adds border cells; it cannot remove them.',
    'Use padding=0 or more, or crop the input first.',
  );
}

export function poolPadOverHalfEffectiveKernel(
  pad: number,
  kernel: number,
  dilation: number,
): ConvShapeError {
  const limit = Math.trunc(((kernel - 1) * dilation + 1) / 2);
  return new ConvShapeError(
    'RuntimeError',
    `pad should be at most half of effective kernel size, but got pad=${pad}, kernel_size=${kernel} and dilation=${dilation}`,
    'With more padding than half the window, some windows would hold only padding and pool nothing real.',
    `Use padding at most ${limit}, or kernel_size at least ${2 * pad} (dilation ${dilation}).`,
  );
}

export function poolKernelNotPositive(kernel: readonly number[]): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `kernel size should be greater than zero, but got kH: ${kernel[0]} kW: ${kernel[1]}`,
    'A pooling window needs at least one cell on each axis.',
    `Use kernel_size=(${kernel.map((k) => Math.max(1, k)).join(', ')}).`,
  );
}

export function poolStrideNotPositive(stride: readonly number[]): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `stride should be greater than zero, but got dH: ${stride[0]} dW: ${stride[1]}`,
    'The stride is how far the window moves each step, so it must be at least 1.',
    `Use stride=(${stride.map((s) => Math.max(1, s)).join(', ')}).`,
  );
}

export function poolDilationNotPositive(dilation: readonly number[]): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `dilation should be greater than zero, but got dilationH: ${dilation[0]} dilationW: ${dilation[1]}`,
    'Dilation is the spacing between window cells, so it must be at least 1.',
    `Use dilation=(${dilation.map((d) => Math.max(1, d)).join(', ')}).`,
  );
}

export function poolPadOverHalfKernel(
  padding: readonly number[],
  kernel: readonly number[],
): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `pad should be smaller than or equal to half of kernel size, but got padW = ${padding[1]}, padH = ${padding[0]}, kW = ${kernel[1]}, kH = ${kernel[0]}`,
    'The pooling kernels check padding against the undilated kernel too.',
    `Use padding at most (${kernel.map((k) => Math.floor(k / 2)).join(', ')}).`,
  );
}

export function poolOutputTooSmall(
  planes: number,
  input: readonly number[],
  output: readonly number[],
): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `Given input size: (${planes}x${input[0]}x${input[1]}). Calculated output size: (${planes}x${output[0]}x${output[1]}). Output size is too small`,
    'The pooling window does not fit inside the (padded) input even once.',
    'Use a smaller kernel_size, more padding (up to half the kernel), or a larger input.',
  );
}

export function poolDivisorZero(): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    'divisor must be not zero',
    'divisor_override replaces the window size in the average, and dividing by 0 is undefined.',
    'Use divisor_override=None (divide by the window size) or a positive number.',
  );
}

const INTERPOLATING = 'linear | bilinear | bicubic | trilinear';

export function upsampleAlignCorners(): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    `align_corners option can only be set with the interpolating modes: ${INTERPOLATING}`,
    'Nearest and area modes copy or average whole cells, so there are no corners to align.',
    "Leave align_corners unset, or use mode='bilinear'.",
  );
}

export function upsampleBothSizeAndScale(): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    'only one of size or scale_factor should be defined',
    'size and scale_factor both set the output size, and they could disagree.',
    'Give either size=… or scale_factor=…, not both.',
  );
}

export function upsampleNeitherSizeNorScale(): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    'either size or scale_factor should be defined',
    'Without size or scale_factor there is no output size to resample to (a scale_factor of 0 counts as unset).',
    'Give size=(H, W) or scale_factor=2, for example.',
  );
}

export function upsampleSizeLength(
  spatial: readonly number[],
  size: readonly number[],
): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    `Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of ${formatSizes(spatial)} and output size of (${size.join(', ')}). Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`,
    'size needs one entry per spatial axis of the input.',
    `Give ${spatial.length} sizes, or one int for all axes.`,
  );
}

export function upsampleScaleLength(
  spatial: readonly number[],
  scale: readonly number[],
): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    `Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of ${formatSizes(spatial)} and scale_factor of shape (${scale.join(', ')}). Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.`,
    'scale_factor needs one entry per spatial axis of the input.',
    `Give ${spatial.length} factors, or one number for all axes.`,
  );
}

export function upsampleRecomputeWithSize(): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    'recompute_scale_factor is not meaningful with an explicit size.',
    'recompute_scale_factor only changes how a scale_factor is turned into a size.',
    'Drop recompute_scale_factor, or use scale_factor instead of size.',
  );
}

export function upsampleModeRank(rank: number, mode: string, needs: number): ConvShapeError {
  return new ConvShapeError(
    'NotImplementedError',
    `Got ${rank}D input, but ${mode} mode needs ${needs}D input`,
    `${mode} interpolation is defined for ${needs - 2} spatial axes only.`,
    rank === 4
      ? "Use mode='bilinear', 'bicubic', 'nearest' or 'area' for (N, C, H, W) input."
      : `Reshape the input to ${needs}D.`,
  );
}

export function upsampleUnsupported(rank: number, mode: string): ConvShapeError {
  return new ConvShapeError(
    'NotImplementedError',
    `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${rank}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`,
    'Interpolation needs a known mode and 1 to 3 spatial axes after (N, C).',
    "Use mode='nearest', 'bilinear', 'bicubic', 'area' or 'nearest-exact' on (N, C, H, W) input.",
  );
}

/**
 * A scale factor whose output size is not a finite number. F.interpolate with
 * recompute_scale_factor=True computes math.floor(size * factor) in Python, which raises this
 * OverflowError for infinity (Python's own wording); without it the size is computed in C++,
 * whose wording for this case is not checked here, so the Python message stands for both.
 */
export function upsampleSizeOverflow(): ConvShapeError {
  return new ConvShapeError(
    'OverflowError',
    'cannot convert float infinity to integer',
    'The scale factor times the input size is larger than any float, so there is no output size.',
    'Use a scale_factor such as 2, or an explicit size.',
  );
}

export function upsampleEmptyOutput(
  input: readonly number[],
  output: readonly number[],
): ConvShapeError {
  const axes = input.length === 1 ? ['W'] : input.length === 2 ? ['H', 'W'] : ['D', 'H', 'W'];
  const list = (sizes: readonly number[]) => sizes.map((s, i) => `${axes[i]}: ${s}`).join(', ');
  return new ConvShapeError(
    'RuntimeError',
    `Input and output sizes should be greater than 0, but got input (${list(input)}) output (${list(output)})`,
    'The scale factor shrinks an axis to no cells at all.',
    'Use a larger scale_factor or an explicit size of at least 1.',
  );
}

export function batchNormRank(rank: number): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    `expected 4D input (got ${rank}D input)`,
    'BatchNorm2d normalises each channel of an (N, C, H, W) tensor.',
    rank === 2 ? 'Use nn.BatchNorm1d for (N, C) input.' : 'Reshape the input to (N, C, H, W).',
  );
}

export function batchNormChannels(
  buffer: 'running_mean' | 'weight',
  channels: number,
  features: number,
): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `${buffer} should contain ${channels} elements not ${features}`,
    `The layer keeps statistics for num_features=${features} channels, but the tensor reaching it has ${channels}.`,
    `Use nn.BatchNorm2d(${channels}).`,
  );
}

export function dropoutProbability(p: number): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    `dropout probability has to be between 0 and 1, but got ${p}`,
    'p is the probability of zeroing each element.',
    `Use p=${Math.min(1, Math.max(0, p))} or another value in [0, 1].`,
  );
}

export function dimensionOutOfRange(rank: number, dim: number): ConvShapeError {
  return new ConvShapeError(
    'IndexError',
    `Dimension out of range (expected to be in range of [${-rank}, ${rank - 1}], but got ${dim})`,
    `The tensor has ${rank} dimensions, so a dimension index must lie in ${-rank}..${rank - 1}.`,
    `Use a dimension in ${-rank}..${rank - 1} (start_dim=1 keeps the batch axis).`,
  );
}

export function flattenOrder(): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    'flatten() has invalid args: start_dim cannot come after end_dim',
    'Flatten merges the dimensions from start_dim through end_dim, so start_dim must not be after end_dim.',
    'Swap start_dim and end_dim, or use the defaults (1, -1).',
  );
}

export function linearMismatch(
  input: readonly number[],
  inFeatures: number,
  outFeatures: number,
): ConvShapeError {
  const last = input[input.length - 1];
  const rows = input.slice(0, -1).reduce((a, b) => a * b, 1);
  return new ConvShapeError(
    'RuntimeError',
    `mat1 and mat2 shapes cannot be multiplied (${rows}x${last} and ${inFeatures}x${outFeatures})`,
    `Linear multiplies the last dimension (${last}) by its weight, which was built for in_features=${inFeatures}.`,
    `Use nn.Linear(${last}, ${outFeatures})` +
      (input.length > 2 ? ', or add nn.Flatten() before it.' : '.'),
  );
}
