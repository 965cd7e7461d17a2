import {
  conv2dConfig,
  convTranspose2dConfig,
  weightShape,
  type ConvConfig,
  type IntOrPair,
  type PaddingMode,
  type Shape4,
} from '../../core/conv/conv-config.js';
import { formatSizes } from '../../core/conv/conv-errors.js';
import { convOutputShape } from '../../core/conv/conv-output-shape.js';
import {
  checkOutputSize,
  placeNchw,
  planConvChunks,
  sliceNchw,
  type ConvChunk,
} from './conv-chunks.js';
import { prepareConv, type ConvKernelChoice, type ConvKernelName } from './conv-kernels.js';
import { CONV_PARAMS_BYTES, packConvParams, type ConvProblem } from './conv-params.js';
import { withErrorScopes } from '../error-scope.js';
import { GpuTimer } from '../gpu-timer.js';
import type { PipelineCache } from '../pipeline-cache.js';
import { readBuffer, uploadBuffer } from '../readback.js';

/** Re-exported for the runner's callers; defined once, in core. */
export type { Shape4 } from '../../core/conv/conv-config.js';

/** An NCHW float32 tensor (weights in PyTorch's layouts). */
export interface ConvTensor {
  data: Float32Array;
  shape: Shape4;
}

/** F.conv2d / F.conv_transpose2d arguments, with PyTorch's defaults. */
export interface ConvRunOptions {
  bias?: Float32Array | null;
  stride?: IntOrPair;
  /** Numbers, or 'same' / 'valid' (conv2d only, as in PyTorch). */
  padding?: IntOrPair | string;
  dilation?: IntOrPair;
  groups?: number;
  /** conv2d only; ConvTranspose2d accepts 'zeros' alone. */
  paddingMode?: PaddingMode | string;
  /** conv_transpose2d only. */
  outputPadding?: IntOrPair;
  /** 'fast' (grouped or tiled, falling back to direct where tiles do not fit) or 'direct'. Default 'fast'. */
  kernel?: ConvKernelChoice;
  /** Largest binding to use, in bytes: the device's limit unless smaller (tests force splits with it). */
  maxBindingBytes?: number;
}

export interface ConvRunResult extends ConvTensor {
  /**
   * Time of the conv passes alone, never pipeline compilation: GPU time from timestamp queries
   * where the device has them (`clock` 'gpu'), else wall clock from submit to done ('wall').
   */
  seconds: number;
  clock: 'gpu' | 'wall';
  /**
   * Wall-clock seconds spent building pipelines this run needed and the cache did not yet hold
   * (a first run of a geometry); null when every pipeline was cached.
   */
  compileSeconds: number | null;
  /** How many pieces the tensors were split into to fit the device's bindings. */
  chunks: number;
  /** The kernel that ran: 'grouped', 'blocked' or 'tiled' for 'fast' ('direct' where it fell back). */
  kernel: ConvKernelName;
}

export interface ConvGpu {
  device: GPUDevice;
  pipelines: PipelineCache;
}

/**
 * The layer F.conv2d (transposed false) or F.conv_transpose2d runs for a weight of this shape,
 * with PyTorch's constructor checks (ConvShapeError): callers can check shapes and sizes with
 * it before asking for a GPU.
 */
export function convRunConfig(
  transposed: boolean,
  weightShape: readonly number[],
  options: ConvRunOptions = {},
): ConvConfig {
  const groups = options.groups ?? 1;
  const common = {
    kernelSize: [weightShape[2], weightShape[3]] as const,
    stride: options.stride,
    padding: options.padding,
    dilation: options.dilation,
    groups: options.groups,
    bias: Boolean(options.bias),
    paddingMode: options.paddingMode,
  };
  return transposed
    ? convTranspose2dConfig({
        ...common,
        inChannels: weightShape[0],
        outChannels: weightShape[1] * groups,
        outputPadding: options.outputPadding,
      })
    : conv2dConfig({
        ...common,
        inChannels: weightShape[1] * groups,
        outChannels: weightShape[0],
      });
}

