import convCommonWgsl from '../../../shaders/conv/conv-common.wgsl?raw';
import convDirectCommonWgsl from '../../../shaders/conv/conv-direct-common.wgsl?raw';
import convTiledCommonWgsl from '../../../shaders/conv/conv-tiled-common.wgsl?raw';
import conv2dDirectWgsl from '../../../shaders/conv/conv2d-direct.wgsl?raw';
import conv2dGroupedWgsl from '../../../shaders/conv/conv2d-grouped.wgsl?raw';
import conv2dTiledWgsl from '../../../shaders/conv/conv2d-tiled.wgsl?raw';
import convTranspose2dDirectWgsl from '../../../shaders/conv/conv-transpose2d-direct.wgsl?raw';
import convTranspose2dGroupedWgsl from '../../../shaders/conv/conv-transpose2d-grouped.wgsl?raw';
import type { Pair } from '../../core/conv/conv-config.js';
import { prepareLinearKernel } from '../compute-pass.js';
import { CONV_PARAMS_WGSL, type ConvProblem } from './conv-params.js';
import {
  blockedInvocations,
  conv2dBlockedWgsl,
  usesBlockedKernel,
} from './conv2d-blocked-source.js';
import {
  blockedTransposeInvocations,
  convTranspose2dBlockedWgsl,
} from './conv-transpose2d-blocked-source.js';
import { foldWorkgroups } from '../dispatch.js';
import type { PipelineCache } from '../pipeline-cache.js';

/** Which kernel the caller asks for: the fast path (grouped, blocked or tiled), or the one-invocation-per-output oracle. */
export type ConvKernelChoice = 'fast' | 'direct';

/** Output pixels per workgroup of the tiled kernels, [rows, columns]: 128 invocations. */
export const CONV_TILE: Pair = [8, 16];
/** Most input channels staged at once; fewer where workgroup memory is short. */
const MAX_CHANNEL_SLICE = 8;
/** Most output channels one invocation accumulates. */
const MAX_CHANNEL_BLOCK = 8;

/** Output pixels one invocation of the grouped kernel computes, along a row. */
export const GROUPED_PIXELS = 4;
/** Most channels per group (in and out) for which the grouped kernel replaces the tiled one. */
const GROUPED_MAX_CHANNELS = 4;
/** Most input cells the grouped kernel holds in registers per row segment. */
const GROUPED_MAX_SPAN = 64;

/** Input cells one invocation of the grouped conv2d kernel loads per row segment. */
export function groupedSpan(problem: ConvProblem): number {
  return (
    (GROUPED_PIXELS - 1) * problem.stride[1] + (problem.kernel[1] - 1) * problem.dilation[1] + 1
  );
}

/**
 * Whether the grouped kernels serve `problem`: grouped layers (the tiled kernels' channel slices
 * and blocks are full where groups = 1) with at most GROUPED_MAX_CHANNELS channels per group, in
 * and out, and for conv2d a row segment short enough for registers (not very large dilated kernels).
 */
export function usesGroupedKernel(problem: ConvProblem): boolean {
  return (
    problem.groups > 1 &&
    problem.inChannels / problem.groups <= GROUPED_MAX_CHANNELS &&
    problem.outChannels / problem.groups <= GROUPED_MAX_CHANNELS &&
    (problem.transposed || groupedSpan(problem) <= GROUPED_MAX_SPAN)
  );
}

/** How the tiled kernel cuts a problem; null where it cannot (then the direct kernel runs). */
export interface TiledLayout {
  /** Input cells a tile reads per axis, [rows, columns]. */
  patch: Pair;
  /** Input channels staged per step (CI_TILE). */
  channelSlice: number;
  /** Output channels per invocation (CO_BLOCK). */
  channelBlock: number;
  workgroupBytes: number;
}

function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, n)));
}

/**
 * The tiled layout for `problem` on a device with `limits`, or null when even one staged input
 * channel does not fit in workgroup memory (very large dilated kernels) or the tile exceeds the
 * workgroup size limits: the direct kernel then serves the call.
 */
