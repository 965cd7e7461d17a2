/**
 * One output pixel of the image view's single-layer run, as its arithmetic: the input window's
 * real values (channel 0), the kernel's weights, their products and Σ in float64, beside the
 * value the GPU wrote for that pixel. Conv2d only; the run is depthwise, so output channel 0
 * reads input channel 0 alone.
 */
import {
  computationExample,
  conv2dConfig,
  windowComputation,
  type ComputationExample,
  type Pair,
  type WindowComputation,
} from '../../core/conv/index.js';
import type { ImageRunRecord } from './conv-image-controller.js';
import { settingsKernel } from './conv-image-run.js';
import { weightFromKernel } from './conv-image-kernels.js';

export interface ImageComputation {
  window: WindowComputation;
  kernelSize: Pair;
  outputSize: Pair;
  /** The GPU's output value at the position (f32). */
  gpu: number;
}

const examples = new WeakMap<ImageRunRecord, ComputationExample | null>();

/** The run's channel 0 as a float64 example, or null where the run is not a single Conv2d layer. */
function exampleOf(run: ImageRunRecord): ComputationExample | null {
  const s = run.settings;
  if (s.mode !== 'layer' || s.transposed || run.error || run.tensors.length < 2) return null;
  const kernel = settingsKernel(s);
  if (typeof kernel === 'string') return null;
  const input = run.tensors[0].tensor;
  const [, , h, w] = input.shape;
  const config = conv2dConfig({
    inChannels: 1,
    outChannels: 1,
    kernelSize: kernel.size,
    stride: s.stride,
    padding: s.padding,
    dilation: s.dilation,
    bias: false,
  });
  return computationExample(config, h, w, {
    input: { shape: [1, 1, h, w], data: Float64Array.from(input.data.subarray(0, h * w)) },
    weight: {
      shape: [1, 1, kernel.size[0], kernel.size[1]],
      data: Float64Array.from(weightFromKernel(kernel, [1, 1, kernel.size[0], kernel.size[1]])),
    },
    bias: 0,
  });
}

/** The arithmetic at `position` (clamped to the output), or null where there is none to show. */
export function imageComputation(run: ImageRunRecord, position: Pair): ImageComputation | null {
  if (!examples.has(run)) examples.set(run, exampleOf(run));
  const example = examples.get(run);
  if (!example) return null;
  const [, , oh, ow] = example.output.shape;
  const gpuOut = run.tensors[1].tensor;
  if (gpuOut.shape[2] !== oh || gpuOut.shape[3] !== ow) return null;
  const at: Pair = [
    Math.max(0, Math.min(oh - 1, position[0])),
    Math.max(0, Math.min(ow - 1, position[1])),
  ];
  return {
    window: windowComputation(example, at),
    kernelSize: example.config.kernel,
    outputSize: [oh, ow],
    gpu: gpuOut.data[at[0] * ow + at[1]],
  };
}
