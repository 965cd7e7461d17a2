/**
 * Rejections, worded exactly as PyTorch words them (torch/nn/modules/conv.py,
 * aten/src/ATen/native/Convolution.cpp, NaiveConvolutionTranspose2d.cpp, Pool.h,
 * ReflectionPad.cpp, torch/nn/functional.py), each paired with a one-sentence
 * reason and the nearest values that would be accepted.
 */

/** The Python exception class PyTorch raises. */
export type PytorchException =
  | 'ValueError'
  | 'RuntimeError'
  | 'TypeError'
  | 'IndexError'
  | 'NotImplementedError'
  | 'OverflowError';

/** A configuration or input PyTorch would reject. `message` is PyTorch's own text. */
export class ConvShapeError extends Error {
  readonly exception: PytorchException;
  readonly pytorchMessage: string;
  /** Why PyTorch refuses it, in one sentence. */
  readonly why: string;
  /** The nearest values it would accept. */
  readonly suggestion: string;

  constructor(
    exception: PytorchException,
    pytorchMessage: string,
    why: string,
    suggestion: string,
  ) {
    super(pytorchMessage);
    this.name = 'ConvShapeError';
    this.exception = exception;
    this.pytorchMessage = pytorchMessage;
    this.why = why;
    this.suggestion = suggestion;
  }
}

/** PyTorch prints shapes (IntArrayRef) as `[1, 3, 64, 64]`. */
export function formatSizes(sizes: readonly number[]): string {
  return `[${sizes.join(', ')}]`;
}

/** Nearest multiples of `divisor` around `value` (below and above, positive only). */
export function nearestMultiples(value: number, divisor: number): number[] {
  const below = Math.floor(value / divisor) * divisor;
  const above = below + divisor;
  return [below, above].filter((v, i, all) => v > 0 && all.indexOf(v) === i);
}

/** Positive divisors of n (n ≥ 1), ascending; pairs d, n/d up to √n, so 10⁹ channels stay quick. */
export function divisors(n: number): number[] {
  const small: number[] = [];
  const large: number[] = [];
  for (let d = 1; d * d <= n; d++) {
    if (n % d !== 0) continue;
    small.push(d);
    if (d * d !== n) large.unshift(n / d);
  }
  return [...small, ...large];
}

function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}

function groupsThatDivide(inChannels: number, outChannels: number): string {
  const common = gcd(inChannels, outChannels);
  if (common < 1) return '';
  const list = divisors(common);
  return list.length > 12 ? `${list.slice(0, 12).join(', ')}, …` : list.join(', ');
}

export function groupsNotPositive(groups: number): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    'groups must be a positive integer',
    `groups=${groups} would split the channels into ${groups} independent convolutions, which needs at least one.`,
    'Use groups=1 (an ordinary convolution) or another positive divisor of both channel counts.',
  );
}

export function channelsNotDivisible(
  which: 'in_channels' | 'out_channels',
  inChannels: number,
  outChannels: number,
  groups: number,
): ConvShapeError {
  const channels = which === 'in_channels' ? inChannels : outChannels;
  const allowed = groupsThatDivide(inChannels, outChannels);
  return new ConvShapeError(
    'ValueError',
    `${which} must be divisible by groups`,
    `Each of the ${groups} groups must get the same whole number of channels, and ${channels} ${which} do not split into ${groups} equal parts.`,
    `Use ${which}=${nearestMultiples(channels, groups).join(' or ')} with groups=${groups}` +
      (allowed ? `, or keep the channels and use groups in {${allowed}}.` : '.'),
  );
}

export function invalidPaddingString(padding: string): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    `Invalid padding string '${padding}', should be one of {'valid', 'same'}`,
    'A string padding must name one of the two padding rules PyTorch knows.',
    "Use padding='same', padding='valid' (no padding), an int, or a pair (h, w).",
  );
}

export function sameWithStride(
  kernel: readonly number[],
  dilation: readonly number[],
): ConvShapeError {
  const explicit = kernel.map((k, i) => Math.floor((dilation[i] * (k - 1)) / 2));
  return new ConvShapeError(
    'ValueError',
    "padding='same' is not supported for strided convolutions",
    "With a stride above 1 the output is smaller than the input, so no padding can make it the 'same' size.",
    `Use stride=1 with padding='same', or keep the stride and pad explicitly, e.g. padding=(${explicit.join(', ')}).`,
  );
}

export function transposedPaddingMode(className: string): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    `Only "zeros" padding mode is supported for ${className}`,
    "A transposed convolution's padding removes output cells rather than adding input cells, so there is nothing to fill by reflecting or wrapping.",
    "Use padding_mode='zeros' (the default).",
  );
}

