/**
 * Runs the image view's convolutions on the GPU: one layer, the traced stack (with the
 * elementwise layers between on the CPU), or a stride-2 transposed conv beside resize-then-conv.
 * Every tensor along the way is kept, with the GPU time of the pass that made it.
 */
import {
  ConvShapeError,
  formatLayer,
  makeLayer,
  traceStack,
  transposedOverlapGrid,
  convTranspose2dConfig,
  type LayerSpec,
  type Pair,
} from '../../core/conv/index.js';
import { mulberry32 } from '../../core/random.js';
import {
  runConv2d,
  runConvTranspose2d,
  type ConvGpu,
  type ConvRunResult,
} from '../../gpu/conv/conv-runner.js';
import type { ConvImageSettings, KernelName } from './conv-image-settings.js';
import {
  defaultInitWeight,
  namedKernel,
  normalSample,
  parseKernelText,
  weightFromKernel,
  type Kernel2d,
} from './conv-image-kernels.js';
import { upsampleNearest, type Shape4, type Tensor } from './conv-image-tensors.js';

export interface TensorResult {
  label: string;
  tensor: Tensor;
  /** Seconds of the pass that made it (never compilation); null for CPU steps and the input. */
  seconds: number | null;
  /** How `seconds` was measured: 'gpu' by timestamp queries, 'wall' from submit to done. */
  clock?: 'gpu' | 'wall';
  /** Wall-clock seconds spent compiling pipelines on this pass's first run; null once cached. */
  compileSeconds?: number | null;
  note?: string;
}

export interface ImageRun {
  tensors: TensorResult[];
  /** Why the run stopped early, if it did (PyTorch's message where PyTorch would refuse). */
  error: string | null;
}

/** The kernel the settings name, at its natural size (Sobel and Laplacian are 3 × 3). */
export function settingsKernel(settings: ConvImageSettings): Kernel2d | string {
  if (settings.kernel === 'custom') return parseKernelText(settings.customKernel);
  const fixed = ['sobel-x', 'sobel-y', 'laplacian'].includes(settings.kernel);
  const k = fixed ? 3 : settings.kernelSize;
  return namedKernel(settings.kernel, [k, k], settings.seed);
}

/** A run's time as a tensor card shows it: run time and its clock, compilation apart. */
function passTime(
  result: ConvRunResult,
): Pick<TensorResult, 'seconds' | 'clock' | 'compileSeconds'> {
  return { seconds: result.seconds, clock: result.clock, compileSeconds: result.compileSeconds };
}

function shapeError(error: unknown): string {
  if (error instanceof ConvShapeError)
    return `${error.exception}: ${error.pytorchMessage} — ${error.why}`;
  throw error;
}

/** The single layer, depthwise (groups = channels) so each channel is filtered on its own. */
export async function runSingleLayer(
  gpu: ConvGpu,
  input: Tensor,
  settings: ConvImageSettings,
): Promise<ImageRun> {
  const tensors: TensorResult[] = [{ label: 'input', tensor: input, seconds: null }];
  const kernel = settingsKernel(settings);
  if (typeof kernel === 'string') return { tensors, error: `Kernel: ${kernel}` };
  const channels = input.shape[1];
  const weight = {
    data: weightFromKernel(kernel, [channels, 1, ...kernel.size]),
    shape: [channels, 1, ...kernel.size] as Shape4,
  };
  const common = {
    inChannels: channels,
    outChannels: channels,
    kernelSize: kernel.size,
    stride: settings.stride,
    padding: settings.padding,
    dilation: settings.dilation,
    groups: channels,
    bias: false,
  };
  const label = formatLayer(
    settings.transposed
      ? makeLayer('ConvTranspose2d', { ...common, outputPadding: settings.outputPadding })
      : makeLayer('Conv2d', common),
  );
  const options = {
    stride: settings.stride,
    padding: settings.padding,
    dilation: settings.dilation,
    groups: channels,
    kernel: settings.gpuKernel,
    ...(settings.transposed ? { outputPadding: settings.outputPadding } : {}),
  };
  try {
    const result = settings.transposed
      ? await runConvTranspose2d(gpu, input, weight, options)
      : await runConv2d(gpu, input, weight, options);
    tensors.push({
      label,
      ...passTime(result),
      tensor: result,
      note: `${result.kernel} kernel`,
    });
    return { tensors, error: null };
  } catch (error) {
    return { tensors, error: shapeError(error) };
  }
}

/**
 * A ×2 upsampling two ways with the same kernel: ConvTranspose2d(stride=2) — whose uneven
 * overlap makes a checkerboard where k is not a multiple of 2 — and nearest resize then Conv2d
 * (Odena, Dumoulin & Olah, "Deconvolution and Checkerboard Artifacts", Distill 2016). The
 * transposed weights are scaled by s² = 4, so both give the same mean brightness.
 */
