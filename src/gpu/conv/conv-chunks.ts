import { paddedIndex } from '../../core/conv/reference-conv.js';
import type { ConvProblem } from './conv-params.js';

/** A half-open range [begin, end). */
export type Span = readonly [number, number];

/** One piece of a split convolution: its own smaller problem, and where it sits in the whole. */
export interface ConvChunk {
  problem: ConvProblem;
  batch: Span;
  inChannels: Span;
  outChannels: Span;
  inRows: Span;
  outRows: Span;
}

/** Thrown when even the smallest piece of a convolution exceeds one buffer binding. */
export class ConvTooLargeError extends Error {
  override name = 'ConvTooLargeError';
}

/** The most pieces one convolution is split into; a plan needing more is refused up front. */
export const MAX_CONV_CHUNKS = 1 << 16;

/** The most output elements one run returns: 4 GiB of float32, in one Float32Array. */
export const MAX_OUTPUT_ELEMENTS = 2 ** 30;

/** Refuses an output shape whose float32 result cannot be held in one array. */
export function checkOutputSize(shape: readonly number[]): void {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count <= MAX_OUTPUT_ELEMENTS) return;
  throw new ConvTooLargeError(
    `output ${shape.join('×')} has ${count.toLocaleString('en-US')} elements (${formatBytes(4 * count)} ` +
      `as float32); one run returns at most ${MAX_OUTPUT_ELEMENTS.toLocaleString('en-US')} ` +
      `(${formatBytes(4 * MAX_OUTPUT_ELEMENTS, true)})`,
  );
}

/** Decimal sizes for what a tensor needs ("19.2 GB"), binary for what a device allows ("1 GiB"). */
export function formatBytes(bytes: number, binary = false): string {
  const base = binary ? 1024 : 1000;
  const units = binary
    ? ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB']
    : ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let value = bytes;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${text} ${units[unit]}`;
}

/** Input rows a band of output rows reads (whole-tensor rows; never empty, so something binds). */
export function inputRowsFor(whole: ConvProblem, outRows: Span): Span {
  const [k, s, d, p, h] = [
    whole.kernel[0],
    whole.stride[0],
    whole.dilation[0],
    whole.padTop,
    whole.inHeight,
  ];
  let [lo, hi] = [Infinity, -Infinity];
  if (whole.transposed) {
    // iy·s − p + ky·d = y for some tap: iy from ⌈(y0 + p − (k−1)·d) / s⌉ to ⌊(y1 − 1 + p) / s⌋.
    lo = Math.max(0, Math.ceil((outRows[0] + p - (k - 1) * d) / s));
    hi = Math.min(h - 1, Math.floor((outRows[1] - 1 + p) / s));
  } else if (whole.paddingMode === 'zeros') {
    lo = Math.max(0, outRows[0] * s - p);
    hi = Math.min(h - 1, (outRows[1] - 1) * s - p + (k - 1) * d);
  } else {
    // Reflect, replicate and circular padding can read rows far from the band: map each one.
    for (let y = outRows[0]; y < outRows[1]; y++) {
      for (let ky = 0; ky < k; ky++) {
        const row = paddedIndex(y * s + ky * d - p, h, whole.paddingMode);
        lo = Math.min(lo, row);
        hi = Math.max(hi, row);
      }
    }
  }
  return hi >= lo ? [lo, hi + 1] : [0, 1];
}

/** Output-channel ranges of `size` channels: whole groups when size ≥ out/g, else pieces of one group. */
function channelSpans(whole: ConvProblem, size: number): Span[] {
  const perGroup = whole.outChannels / whole.groups;
  const spans: Span[] = [];
  if (size >= perGroup) {
    for (let c = 0; c < whole.outChannels; c += size)
      spans.push([c, Math.min(c + size, whole.outChannels)]);
    return spans;
  }
  for (let g = 0; g < whole.groups; g++)
    for (let c = 0; c < perGroup; c += size)
      spans.push([g * perGroup + c, g * perGroup + Math.min(c + size, perGroup)]);
  return spans;
}

function spans(total: number, size: number): Span[] {
  const result: Span[] = [];
  for (let begin = 0; begin < total; begin += size)
    result.push([begin, Math.min(begin + size, total)]);
  return result;
}

/**
 * Splits `whole` (batch = N, every channel and row) into chunks whose input, output and weight each
 * fit in `maxBytes`: first over the batch, then over output channels (whole groups, then pieces of
 * one group), then over bands of output rows (multiples of the stride for the transposed kernel,
 * whose phases count from row 0). Throws ConvTooLargeError when one output row of one channel of
 * one image still does not fit.
 */
export function planConvChunks(
  whole: ConvProblem,
  outHeight: number,
  maxBytes: number,
): ConvChunk[] {
  const inPerGroup = whole.inChannels / whole.groups;
  const outPerGroup = whole.outChannels / whole.groups;
  const taps = whole.kernel[0] * whole.kernel[1];
  const rowStep = whole.transposed ? whole.stride[0] : 1;
  // i32 indices in the kernels: no binding may hold 2³¹ elements.
  const limit = Math.min(maxBytes, (2 ** 31 - 1) * 4);
  let batch = whole.batch;
  let channels = whole.outChannels;
  let rows = outHeight;
  for (;;) {
    // Count the pieces before listing them: halving can ask for billions.
    const channelPieces =
      channels >= outPerGroup
        ? Math.ceil(whole.outChannels / channels)
        : whole.groups * Math.ceil(outPerGroup / channels);
    const pieces = Math.ceil(whole.batch / batch) * channelPieces * Math.ceil(outHeight / rows);
    if (pieces > MAX_CONV_CHUNKS)
      throw new ConvTooLargeError(
        `output ${[whole.batch, whole.outChannels, outHeight, whole.outWidth].join('×')} would need ` +
          `more than ${MAX_CONV_CHUNKS.toLocaleString('en-US')} pieces of at most ` +
          `${formatBytes(limit, true)} each (this device's largest buffer binding)`,
      );
    const chunks = enumerate(batch, channels, rows);
    const worst = { input: 0, output: 0, weight: 0 };
    for (const c of chunks) {
      const n = c.batch[1] - c.batch[0];
      const inChannels = c.inChannels[1] - c.inChannels[0];
      const outChannels = c.outChannels[1] - c.outChannels[0];
      worst.input = Math.max(
        worst.input,
        4 * n * inChannels * (c.inRows[1] - c.inRows[0]) * whole.inWidth,
      );
      worst.output = Math.max(
        worst.output,
        4 * n * outChannels * (c.outRows[1] - c.outRows[0]) * whole.outWidth,
      );
      worst.weight = Math.max(
        worst.weight,
        4 * outChannels * (whole.transposed ? inChannels / c.problem.groups : inPerGroup) * taps,
      );
    }
    if (worst.input <= limit && worst.output <= limit && worst.weight <= limit) return chunks;
    if (batch > 1) batch = Math.ceil(batch / 2);
    else if (
      channels > outPerGroup &&
      (worst.output > limit || worst.weight > limit || rows <= rowStep)
    )
      channels = Math.max(outPerGroup, Math.floor(channels / outPerGroup / 2) * outPerGroup);
    else if ((worst.output > limit || worst.weight > limit) && channels > 1)
      channels = Math.ceil(Math.min(channels, outPerGroup) / 2);
    else if (rows > rowStep) rows = Math.max(rowStep, Math.floor(rows / 2 / rowStep) * rowStep);
    else if (channels > 1) channels = Math.ceil(Math.min(channels, outPerGroup) / 2);
    else {
      const total = 4 * whole.batch * whole.inChannels * whole.inHeight * whole.inWidth;
      const shape = [whole.batch, whole.inChannels, whole.inHeight, whole.inWidth].join('×');
      throw new ConvTooLargeError(
        `input ${shape} needs ${formatBytes(total)}; this device allows ${formatBytes(maxBytes, true)} ` +
          `per buffer, and its smallest piece (one image, one output channel, ${rowStep} output ` +
          `row${rowStep > 1 ? 's' : ''}) still needs ${formatBytes(Math.max(worst.input, worst.output, worst.weight))}`,
      );
    }
  }

  function enumerate(batchSize: number, channelSize: number, rowSize: number): ConvChunk[] {
    const chunks: ConvChunk[] = [];
    for (const b of spans(whole.batch, batchSize)) {
      for (const co of channelSpans(whole, channelSize)) {
        const firstGroup = Math.floor(co[0] / outPerGroup);
        const groups = Math.floor((co[1] - 1) / outPerGroup) + 1 - firstGroup;
        const ci: Span = [firstGroup * inPerGroup, (firstGroup + groups) * inPerGroup];
        for (const y of spans(outHeight, rowSize)) {
          const inRows = inputRowsFor(whole, y);
          chunks.push({
            problem: {
              ...whole,
              batch: b[1] - b[0],
              inChannels: ci[1] - ci[0],
              outChannels: co[1] - co[0],
              groups,
              inRowBegin: inRows[0],
              inRows: inRows[1] - inRows[0],
              outRowBegin: y[0],
              outRows: y[1] - y[0],
            },
            batch: b,
            inChannels: ci,
            outChannels: co,
            inRows,
            outRows: y,
          });
        }
      }
    }
    return chunks;
  }
}