export function invalidPaddingMode(mode: string): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    `padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='${mode}'`,
    'PyTorch only knows four ways to fill the padded border.',
    "Use padding_mode='zeros', 'reflect', 'replicate' or 'circular'.",
  );
}

export function stringPaddingForTransposed(padding: string): ConvShapeError {
  return new ConvShapeError(
    'TypeError',
    "conv_transpose2d(): argument 'padding' (position 5) must be tuple of ints, but found element of type str at pos 0",
    `ConvTranspose2d has no padding rules by name; it turns '${padding}' into a tuple of its letters and fails when it runs.`,
    'Give the padding as an int or a pair (h, w); to get a given output size, pass output_size to forward() or use output_padding.',
  );
}

export function negativePadding(padding: readonly number[]): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    'negative padding is not supported',
    `padding ${formatSizes(padding)} asks to remove border cells, which convolution padding cannot do.`,
    `Use padding=(${padding.map((p) => Math.max(0, p)).join(', ')}), or crop the input first.`,
  );
}

export function negativeOutputPadding(outputPadding: readonly number[]): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    'negative output_padding is not supported',
    'output_padding adds computed rows and columns at the bottom/right; it cannot remove them.',
    `Use output_padding=(${outputPadding.map((p) => Math.max(0, p)).join(', ')}), or more padding to shrink the output.`,
  );
}

export function nonPositiveStride(stride: readonly number[]): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    'non-positive stride is not supported',
    'The stride is how far the kernel moves each step, so it must be at least 1.',
    `Use stride=(${stride.map((s) => Math.max(1, s)).join(', ')}).`,
  );
}

export function dilationNotPositive(dilation: readonly number[]): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    'dilation should be greater than zero',
    'Dilation is the spacing between kernel taps, so it must be at least 1 (1 means adjacent taps).',
    `Use dilation=(${dilation.map((d) => Math.max(1, d)).join(', ')}).`,
  );
}

export function convRankMismatch(
  op: 'conv2d' | 'conv_transpose2d',
  inputShape: readonly number[],
): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `Expected 3D (unbatched) or 4D (batched) input to ${op}, but got input of size: ${formatSizes(inputShape)}`,
    `A 2-D convolution needs a (C, H, W) or (N, C, H, W) tensor, and this one has ${inputShape.length} dimensions.`,
    inputShape.length === 2
      ? `Reshape it first, e.g. x.view(${inputShape[0]}, C, H, W) with C·H·W = ${inputShape[1]}.`
      : 'Reshape the input to (N, C, H, W).',
  );
}

export function convChannelMismatch(
  groups: number,
  weight: readonly number[],
  input: readonly number[],
  expected: number,
): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `Given groups=${groups}, weight of size ${formatSizes(weight)}, expected input${formatSizes(input)} to have ${expected} channels, but got ${input[1]} channels instead`,
    `The layer was built for in_channels=${expected}, but the tensor reaching it has ${input[1]} channels.`,
    `Use in_channels=${input[1]} in this layer (or make the layer before it output ${expected} channels).`,
  );
}

/**
 * A layer's constructor makes its weight with torch.empty, which refuses a negative size
 * (aten EmptyTensor.cpp, check_size_nonnegative). The wording is quoted from memory of that
 * check, not from a run of PyTorch in this project.
 */
export function negativeDimension(
  sizes: readonly number[],
  names: readonly string[],
): ConvShapeError {
  const at = sizes.findIndex((s) => s < 0);
  return new ConvShapeError(
    'RuntimeError',
    `Trying to create tensor with negative dimension ${sizes[at]}: ${formatSizes(sizes)}`,
    `The weight's sizes come from ${names[at]}, which is negative here; a tensor cannot have fewer than 0 entries along an axis.`,
    `Use a positive ${names[at]}.`,
  );
}

/**
 * Convolution.cpp check_shape_forward: the weight needs at least `groups` rows (output
 * channels for Conv2d). Quoted from memory of that check, like negativeDimension.
 */
export function weightTooSmallForGroups(
  groups: number,
  weight: readonly number[],
  dimensionName: string,
): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${formatSizes(weight)} instead`,
    `Dimension 0 of the weight is ${dimensionName}, and each of the ${groups} group${groups === 1 ? '' : 's'} needs at least one.`,
    `Use ${dimensionName} of at least ${groups}.`,
  );
}

export function transposedChannelMismatch(
  weight: readonly number[],
  input: readonly number[],
): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `Given transposed=1, weight of size ${formatSizes(weight)}, expected input${formatSizes(input)} to have ${weight[0]} channels, but got ${input[1]} channels instead`,
    `The layer was built for in_channels=${weight[0]}, but the tensor reaching it has ${input[1]} channels.`,
    `Use in_channels=${input[1]} in this layer (or make the layer before it output ${weight[0]} channels).`,
  );
}

export function kernelLargerThanInput(
  paddedInput: readonly number[],
  effectiveKernel: readonly number[],
  padding: readonly number[],
): ConvShapeError {
  const smallestInput = effectiveKernel.map((k, i) => Math.max(1, k - 2 * padding[i]));
  const paddingNeeded = effectiveKernel.map((k, i) =>
    Math.max(padding[i], Math.ceil((k - (paddedInput[i] - 2 * padding[i])) / 2)),
  );
  return new ConvShapeError(
    'RuntimeError',
    `Calculated padded input size per channel: (${paddedInput.join(' x ')}). Kernel size: (${effectiveKernel.join(' x ')}). Kernel size can't be greater than actual input size`,
    'The (dilated) kernel does not fit inside the padded input even once, so there is no position to compute.',
    `Use an input of at least ${smallestInput.join('×')}, padding=(${paddingNeeded.join(', ')}), or a smaller kernel/dilation.`,
  );
}