export async function runCompare(
  gpu: ConvGpu,
  input: Tensor,
  settings: ConvImageSettings,
): Promise<ImageRun> {
  const tensors: TensorResult[] = [{ label: 'input', tensor: input, seconds: null }];
  const kernel = settingsKernel(settings);
  if (typeof kernel === 'string') return { tensors, error: `Kernel: ${kernel}` };
  const channels = input.shape[1];
  const [kh, kw] = kernel.size;
  const shape: Shape4 = [channels, 1, kh, kw];
  // out = (in − 1)·2 − 2p + (k − 1) + op + 1 = 2·in  ⇒  op = 2 + 2p − k, with p = ⌊(k − 1)/2⌋.
  const padding: Pair = [Math.floor((kh - 1) / 2), Math.floor((kw - 1) / 2)];
  const outputPadding: Pair = [2 + 2 * padding[0] - kh, 2 + 2 * padding[1] - kw];
  const scaled = weightFromKernel(kernel, shape).map((v) => 4 * v);
  try {
    const transposed = await runConvTranspose2d(
      gpu,
      input,
      { data: scaled, shape },
      {
        stride: 2,
        padding,
        outputPadding,
        groups: channels,
        kernel: settings.gpuKernel,
      },
    );
    const config = convTranspose2dConfig({
      inChannels: channels,
      outChannels: channels,
      kernelSize: kernel.size,
      stride: 2,
      padding,
      outputPadding,
      groups: channels,
    });
    const overlap = transposedOverlapGrid(config, input.shape[2], input.shape[3]);
    const upsampled = upsampleNearest(input, 2);
    const resized = await runConv2d(
      gpu,
      upsampled,
      { data: weightFromKernel(kernel, shape), shape },
      {
        padding: 'same',
        groups: channels,
        kernel: settings.gpuKernel,
      },
    );
    tensors.push(
      { label: "nn.Upsample(scale_factor=2, mode='nearest')", tensor: upsampled, seconds: null },
      {
        label: `nn.ConvTranspose2d(${channels}, ${channels}, (${kh}, ${kw}), stride=2, padding=(${padding.join(', ')}), output_padding=(${outputPadding.join(', ')}), groups=${channels})`,
        ...passTime(transposed),
        tensor: transposed,
        note: 'weights × 4',
      },
      {
        label: `upsampled, then nn.Conv2d(${channels}, ${channels}, (${kh}, ${kw}), padding='same', groups=${channels})`,
        ...passTime(resized),
        tensor: resized,
      },
      {
        label: 'difference: transposed conv − resize-then-conv',
        tensor: {
          data: transposed.data.map((v, i) => v - resized.data[i]),
          shape: transposed.shape,
        },
        seconds: null,
        note: 'on the CPU; the checkerboard is what is left',
      },
      {
        label: 'contributions per output cell of the transposed conv',
        tensor: {
          data: Float32Array.from(overlap.counts),
          shape: [1, 1, overlap.rows, overlap.cols],
        },
        seconds: null,
      },
    );
    return { tensors, error: null };
  } catch (error) {
    return { tensors, error: shapeError(error) };
  }
}

/** Seeded standard-normal noise of a given shape (a GAN generator's input). */
export function noiseTensor(shape: Shape4, seed: number): Tensor {
  const random = mulberry32(seed);
  return {
    data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () =>
      normalSample(random),
    ),
    shape,
  };
}

function elementwise(tensor: Tensor, f: (v: number) => number): Tensor {
  return { data: tensor.data.map(f), shape: tensor.shape };
}

/** BatchNorm2d in training mode with γ = 1, β = 0: each channel normalised by its batch statistics. */
function batchNorm(tensor: Tensor, eps: number): Tensor {
  const [n, c, h, w] = tensor.shape;
  const out = new Float32Array(tensor.data.length);
  const plane = h * w;
  for (let ch = 0; ch < c; ch++) {
    let sum = 0;
    let sq = 0;
    for (let b = 0; b < n; b++)
      for (let i = 0; i < plane; i++) sum += tensor.data[(b * c + ch) * plane + i];
    const mean = sum / (n * plane);
    for (let b = 0; b < n; b++)
      for (let i = 0; i < plane; i++) sq += (tensor.data[(b * c + ch) * plane + i] - mean) ** 2;
    const scale = 1 / Math.sqrt(sq / (n * plane) + eps);
    for (let b = 0; b < n; b++)
      for (let i = 0; i < plane; i++) {
        const k = (b * c + ch) * plane + i;
        out[k] = (tensor.data[k] - mean) * scale;
      }
  }
  return { data: out, shape: tensor.shape };
}

