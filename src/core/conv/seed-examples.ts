/**
 * The seed text's seven worked examples ("Calculating the Output Size of Convolutions and
 * Transpose Convolutions", 17 February 2020), as presets: square n×n inputs, one channel.
 */
import type { ConvArgs } from './conv-config.js';

export interface SeedExample {
  id: number;
  title: string;
  /** Input side n (the input is n×n). */
  inputSize: number;
  transposed: boolean;
  args: ConvArgs;
  /** The call as PyTorch code. */
  pytorch: string;
  /** Output side the seed states. */
  expectedOutput: number;
  caption: string;
  /** Where the seed's own text disagrees with itself. */
  note?: string;
}

const channels = { inChannels: 1, outChannels: 1 };

export const SEED_EXAMPLES: readonly SeedExample[] = [
  {
    id: 1,
    title: 'Convolution with stride 1, no padding',
    inputSize: 6,
    transposed: false,
    args: { ...channels, kernelSize: 2, stride: 1 },
    pytorch: 'nn.Conv2d(in_channels, out_channels, kernel_size=2, stride=1)',
    expectedOutput: 5,
    caption: 'A 2×2 kernel takes 5 positions across a 6×6 input, so the output is 5×5.',
  },
  {
    id: 2,
    title: 'Convolution with stride 2, no padding',
    inputSize: 6,
    transposed: false,
    args: { ...channels, kernelSize: 2, stride: 2 },
    pytorch: 'nn.Conv2d(in_channels, out_channels, kernel_size=2, stride=2)',
    expectedOutput: 3,
    caption: 'Kernel size equals stride: the 6×6 input is tiled without overlap or gaps into 3×3.',
  },
  {
    id: 3,
    title: 'Convolution with stride 2, with padding',
    inputSize: 6,
    transposed: false,
    args: { ...channels, kernelSize: 2, stride: 2, padding: 1 },
    pytorch: 'nn.Conv2d(in_channels, out_channels, kernel_size=2, stride=2, padding=1)',
    expectedOutput: 4,
    caption: 'One ring of zeros makes the input 8×8, where the kernel takes 4 positions: 4×4.',
    note: "The seed's code line says padding=2, which gives 5×5; its text and picture mean padding=1.",
  },
  {
    id: 4,
    title: 'Convolution with coverage gaps',
    inputSize: 5,
    transposed: false,
    args: { ...channels, kernelSize: 2, stride: 2 },
    pytorch: 'nn.Conv2d(in_channels, out_channels, kernel_size=2, stride=2)',
    expectedOutput: 2,
    caption:
      'Stride 2 over 5 cells never reaches the last row and column; PyTorch drops them: 2×2.',
  },
  {
    id: 5,
    title: 'Transpose convolution with stride 2, no padding',
    inputSize: 3,
    transposed: true,
    args: { ...channels, kernelSize: 2, stride: 2 },
    pytorch: 'nn.ConvTranspose2d(in_channels, out_channels, kernel_size=2, stride=2)',
    expectedOutput: 6,
    caption: 'Cells spread 2 apart plus one zero ring make a 7×7 grid; a stride-1 sweep gives 6×6.',
  },
  {
    id: 6,
    title: 'Transpose convolution with stride 1, no padding',
    inputSize: 5,
    transposed: true,
    args: { ...channels, kernelSize: 2, stride: 1 },
    pytorch: 'nn.ConvTranspose2d(in_channels, out_channels, kernel_size=2, stride=1)',
    expectedOutput: 6,
    caption:
      'The opposite of Example 1: 5 cells plus one zero ring each side is 7×7, swept to 6×6.',
    note: 'The seed never states this input size; 5 follows from its 7×7 intermediate grid and from being the opposite of Example 1.',
  },
  {
    id: 7,
    title: 'Transpose convolution with stride 2, with padding',
    inputSize: 3,
    transposed: true,
    args: { ...channels, kernelSize: 2, stride: 2, padding: 1 },
    pytorch: 'nn.ConvTranspose2d(in_channels, out_channels, kernel_size=2, stride=2, padding=1)',
    expectedOutput: 4,
    caption: 'Padding now removes a ring: the 7×7 grid shrinks to 5×5, swept to 4×4.',
  },
];