/** Copies the box [batch] × [channels] × [rows] × all columns out of an NCHW tensor. */
export function sliceNchw(
  data: Float32Array,
  shape: readonly number[],
  batch: Span,
  channels: Span,
  rows: Span,
): Float32Array {
  const [, c, h, w] = shape;
  if (
    batch[0] === 0 &&
    batch[1] === shape[0] &&
    channels[1] - channels[0] === c &&
    rows[1] - rows[0] === h
  )
    return data;
  const rowLength = (rows[1] - rows[0]) * w;
  const out = new Float32Array((batch[1] - batch[0]) * (channels[1] - channels[0]) * rowLength);
  let k = 0;
  for (let n = batch[0]; n < batch[1]; n++)
    for (let ch = channels[0]; ch < channels[1]; ch++) {
      const start = ((n * c + ch) * h + rows[0]) * w;
      out.set(data.subarray(start, start + rowLength), k);
      k += rowLength;
    }
  return out;
}

/** Writes `piece` (the box [batch] × [channels] × [rows] × all columns) into an NCHW tensor. */
export function placeNchw(
  target: Float32Array,
  shape: readonly number[],
  piece: Float32Array,
  batch: Span,
  channels: Span,
  rows: Span,
): void {
  const [, c, h, w] = shape;
  const rowLength = (rows[1] - rows[0]) * w;
  let k = 0;
  for (let n = batch[0]; n < batch[1]; n++)
    for (let ch = channels[0]; ch < channels[1]; ch++) {
      target.set(piece.subarray(k, k + rowLength), ((n * c + ch) * h + rows[0]) * w);
      k += rowLength;
    }
}
