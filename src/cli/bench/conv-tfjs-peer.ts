import type { OnnxConvSpec } from './conv-onnx-model.js';
import { provideNavigatorGpu, type OnnxPeer } from './conv-onnx-peer.js';

/** The packages of the second peer: TensorFlow.js's core and its WebGPU backend. */
const TFJS_CORE = '@tensorflow/tfjs-core';
const TFJS_WEBGPU = '@tensorflow/tfjs-backend-webgpu';

/** The slice of TensorFlow.js the bench uses (optional packages, so no types from them). */
interface TfTensor {
  data(): Promise<Float32Array>;
  dispose(): void;
}
type Pads = [[0, 0], [number, number], [number, number], [0, 0]];
interface Tf {
  version_core: string;
  env(): { set(flag: string, value: unknown): void };
  registerBackend(name: string, factory: () => unknown, priority?: number): boolean;
  removeBackend(name: string): void;
  findBackendFactory(name: string): unknown;
  setBackend(name: string): Promise<boolean>;
  backend(): { endComputePassEncoder?(): void; submitQueue?(): void };
  tensor4d(data: Float32Array, shape: readonly number[]): TfTensor;
  conv2d(
    x: TfTensor,
    filter: TfTensor,
    strides: readonly number[],
    pad: Pads,
    dataFormat: 'NHWC',
    dilations: readonly number[],
  ): TfTensor;
  depthwiseConv2d(
    x: TfTensor,
    filter: TfTensor,
    strides: readonly number[],
    pad: Pads,
    dataFormat: 'NHWC',
    dilations: readonly number[],
  ): TfTensor;
  conv2dTranspose(
    x: TfTensor,
    filter: TfTensor,
    outputShape: readonly number[],
    strides: readonly number[],
    pad: Pads,
  ): TfTensor;
}
interface TfWebgpu {
  WebGPUBackend: new (device: GPUDevice) => unknown;
}

/** The same peer interface as onnxruntime-web's: run on the GPU, read back, release. */
export type ConvPeer = OnnxPeer;

/** NCHW → NHWC (TensorFlow.js's layout), or back with `back`. */
function permute(data: Float32Array, [n, c, h, w]: readonly number[], back = false): Float32Array {
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const nchw = ((b * c + ch) * h + y) * w + x;
          const nhwc = ((b * h + y) * w + x) * c + ch;
          if (back) out[nchw] = data[nhwc];
          else out[nhwc] = data[nchw];
        }
  return out;
}

/**
 * The filter in TensorFlow.js's layout, [kH, kW, a, b], from PyTorch's [p, q, kH, kW], where
 * `at(a, b)` names the PyTorch [p, q] for each TensorFlow.js [a, b].
 */
function filterOf(
  weight: OnnxConvSpec['weight'],
  a: number,
  b: number,
  at: (i: number, j: number) => [number, number],
): { data: Float32Array; shape: number[] } {
  const [, q, kh, kw] = weight.shape;
  const data = new Float32Array(weight.data.length);
  for (let ky = 0; ky < kh; ky++)
    for (let kx = 0; kx < kw; kx++)
      for (let i = 0; i < a; i++)
        for (let j = 0; j < b; j++) {
          const [p, r] = at(i, j);
          data[((ky * kw + kx) * a + i) * b + j] = weight.data[((p * q + r) * kh + ky) * kw + kx];
        }
  return { data, shape: [kh, kw, a, b] };
}

/**
 * Loads TensorFlow.js with its WebGPU backend built on `device` (the backend's constructor takes a
 * GPUDevice, so both run on the same adapter) and prepares `spec` as one op, or says why it
 * cannot: dense and depthwise Conv, and ConvTranspose with groups 1 and no dilation.
 */
export async function loadTfjsPeer(
  device: GPUDevice,
  spec: OnnxConvSpec,
  input: Float32Array<ArrayBuffer>,
): Promise<ConvPeer | { unavailable: string }> {
  let tf: Tf;
  let webgpu: TfWebgpu;
  try {
    // Its backend registers itself only where navigator.gpu exists, and checks it again on creation.
    await provideNavigatorGpu();
    tf = (await import(/* @vite-ignore */ TFJS_CORE)) as Tf;
    webgpu = (await import(/* @vite-ignore */ TFJS_WEBGPU)) as TfWebgpu;
  } catch (error) {
    return {
      unavailable: `TensorFlow.js is not installed (${(error as Error).message.split('\n')[0]})`,
    };
  }
  const attr = spec.attributes as Record<string, readonly number[] | number>;
  const strides = attr.strides as readonly number[];
  const dilations = attr.dilations as readonly number[];
  const [top, left, bottom, right] = attr.pads as readonly number[];
  const pads: Pads = [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
  const group = attr.group as number;
  const [n, cIn, h, w] = spec.inputShape;
  const [, cOut, hOut, wOut] = spec.outputShape;
  let op: (x: TfTensor, filter: TfTensor) => TfTensor;
  let filter: { data: Float32Array; shape: number[] };
  if (spec.op === 'Conv' && group === 1) {
    // PyTorch [out, in, kH, kW] → [kH, kW, in, out].
    filter = filterOf(spec.weight, cIn, cOut, (i, o) => [o, i]);
    op = (x, f) => tf.conv2d(x, f, strides, pads, 'NHWC', dilations);
  } else if (spec.op === 'Conv' && group === cIn) {
    // Depthwise, channel multiplier m: PyTorch [c·m + j, 1, kH, kW] → [kH, kW, c, m].
    const m = cOut / cIn;
    filter = filterOf(spec.weight, cIn, m, (c, j) => [c * m + j, 0]);
    op = (x, f) => tf.depthwiseConv2d(x, f, strides, pads, 'NHWC', dilations);
  } else if (spec.op === 'ConvTranspose' && group === 1 && dilations.every((d) => d === 1)) {
    // conv2dTranspose is the input gradient of conv2d with filter [kH, kW, out, in]: PyTorch
    // [in, out, kH, kW] read as such, the forward conv's padding the same.
    filter = filterOf(spec.weight, cOut, cIn, (o, i) => [i, o]);
    op = (x, f) => tf.conv2dTranspose(x, f, [n, hOut, wOut, cOut], strides, pads);
  } else {
    return { unavailable: `no TensorFlow.js op for ${spec.op} with groups ${group} here` };
  }
  try {
    // The kernels are registered under 'webgpu'; its own factory would request a device of its own.
    if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
    tf.registerBackend('webgpu', () => new webgpu.WebGPUBackend(device), 3);
    if (!(await tf.setBackend('webgpu'))) throw new Error('setBackend refused it');
    // Never hand small tensors to its CPU path: every op runs on the GPU.
    tf.env().set('WEBGPU_CPU_FORWARD', false);
  } catch (error) {
    return {
      unavailable: `its WebGPU backend failed: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  const x = tf.tensor4d(permute(input, spec.inputShape), [n, h, w, cIn]);
  const f = tf.tensor4d(filter.data, filter.shape);
  let last: TfTensor | null = null;
  return {
    name: `TensorFlow.js ${tf.version_core} (WebGPU backend)`,
    async run() {
      last?.dispose();
      last = op(x, f);
      // It batches dispatches until a read; submit now, so the wall clock sees this run's work.
      const backend = tf.backend();
      backend.endComputePassEncoder?.();
      backend.submitQueue?.();
    },
    async output() {
      if (!last) throw new Error('the peer has not run yet');
      return permute(await last.data(), spec.outputShape, true);
    },
    async release() {
      last?.dispose();
      x.dispose();
      f.dispose();
      tf.removeBackend('webgpu');
    },
  };
}