/** torch.nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups), with padding_mode as nn.Conv2d. */
export async function runConv2d(
  gpu: ConvGpu,
  input: ConvTensor,
  weight: ConvTensor,
  options: ConvRunOptions = {},
): Promise<ConvRunResult> {
  return runConv(gpu, convRunConfig(false, weight.shape, options), input, weight, options);
}

/** torch.nn.functional.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation). */
export async function runConvTranspose2d(
  gpu: ConvGpu,
  input: ConvTensor,
  weight: ConvTensor,
  options: ConvRunOptions = {},
): Promise<ConvRunResult> {
  return runConv(gpu, convRunConfig(true, weight.shape, options), input, weight, options);
}

/** `emptyBatch`: the first size may be 0 (an input batch; PyTorch returns an empty output). */
function checkData(what: string, tensor: ConvTensor, emptyBatch = false): void {
  if (
    tensor.shape.length !== 4 ||
    tensor.shape.some((s, i) => !Number.isSafeInteger(s) || s < (emptyBatch && i === 0 ? 0 : 1))
  )
    throw new RangeError(
      `${what} must be 4-D [N, C, H, W] with positive sizes${emptyBatch ? ' (N may be 0)' : ''}, got ${formatSizes(tensor.shape)}`,
    );
  const count = tensor.shape.reduce((a, b) => a * b, 1);
  if (tensor.data.length !== count)
    throw new RangeError(
      `${what} of shape ${formatSizes(tensor.shape)} needs ${count} values, got ${tensor.data.length}`,
    );
}

/** The whole convolution as one problem, before any split. */
export function convProblem(config: ConvConfig, inputShape: Shape4, outShape: Shape4): ConvProblem {
  return {
    transposed: config.transposed,
    batch: inputShape[0],
    inChannels: inputShape[1],
    inHeight: inputShape[2],
    inWidth: inputShape[3],
    inRowBegin: 0,
    inRows: inputShape[2],
    outChannels: outShape[1],
    outWidth: outShape[3],
    outRowBegin: 0,
    outRows: outShape[2],
    groups: config.groups,
    kernel: config.kernel,
    stride: config.stride,
    dilation: config.dilation,
    padTop: config.padding.top,
    padLeft: config.padding.left,
    paddingMode: config.paddingMode,
    hasBias: config.bias,
  };
}

/** The weights of a chunk's output channels, in the layer's own layout. */
function chunkWeights(config: ConvConfig, weight: ConvTensor, chunk: ConvChunk): Float32Array {
  const [, , kh, kw] = weight.shape;
  const taps = kh * kw;
  if (!config.transposed)
    return weight.data.subarray(
      chunk.outChannels[0] * weight.shape[1] * taps,
      chunk.outChannels[1] * weight.shape[1] * taps,
    );
  // [in, out/g, kH, kW]: the chunk's out channels are a range within each input channel's group.
  const outPerGroup = weight.shape[1];
  const local = chunk.outChannels[0] % outPerGroup;
  const width = (chunk.outChannels[1] - chunk.outChannels[0]) / chunk.problem.groups;
  const out = new Float32Array((chunk.inChannels[1] - chunk.inChannels[0]) * width * taps);
  for (let ci = chunk.inChannels[0], k = 0; ci < chunk.inChannels[1]; ci++, k += width * taps) {
    const start = (ci * outPerGroup + local) * taps;
    out.set(weight.data.subarray(start, start + width * taps), k);
  }
  return out;
}