export function tiledLayout(problem: ConvProblem, limits: GPUSupportedLimits): TiledLayout | null {
  const [tileH, tileW] = CONV_TILE;
  if (
    tileH * tileW > limits.maxComputeInvocationsPerWorkgroup ||
    tileW > limits.maxComputeWorkgroupSizeX ||
    tileH > limits.maxComputeWorkgroupSizeY
  ) {
    return null;
  }
  const axis = (tile: number, a: 0 | 1): number => {
    const { kernel, stride, dilation } = problem;
    // A tile of T outputs reads (T − 1)·s + (k − 1)·d + 1 cells.
    return (tile - 1) * stride[a] + (kernel[a] - 1) * dilation[a] + 1;
  };
  const patch: Pair = [axis(tileH, 0), axis(tileW, 1)];
  const inPerGroup = problem.inChannels / problem.groups;
  const channelBlock = Math.min(
    MAX_CHANNEL_BLOCK,
    nextPowerOfTwo(problem.outChannels / problem.groups),
  );
  const taps = problem.kernel[0] * problem.kernel[1];
  const floatsPerChannel = patch[0] * patch[1] + channelBlock * taps;
  const channelSlice = Math.min(
    MAX_CHANNEL_SLICE,
    inPerGroup,
    Math.floor(limits.maxComputeWorkgroupStorageSize / 4 / floatsPerChannel),
  );
  if (channelSlice < 1) return null;
  return {
    patch,
    channelSlice,
    channelBlock,
    workgroupBytes: 4 * channelSlice * floatsPerChannel,
  };
}

function ceilDiv(a: number, b: number): number {
  return Math.ceil(a / b);
}

/** Workgroups of the tiled conv2d kernel: tiles × channel blocks × batch (conv-tiled-common.wgsl). */
function tiledWorkgroups(problem: ConvProblem, layout: TiledLayout): number {
  const [tileH, tileW] = CONV_TILE;
  const tilesY = ceilDiv(problem.outRows, tileH);
  const tilesX = ceilDiv(problem.outWidth, tileW);
  const blocks =
    problem.groups * ceilDiv(problem.outChannels / problem.groups, layout.channelBlock);
  return tilesX * tilesY * blocks * problem.batch;
}

/** The buffers a conv kernel binds, in binding order (conv-common.wgsl). */
export interface ConvBuffers {
  params: GPUBuffer;
  input: GPUBuffer;
  weight: GPUBuffer;
  bias: GPUBuffer;
  output: GPUBuffer;
}

/**
 * The kernel that runs: 'grouped', 'blocked' or 'tiled' on the fast path, 'direct' for the
 * oracle or the fallback.
 */
export type ConvKernelName = 'grouped' | 'blocked' | 'tiled' | 'direct';

export interface PreparedConv {
  kernel: ConvKernelName;
  encode(encoder: GPUCommandEncoder, timestampWrites?: GPUComputePassTimestampWrites): void;
}

