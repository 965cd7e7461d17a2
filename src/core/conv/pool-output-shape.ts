/**
 * MaxPool2d / AvgPool2d output sizes with PyTorch's checks, in its order
 * (aten/src/ATen/native/Pool.h: pooling_output_shape, then pool2d_shape_check).
 */
import { toPair, type Pair } from './conv-config.js';
import type { ConvAxis } from './kernel-coverage.js';
import {
  poolDilationNotPositive,
  poolDivisorZero,
  poolKernelNotPositive,
  poolOutputTooSmall,
  poolPadNegative,
  poolPadOverHalfEffectiveKernel,
  poolPadOverHalfKernel,
  poolRank,
  poolStrideNotPositive,
  poolStrideZero,
} from './layer-errors.js';
import type { AvgPool2dLayer, MaxPool2dLayer } from './layer-spec.js';

export interface PoolGeometry {
  kernel: Pair;
  stride: Pair;
  padding: Pair;
  dilation: Pair;
  ceilMode: boolean;
}

export function poolGeometry(layer: MaxPool2dLayer | AvgPool2dLayer): PoolGeometry {
  const kernel = toPair(layer.kernelSize);
  return {
    kernel,
    // stride=None means stride = kernel_size (torch.nn.functional.max_pool2d / avg_pool2d).
    stride: layer.stride === null ? kernel : toPair(layer.stride),
    padding: toPair(layer.padding),
    dilation: layer.type === 'MaxPool2d' ? toPair(layer.dilation) : [1, 1],
    ceilMode: layer.ceilMode,
  };
}

/**
 * Pool.h pooling_output_shape_pad_lr: ⌊(in + 2p − d·(k−1) − 1 + (ceil ? s−1 : 0)) / s⌋ + 1,
 * minus one in ceil mode when the last window would start past the input and left padding.
 */
export function poolAxisOutputSize(
  inSize: number,
  kernel: number,
  stride: number,
  padding: number,
  dilation: number,
  ceilMode: boolean,
): number {
  let out =
    Math.floor(
      (inSize + 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0)) / stride,
    ) + 1;
  if (ceilMode && (out - 1) * stride >= inSize + padding) out--;
  return out;
}

/** Output shape of the pooling layer for a (C, H, W) or (N, C, H, W) input. */
export function poolOutputShape(
  layer: MaxPool2dLayer | AvgPool2dLayer,
  inputShape: readonly number[],
): number[] {
  if (inputShape.length !== 3 && inputShape.length !== 4) throw poolRank();
  if (layer.type === 'AvgPool2d' && layer.divisorOverride === 0) throw poolDivisorZero();
  const g = poolGeometry(layer);
  const spatial = inputShape.slice(-2);
  const out = [0, 1].map((a) => {
    if (g.stride[a] === 0) throw poolStrideZero();
    if (g.padding[a] < 0) throw poolPadNegative(g.padding[a]);
    // C++ integer division truncates toward zero.
    if (g.padding[a] > Math.trunc(((g.kernel[a] - 1) * g.dilation[a] + 1) / 2)) {
      throw poolPadOverHalfEffectiveKernel(g.padding[a], g.kernel[a], g.dilation[a]);
    }
    return poolAxisOutputSize(
      spatial[a],
      g.kernel[a],
      g.stride[a],
      g.padding[a],
      g.dilation[a],
      g.ceilMode,
    );
  });
  if (Math.min(...g.kernel) <= 0) throw poolKernelNotPositive(g.kernel);
  if (Math.min(...g.stride) <= 0) throw poolStrideNotPositive(g.stride);
  if (Math.min(...g.dilation) <= 0) throw poolDilationNotPositive(g.dilation);
  if (Math.trunc(g.kernel[1] / 2) < g.padding[1] || Math.trunc(g.kernel[0] / 2) < g.padding[0]) {
    throw poolPadOverHalfKernel(g.padding, g.kernel);
  }
  const planes = inputShape[inputShape.length - 3];
  if (out[0] < 1 || out[1] < 1) throw poolOutputTooSmall(planes, spatial, out);
  return [...inputShape.slice(0, -2), out[0], out[1]];
}

/**
 * The window sweep of a valid pooling layer as convolution axes; in ceil mode the last
 * window may hang past the padding, so the far side is widened to hold it.
 */
export function poolAxes(
  layer: MaxPool2dLayer | AvgPool2dLayer,
  inH: number,
  inW: number,
): [ConvAxis, ConvAxis] {
  const g = poolGeometry(layer);
  return [inH, inW].map((inSize, a) => {
    const out = poolAxisOutputSize(
      inSize,
      g.kernel[a],
      g.stride[a],
      g.padding[a],
      g.dilation[a],
      g.ceilMode,
    );
    const reach = (out - 1) * g.stride[a] + g.dilation[a] * (g.kernel[a] - 1) + 1;
    return {
      inSize,
      kernel: g.kernel[a],
      stride: g.stride[a],
      dilation: g.dilation[a],
      padBefore: g.padding[a],
      padAfter: Math.max(g.padding[a], reach - inSize - g.padding[a]),
    };
  }) as [ConvAxis, ConvAxis];
}