async function runConv(
  gpu: ConvGpu,
  config: ConvConfig,
  input: ConvTensor,
  weight: ConvTensor,
  options: ConvRunOptions,
): Promise<ConvRunResult> {
  const op = config.transposed ? 'conv_transpose2d' : 'conv2d';
  checkData(`${op} input`, input, true);
  checkData(`${op} weight`, weight);
  // PyTorch's own checks, in its order and words (ConvShapeError).
  const outShape = convOutputShape(config, input.shape) as Shape4;
  checkOutputSize(outShape);
  const expected = weightShape(config);
  const bias = options.bias ?? null;
  if (bias && bias.length !== config.outChannels) {
    throw new RangeError(
      `Given weight of size ${formatSizes(expected)}, expected bias to be 1-dimensional with ` +
        `${config.outChannels} elements, but got bias of size [${bias.length}] instead`,
    );
  }
  const { device, pipelines } = gpu;
  if (outShape[0] === 0)
    return {
      data: new Float32Array(0),
      shape: outShape,
      seconds: 0,
      clock: device.features.has('timestamp-query') ? 'gpu' : 'wall',
      compileSeconds: null,
      chunks: 0,
      kernel: 'direct',
    };
  const deviceLimit = Math.min(
    device.limits.maxStorageBufferBindingSize,
    device.limits.maxBufferSize,
  );
  const maxBytes = Math.min(deviceLimit, options.maxBindingBytes ?? Infinity);
  const whole = convProblem(config, input.shape, outShape);
  const chunks = planConvChunks(whole, outShape[2], maxBytes);
  const out = new Float32Array(outShape.reduce((a, b) => a * b, 1));
  const timer = new GpuTimer(device);
  let seconds = 0;
  let compileSeconds: number | null = null;
  // One chunk that fell back makes the whole run 'direct'.
  let kernel: ConvRunResult['kernel'] | undefined;
  try {
    for (const chunk of chunks) {
      const buffers: GPUBuffer[] = [];
      const track = (buffer: GPUBuffer): GPUBuffer => (buffers.push(buffer), buffer);
      // A validation or out-of-memory failure becomes a thrown error, not a console line.
      await withErrorScopes(device, op, async () => {
        const params = track(
          device.createBuffer({
            label: `${op} params`,
            size: CONV_PARAMS_BYTES,
            usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
          }),
        );
        device.queue.writeBuffer(params, 0, packConvParams(chunk.problem));
        const outputBytes =
          4 *
          chunk.problem.batch *
          chunk.problem.outChannels *
          chunk.problem.outRows *
          chunk.problem.outWidth;
        const output = track(
          device.createBuffer({
            label: `${op} output`,
            size: outputBytes,
            usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
          }),
        );
        const bound = {
          params,
          input: track(
            uploadBuffer(
              device,
              sliceNchw(input.data, input.shape, chunk.batch, chunk.inChannels, chunk.inRows),
              `${op} input`,
            ),
          ),
          weight: track(uploadBuffer(device, chunkWeights(config, weight, chunk), `${op} weight`)),
          bias: track(
            uploadBuffer(
              device,
              bias
                ? bias.subarray(chunk.outChannels[0], chunk.outChannels[1])
                : new Float32Array(1),
              `${op} bias`,
            ),
          ),
          output,
        };
        // Preparing builds any pipeline the cache lacks: that time is reported apart, never as run time.
        const cached = pipelines.size;
        const prepareStart = performance.now();
        const prepared = await prepareConv(
          device,
          pipelines,
          chunk.problem,
          options.kernel ?? 'fast',
          bound,
        );
        if (pipelines.size > cached)
          compileSeconds = (compileSeconds ?? 0) + (performance.now() - prepareStart) / 1e3;
        if (kernel !== 'direct') kernel = prepared.kernel;
        seconds += await timer.measure((encoder) =>
          prepared.encode(encoder, timer.passTimestamps()),
        );
        const piece = new Float32Array(await readBuffer(device, output, outputBytes));
        placeNchw(out, outShape, piece, chunk.batch, chunk.outChannels, chunk.outRows);
      }).finally(() => {
        for (const buffer of buffers) buffer.destroy();
      });
    }
  } finally {
    timer.destroy();
  }
  return {
    data: out,
    shape: outShape,
    seconds,
    clock: timer.usesTimestamps ? 'gpu' : 'wall',
    compileSeconds,
    chunks: chunks.length,
    kernel: kernel ?? 'direct',
  };
}