/** The conv layers of a stack, in order, as the weight pickers list them. */
export function convLayersOf(layers: readonly LayerSpec[]): number[] {
  return layers.flatMap((l, i) => (l.type === 'Conv2d' || l.type === 'ConvTranspose2d' ? [i] : []));
}

/**
 * The stack on a tensor: convolutions on the GPU with the chosen weights per conv layer
 * (a named kernel, or PyTorch's default initialisation for 'random'), BatchNorm, activations and
 * Dropout (as in eval mode, the identity) on the CPU. Stops where PyTorch would refuse, or at a
 * layer this view does not run.
 */
export async function runStack(
  gpu: ConvGpu,
  input: Tensor,
  layers: readonly LayerSpec[],
  settings: ConvImageSettings,
): Promise<ImageRun> {
  const tensors: TensorResult[] = [{ label: 'input', tensor: input, seconds: null }];
  const trace = traceStack(layers, input.shape);
  let x = input;
  let convIndex = 0;
  for (const [i, layer] of layers.entries()) {
    if (i >= trace.rows.length) break;
    const label = `${i + 1}. ${formatLayer(layer)}`;
    switch (layer.type) {
      case 'Conv2d':
      case 'ConvTranspose2d': {
        const choice: KernelName = settings.stackKernels[convIndex] ?? 'random';
        const seed = settings.seed + 1000 * convIndex;
        convIndex++;
        const transposed = layer.type === 'ConvTranspose2d';
        const kernel = toPair(layer.kernelSize);
        const shape: Shape4 = transposed
          ? [layer.inChannels, layer.outChannels / layer.groups, ...kernel]
          : [layer.outChannels, layer.inChannels / layer.groups, ...kernel];
        let data: Float32Array;
        let bias: Float32Array | null = null;
        if (choice === 'random' || choice === 'custom') {
          data = defaultInitWeight(shape, seed);
          if (layer.bias) {
            const bound = 1 / Math.sqrt(shape[1] * kernel[0] * kernel[1]);
            const random = mulberry32(seed + 1);
            bias = Float32Array.from(
              { length: layer.outChannels },
              () => (2 * random() - 1) * bound,
            );
          }
        } else {
          const k = namedKernel(choice, kernel, seed);
          if (typeof k === 'string') return { tensors, error: `Layer ${i + 1}: ${k}` };
          data = weightFromKernel(k, shape);
          if (layer.bias) bias = new Float32Array(layer.outChannels);
        }
        const options = {
          bias,
          stride: layer.stride,
          padding: layer.padding,
          dilation: layer.dilation,
          groups: layer.groups,
          paddingMode: layer.paddingMode,
          kernel: settings.gpuKernel,
          ...(transposed ? { outputPadding: layer.outputPadding } : {}),
        };
        try {
          const result = transposed
            ? await runConvTranspose2d(gpu, x, { data, shape }, options)
            : await runConv2d(gpu, x, { data, shape }, options);
          x = result;
          tensors.push({ label, tensor: x, ...passTime(result), note: `weights: ${choice}` });
        } catch (error) {
          return { tensors, error: `Layer ${i + 1}: ${shapeError(error)}` };
        }
        break;
      }
      case 'BatchNorm2d':
        x = batchNorm(x, layer.eps);
        tensors.push({ label, tensor: x, seconds: null, note: 'batch statistics, γ = 1, β = 0' });
        break;
      case 'ReLU':
        x = elementwise(x, (v) => Math.max(0, v));
        tensors.push({ label, tensor: x, seconds: null });
        break;
      case 'LeakyReLU': {
        const slope = layer.negativeSlope;
        x = elementwise(x, (v) => (v >= 0 ? v : slope * v));
        tensors.push({ label, tensor: x, seconds: null });
        break;
      }
      case 'Tanh':
        x = elementwise(x, Math.tanh);
        tensors.push({ label, tensor: x, seconds: null });
        break;
      case 'Sigmoid':
        x = elementwise(x, (v) => 1 / (1 + Math.exp(-v)));
        tensors.push({ label, tensor: x, seconds: null });
        break;
      case 'Dropout':
        tensors.push({ label, tensor: x, seconds: null, note: 'eval mode: the identity' });
        break;
      default:
        return {
          tensors,
          error: `Layer ${i + 1} (${layer.type}) does not run on images here: only Conv2d, ConvTranspose2d, BatchNorm2d, Dropout and activations do.`,
        };
    }
  }
  const failure = trace.error;
  return {
    tensors,
    error: failure
      ? `Layer ${failure.index + 1}: ${failure.error.exception}: ${failure.error.pytorchMessage}`
      : null,
  };
}

function toPair(value: number | readonly [number, number]): Pair {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}