/** A conv kernel ready to encode over `buffers`; pipelines come from (and stay in) `pipelines`. */
export async function prepareConv(
  device: GPUDevice,
  pipelines: PipelineCache,
  problem: ConvProblem,
  choice: ConvKernelChoice,
  buffers: ConvBuffers,
): Promise<PreparedConv> {
  const bound = [buffers.params, buffers.input, buffers.weight, buffers.bias, buffers.output];
  const name = problem.transposed ? 'conv-transpose2d' : 'conv2d';
  // conv2d takes the blocked kernel wherever its row segment fits (one lane per invocation for
  // depthwise layers); the grouped conv2d kernel keeps the longer segments it can hold.
  const grouped = usesGroupedKernel(problem) && (problem.transposed || !usesBlockedKernel(problem));
  if (choice === 'fast' && grouped) {
    // conv2d: pixels along a row; transposed: pixels of one column phase, ⌈W / s⌉ of them a row.
    const perRow = problem.transposed
      ? problem.stride[1] *
        Math.ceil(Math.ceil(problem.outWidth / problem.stride[1]) / GROUPED_PIXELS)
      : Math.ceil(problem.outWidth / GROUPED_PIXELS);
    const invocations = problem.batch * problem.outChannels * problem.outRows * perRow;
    const constants: [string, number][] = [
      ['OUT_X', GROUPED_PIXELS],
      ...(problem.transposed ? [] : [['SPAN', groupedSpan(problem)] as [string, number]]),
      ['KERNEL_H', problem.kernel[0]],
      ['KERNEL_W', problem.kernel[1]],
      ['STRIDE_H', problem.stride[0]],
      ['STRIDE_W', problem.stride[1]],
      ['DILATION_H', problem.dilation[0]],
      ['DILATION_W', problem.dilation[1]],
    ];
    const encode = await prepareLinearKernel(
      device,
      pipelines,
      {
        label: `${name}-grouped`,
        code: [
          CONV_PARAMS_WGSL,
          ...constants.map(([key, value]) => `const ${key}: i32 = ${value};`),
          convCommonWgsl,
          problem.transposed ? convTranspose2dGroupedWgsl : conv2dGroupedWgsl,
        ].join('\n'),
      },
      bound,
    );
    return {
      kernel: 'grouped',
      encode: (encoder, timestampWrites) => encode(encoder, invocations, timestampWrites),
    };
  }
  if (choice === 'fast' && (problem.transposed || usesBlockedKernel(problem))) {
    const invocations = problem.transposed
      ? blockedTransposeInvocations(problem)
      : blockedInvocations(problem);
    const source = problem.transposed
      ? convTranspose2dBlockedWgsl(problem)
      : conv2dBlockedWgsl(problem);
    const encode = await prepareLinearKernel(
      device,
      pipelines,
      {
        label: `${name}-blocked`,
        code: [CONV_PARAMS_WGSL, convCommonWgsl, source].join('\n'),
      },
      bound,
    );
    return {
      kernel: 'blocked',
      encode: (encoder, timestampWrites) => encode(encoder, invocations, timestampWrites),
    };
  }
  const layout = choice === 'fast' ? tiledLayout(problem, device.limits) : null;
  if (!layout) {
    const outputs = problem.batch * problem.outChannels * problem.outRows * problem.outWidth;
    const kernel = problem.transposed ? convTranspose2dDirectWgsl : conv2dDirectWgsl;
    const encode = await prepareLinearKernel(
      device,
      pipelines,
      {
        label: `${name}-direct`,
        code: [CONV_PARAMS_WGSL, convCommonWgsl, convDirectCommonWgsl, kernel].join('\n'),
      },
      bound,
    );
    return {
      kernel: 'direct',
      encode: (encoder, timestampWrites) => encode(encoder, outputs, timestampWrites),
    };
  }
  const taps = problem.kernel[0] * problem.kernel[1];
  const pipeline = await pipelines.get({
    label: `${name}-tiled`,
    code: [
      CONV_PARAMS_WGSL,
      `const CO_BLOCK: i32 = ${layout.channelBlock};`,
      convCommonWgsl,
      convTiledCommonWgsl,
      conv2dTiledWgsl,
    ].join('\n'),
    constants: {
      TILE_H: CONV_TILE[0],
      TILE_W: CONV_TILE[1],
      CI_TILE: layout.channelSlice,
      KERNEL_H: problem.kernel[0],
      KERNEL_W: problem.kernel[1],
      STRIDE_H: problem.stride[0],
      STRIDE_W: problem.stride[1],
      DILATION_H: problem.dilation[0],
      DILATION_W: problem.dilation[1],
      PATCH_H: layout.patch[0],
      PATCH_W: layout.patch[1],
      PATCH_SIZE: layout.channelSlice * layout.patch[0] * layout.patch[1],
      TAP_TILE_SIZE: layout.channelBlock * layout.channelSlice * taps,
    },
  });
  const bindGroup = device.createBindGroup({
    label: `${name}-tiled`,
    layout: pipeline.getBindGroupLayout(0),
    entries: bound.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const [x, y, z] = foldWorkgroups(
    tiledWorkgroups(problem, layout),
    device.limits.maxComputeWorkgroupsPerDimension,
  );
  return {
    kernel: 'tiled',
    encode(encoder, timestampWrites) {
      const pass = encoder.beginComputePass({ label: `${name}-tiled`, timestampWrites });
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      if (x > 0) pass.dispatchWorkgroups(x, y, z);
      pass.end();
    },
  };
}
