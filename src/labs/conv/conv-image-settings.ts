/**
 * What the Conv Lab's image view runs: which image, which kernel, one layer or the traced
 * stack, or the transposed-conv versus resize-then-conv comparison.
 */

/** Built-in images; 'file' is one the user loaded (not kept in the URL). */
export type ImageSource = 'photo' | 'checkerboard' | 'lines' | 'dot' | 'file';
export const BUILT_IN_IMAGES: readonly { id: Exclude<ImageSource, 'file'>; label: string }[] = [
  { id: 'photo', label: 'Photograph (coffee)' },
  { id: 'checkerboard', label: 'Checkerboard' },
  { id: 'lines', label: 'Lines' },
  { id: 'dot', label: 'Single bright pixel' },
];

export type KernelName =
  'identity' | 'box' | 'gaussian' | 'sobel-x' | 'sobel-y' | 'laplacian' | 'random' | 'custom';

export const KERNEL_NAMES: readonly { id: KernelName; label: string }[] = [
  { id: 'identity', label: 'Identity' },
  { id: 'box', label: 'Box blur' },
  { id: 'gaussian', label: 'Gaussian' },
  { id: 'sobel-x', label: 'Sobel x' },
  { id: 'sobel-y', label: 'Sobel y' },
  { id: 'laplacian', label: 'Laplacian' },
  { id: 'random', label: 'Random' },
  { id: 'custom', label: 'Typed numbers' },
];

export type ImageMode = 'layer' | 'stack' | 'compare';

export interface ConvImageSettings {
  source: ImageSource;
  /** Side of the procedural patterns; the photograph keeps its own size. */
  patternSize: number;
  /** Grey images have one channel, colour ones three. */
  color: boolean;
  mode: ImageMode;
  kernel: KernelName;
  /** Side of the box, Gaussian and random kernels (Sobel and Laplacian are 3 × 3). */
  kernelSize: number;
  /** Rows of numbers separated by spaces or commas, one row a line (or ';'). */
  customKernel: string;
  seed: number;
  /** The single layer: ConvTranspose2d instead of Conv2d, and its per-layer numbers (both axes). */
  transposed: boolean;
  stride: number;
  padding: number;
  dilation: number;
  outputPadding: number;
  /** Which WGSL kernel runs the pass. */
  gpuKernel: 'fast' | 'direct';
  /**
   * The stack's input: seeded noise of the stack's own input shape (the default: it fits any
   * stack, and the default stack, the DCGAN generator, takes 100 channels no image has), or the
   * image.
   */
  stackInput: 'image' | 'noise';
  /** Weights per conv layer of the stack, in order; missing entries are 'random'. */
  stackKernels: KernelName[];
}

export function defaultImageSettings(): ConvImageSettings {
  return {
    source: 'photo',
    patternSize: 64,
    color: false,
    mode: 'layer',
    kernel: 'sobel-x',
    kernelSize: 3,
    customKernel: '0 -1 0\n-1 5 -1\n0 -1 0',
    seed: 1,
    transposed: false,
    stride: 1,
    padding: 1,
    dilation: 1,
    outputPadding: 0,
    gpuKernel: 'fast',
    stackInput: 'noise',
    stackKernels: [],
  };
}
