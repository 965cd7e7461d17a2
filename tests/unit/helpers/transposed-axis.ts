import type { TransposedAxis } from '../../../src/core/conv/index.js';

/** One axis of a ConvTranspose2d, in PyTorch's argument order (padding before dilation). */
export const taxis = (
  inSize: number,
  kernel: number,
  stride: number,
  padding = 0,
  dilation = 1,
  outputPadding = 0,
): TransposedAxis => ({
  inSize,
  kernel,
  stride,
  dilation,
  padding,
  outputPadding,
});