export function kernelNotPositive(kernel: readonly number[]): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `kernel size should be greater than zero, but got kernel_height: ${kernel[0]} kernel_width: ${kernel[1]}`,
    'A kernel needs at least one tap on each axis.',
    `Use kernel_size=(${kernel.map((k) => Math.max(1, k)).join(', ')}).`,
  );
}

export function outputPaddingTooLarge(
  outputPadding: readonly number[],
  stride: readonly number[],
  dilation: readonly number[],
): ConvShapeError {
  const limit = stride.map((s, i) => Math.max(s, dilation[i]) - 1);
  return new ConvShapeError(
    'RuntimeError',
    `output padding must be smaller than either stride or dilation, but got output_padding_height: ${outputPadding[0]} output_padding_width: ${outputPadding[1]} stride_height: ${stride[0]} stride_width: ${stride[1]} dilation_height: ${dilation[0]} dilation_width: ${dilation[1]}`,
    'output_padding exists to pick among the output sizes a strided convolution maps back to this same input size, so PyTorch accepts it only below the stride or below the dilation on each axis.',
    `Use output_padding_height in 0..${limit[0]} and output_padding_width in 0..${limit[1]}.`,
  );
}

export function transposedOutputTooSmall(
  input: readonly number[],
  output: readonly number[],
  minimumInput: readonly number[],
  maximumPadding: readonly number[],
): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    `Given input size per channel: (${input.join(' x ')}). Calculated output size per channel: (${output.join(' x ')}). Output size is too small`,
    'The padding crops more rows or columns than the transposed convolution produces.',
    `Use padding at most (${maximumPadding.join(', ')}) or an input of at least ${minimumInput.join('×')}.`,
  );
}

export function outputSizeOutOfRange(
  requested: readonly number[],
  min: readonly number[],
  max: readonly number[],
  input: readonly number[],
): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    `requested an output size of ${formatSizes(requested)}, but valid sizes range from ${formatSizes(min)} to ${formatSizes(max)} (for an input of torch.Size(${formatSizes(input)}))`,
    'A transposed convolution can only reach the sizes a stride-s convolution of the same kernel would map back onto this input: the minimum plus up to stride−1 extra rows.',
    `Ask for an output between ${min.join('×')} and ${max.join('×')}, or change stride/padding/kernel.`,
  );
}

export function outputSizeLength(inputRank: number, length: number): ConvShapeError {
  return new ConvShapeError(
    'ValueError',
    `ConvTranspose2D: for ${inputRank}D input, output_size must have 2 or ${inputRank} elements (got ${length})`,
    'output_size lists the spatial sizes (H, W), optionally preceded by the non-spatial ones.',
    inputRank === 4
      ? 'Pass output_size=(H, W) or (N, C, H, W).'
      : 'Pass output_size=(H, W) or (C, H, W).',
  );
}

export function reflectPaddingTooLarge(
  argument: 4 | 6,
  pads: readonly [number, number],
  dimension: number,
  input: readonly number[],
): ConvShapeError {
  const size = input[dimension];
  return new ConvShapeError(
    'RuntimeError',
    `Argument #${argument}: Padding size should be less than the corresponding input dimension, but got: padding (${pads[0]}, ${pads[1]}) at dimension ${dimension} of input ${formatSizes(input)}`,
    `Reflect padding mirrors the cells next to the edge, and a side of ${size} cells has only ${size - 1} of them to mirror.`,
    `Use padding of at most ${size - 1} on that axis, an input of at least ${Math.max(...pads) + 1} cells, or padding_mode='replicate'.`,
  );
}

export function circularPaddingTooLarge(): ConvShapeError {
  return new ConvShapeError(
    'RuntimeError',
    'Padding value causes wrapping around more than once.',
    'Circular padding copies cells from the opposite edge, and there are fewer input cells than padding cells to copy.',
    'Use padding no larger than the input on each axis, or another padding_mode.',
  );
}
