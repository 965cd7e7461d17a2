/**
 * Float64 CPU reference conv2d and conv_transpose2d over NCHW tensors, written straight from
 * the definitions (docs/conv.md#numerics) and kept naive on purpose: conv2d gathers, the
 * transposed convolution scatters every (input cell, tap) product, so the GPU's gather kernel
 * is checked against an independent formulation.
 */
import { weightShape, type ConvConfig, type PaddingMode } from './conv-config.js';
import { convOutputSize } from './conv-output-shape.js';

export interface Tensor4 {
  shape: [number, number, number, number];
  data: Float64Array;
}

export function zerosTensor(shape: [number, number, number, number]): Tensor4 {
  return { shape, data: new Float64Array(shape[0] * shape[1] * shape[2] * shape[3]) };
}

function index4(shape: readonly number[], a: number, b: number, c: number, d: number): number {
  return ((a * shape[1] + b) * shape[2] + c) * shape[3] + d;
}

function checkShapes(
  config: ConvConfig,
  input: Tensor4,
  weight: Tensor4,
  bias: Float64Array | null,
): void {
  const expected = weightShape(config);
  if (weight.shape.some((s, i) => s !== expected[i])) {
    throw new RangeError(
      `weight shape [${weight.shape.join(', ')}] does not match the layer's [${expected.join(', ')}]`,
    );
  }
  if (input.shape[1] !== config.inChannels) {
    throw new RangeError(
      `input has ${input.shape[1]} channels; the layer takes ${config.inChannels}`,
    );
  }
  if (bias && bias.length !== config.outChannels) {
    throw new RangeError(
      `bias has ${bias.length} entries; the layer has ${config.outChannels} output channels`,
    );
  }
}

/**
 * Index into the unpadded axis for padded-axis position `i` (may be < 0 or ≥ size), or −1
 * for a zero. reflect mirrors without repeating the edge, replicate repeats the edge,
 * circular wraps (torch.nn.functional.pad modes).
 */
export function paddedIndex(i: number, size: number, mode: PaddingMode): number {
  if (i >= 0 && i < size) return i;
  switch (mode) {
    case 'zeros':
      return -1;
    case 'reflect':
      return i < 0 ? -i : 2 * (size - 1) - i;
    case 'replicate':
      return i < 0 ? 0 : size - 1;
    case 'circular':
      return ((i % size) + size) % size;
  }
}

/**
 * out[n, co, y, x] = bias[co] + Σ_{ci in co's group} Σ_{ky, kx}
 *   w[co, ci, ky, kx] · in_padded[n, ci, y·s + ky·d, x·s + kx·d]   (docs/conv.md#numerics).
 */
export function conv2dReference(
  config: ConvConfig,
  input: Tensor4,
  weight: Tensor4,
  bias: Float64Array | null = null,
): Tensor4 {
  checkShapes(config, input, weight, bias);
  const [n, , inH, inW] = input.shape;
  const [outH, outW] = convOutputSize(config, inH, inW);
  const out = zerosTensor([n, config.outChannels, outH, outW]);
  const inPerGroup = config.inChannels / config.groups;
  const outPerGroup = config.outChannels / config.groups;
  const [kh, kw] = config.kernel;
  const [sh, sw] = config.stride;
  const [dh, dw] = config.dilation;
  const { top, left } = config.padding;
  for (let b = 0; b < n; b++) {
    for (let co = 0; co < config.outChannels; co++) {
      const group = Math.floor(co / outPerGroup);
      for (let y = 0; y < outH; y++) {
        for (let x = 0; x < outW; x++) {
          let sum = bias ? bias[co] : 0;
          for (let c = 0; c < inPerGroup; c++) {
            const ci = group * inPerGroup + c;
            for (let ky = 0; ky < kh; ky++) {
              const iy = paddedIndex(y * sh + ky * dh - top, inH, config.paddingMode);
              if (iy < 0) continue;
              for (let kx = 0; kx < kw; kx++) {
                const ix = paddedIndex(x * sw + kx * dw - left, inW, config.paddingMode);
                if (ix < 0) continue;
                sum +=
                  weight.data[index4(weight.shape, co, c, ky, kx)] *
                  input.data[index4(input.shape, b, ci, iy, ix)];
              }
            }
          }
          out.data[index4(out.shape, b, co, y, x)] = sum;
        }
      }
    }
  }
  return out;
}

/**
 * Transposed convolution by scattering: input cell (ci, iy, ix) times tap (ky, kx) adds to
 * out[co, iy·s − p + ky·d, ix·s − p + kx·d] for each co of ci's group, with weight layout
 * [in, out/g, kH, kW]; products landing outside the output (cropped by padding) are dropped.
 */
export function convTranspose2dReference(
  config: ConvConfig,
  input: Tensor4,
  weight: Tensor4,
  bias: Float64Array | null = null,
  outputSize?: readonly number[],
): Tensor4 {
  checkShapes(config, input, weight, bias);
  const [n, , inH, inW] = input.shape;
  const [outH, outW] = convOutputSize(config, inH, inW, outputSize ? { outputSize } : {});
  const out = zerosTensor([n, config.outChannels, outH, outW]);
  const inPerGroup = config.inChannels / config.groups;
  const outPerGroup = config.outChannels / config.groups;
  const [kh, kw] = config.kernel;
  const [sh, sw] = config.stride;
  const [dh, dw] = config.dilation;
  const { top, left } = config.padding;
  for (let b = 0; b < n; b++) {
    for (let co = 0; co < config.outChannels; co++) {
      const value = bias ? bias[co] : 0;
      for (let y = 0; y < outH; y++)
        for (let x = 0; x < outW; x++) out.data[index4(out.shape, b, co, y, x)] = value;
    }
    for (let ci = 0; ci < config.inChannels; ci++) {
      const group = Math.floor(ci / inPerGroup);
      for (let iy = 0; iy < inH; iy++) {
        for (let ix = 0; ix < inW; ix++) {
          const v = input.data[index4(input.shape, b, ci, iy, ix)];
          for (let c = 0; c < outPerGroup; c++) {
            const co = group * outPerGroup + c;
            for (let ky = 0; ky < kh; ky++) {
              const y = iy * sh - top + ky * dh;
              if (y < 0 || y >= outH) continue;
              for (let kx = 0; kx < kw; kx++) {
                const x = ix * sw - left + kx * dw;
                if (x < 0 || x >= outW) continue;
                out.data[index4(out.shape, b, co, y, x)] +=
                  v * weight.data[index4(weight.shape, ci, c, ky, kx)];
              }
            }
          }
        }
      }
    }
  }
  return out;
}
