/**
 * Images as NCHW float tensors and back: the built-in test patterns, decoded pixels, and what a
 * tensor channel looks like as a grey image. Values are in [0, 1] for images.
 */

import type { Shape4 } from '../../core/conv/conv-config.js';

/** Re-exported for the lab's callers; defined once, in core. */
export type { Shape4 };

export interface Tensor {
  data: Float32Array;
  shape: Shape4;
}

/** A checkerboard of 8-pixel squares (or smaller, for tiny sizes). */
export function checkerboard(size: number, channels: number): Tensor {
  const square = Math.max(1, Math.min(8, Math.floor(size / 8)));
  return pattern(size, channels, (y, x) => (Math.floor(y / square) + Math.floor(x / square)) % 2);
}

/** Horizontal, vertical and diagonal one-pixel lines, which edge kernels pick out by direction. */
export function lines(size: number, channels: number): Tensor {
  const step = Math.max(4, Math.floor(size / 8));
  return pattern(size, channels, (y, x) => {
    if (y < size / 2) return x % step === step >> 1 ? 1 : 0;
    if (x < size / 2) return y % step === step >> 1 ? 1 : 0;
    return (x - y) % step === 0 ? 1 : 0;
  });
}

/** One bright pixel in the middle: a convolution's output is then its kernel's footprint. */
export function singleDot(size: number, channels: number): Tensor {
  const c = Math.floor(size / 2);
  return pattern(size, channels, (y, x) => (y === c && x === c ? 1 : 0));
}

function pattern(size: number, channels: number, value: (y: number, x: number) => number): Tensor {
  const data = new Float32Array(channels * size * size);
  for (let ch = 0; ch < channels; ch++)
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) data[(ch * size + y) * size + x] = value(y, x);
  return { data, shape: [1, channels, size, size] };
}

/** RGBA pixels as [1, 3, H, W] (colour) or [1, 1, H, W] (Rec. 601 luma) in [0, 1]. */
export function pixelsToTensor(pixels: ImageData, color: boolean): Tensor {
  const { width: w, height: h, data } = pixels;
  const channels = color ? 3 : 1;
  const out = new Float32Array(channels * h * w);
  for (let i = 0; i < h * w; i++) {
    const [r, g, b] = [data[4 * i] / 255, data[4 * i + 1] / 255, data[4 * i + 2] / 255];
    if (color) {
      out[i] = r;
      out[h * w + i] = g;
      out[2 * h * w + i] = b;
    } else out[i] = 0.299 * r + 0.587 * g + 0.114 * b;
  }
  return { data: out, shape: [1, channels, h, w] };
}

/** Smallest and largest finite value (0, 0 when there is none). */
export function valueRange(data: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of data) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [0, 0] : [lo, hi];
}

/** How many values are NaN or infinite. */
export function countNonFinite(data: Float32Array): number {
  let n = 0;
  for (const v of data) if (!Number.isFinite(v)) n++;
  return n;
}

/** One channel of one batch item as grey pixels, lo → black and hi → white. */
export function channelPixels(
  tensor: Tensor,
  n: number,
  c: number,
  lo: number,
  hi: number,
): ImageData {
  const [, channels, h, w] = tensor.shape;
  const image = new ImageData(w, h);
  const offset = (n * channels + c) * h * w;
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  for (let i = 0; i < h * w; i++) {
    const v = tensor.data[offset + i];
    const g = Number.isFinite(v) ? Math.round((v - lo) * scale) : 0;
    image.data[4 * i] = g;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = g;
    image.data[4 * i + 3] = 255;
  }
  return image;
}

/** Nearest-neighbour upsampling by an integer factor (nn.Upsample(scale_factor=f, mode='nearest')). */
export function upsampleNearest(tensor: Tensor, factor: number): Tensor {
  const [n, c, h, w] = tensor.shape;
  const [oh, ow] = [h * factor, w * factor];
  const out = new Float32Array(n * c * oh * ow);
  for (let p = 0; p < n * c; p++)
    for (let y = 0; y < oh; y++)
      for (let x = 0; x < ow; x++)
        out[(p * oh + y) * ow + x] =
          tensor.data[(p * h + Math.floor(y / factor)) * w + Math.floor(x / factor)];
  return { data: out, shape: [n, c, oh, ow] };
}

/**
 * The range a tensor is drawn over: [0, 1] when every finite value lies in it (an image, or an
 * identity conv of one, keeps its exact pixel values), else its smallest to largest value.
 */
export function displayRange(data: Float32Array): [number, number] {
  const [lo, hi] = valueRange(data);
  return lo >= 0 && hi <= 1 ? [0, 1] : [lo, hi];
}

/** Channels 0, 1, 2 of one batch item as red, green and blue, lo → 0 and hi → 255 on each. */
export function rgbPixels(tensor: Tensor, n: number, lo: number, hi: number): ImageData {
  const [, channels, h, w] = tensor.shape;
  const image = new ImageData(w, h);
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  for (let c = 0; c < 3; c++) {
    const offset = (n * channels + c) * h * w;
    for (let i = 0; i < h * w; i++) {
      const v = tensor.data[offset + i];
      image.data[4 * i + c] = Number.isFinite(v) ? Math.round((v - lo) * scale) : 0;
    }
  }
  for (let i = 0; i < h * w; i++) image.data[4 * i + 3] = 255;
  return image;
}

/** The part of an h × w tensor a zoomed view shows: whole tensor pixels, in tensor pixels. */
export interface ZoomWindow {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
}

/**
 * The window of an h × w tensor seen at `zoom` screen pixels per tensor pixel in a viewport of
 * at most maxW × maxH screen pixels, around `centre` ([y, x], as fractions of the tensor's
 * height and width, shared by every tensor of a run), kept inside the tensor.
 */
export function zoomWindow(
  h: number,
  w: number,
  zoom: number,
  centre: readonly [number, number],
  maxW: number,
  maxH: number,
): ZoomWindow {
  const sw = Math.min(w, Math.max(1, Math.floor(maxW / zoom)));
  const sh = Math.min(h, Math.max(1, Math.floor(maxH / zoom)));
  const clamp = (v: number, hi: number) => Math.max(0, Math.min(hi, v));
  return {
    sx: clamp(Math.round(centre[1] * w - sw / 2), w - sw),
    sy: clamp(Math.round(centre[0] * h - sh / 2), h - sh),
    sw,
    sh,
  };
}
