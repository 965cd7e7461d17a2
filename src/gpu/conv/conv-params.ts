import type { PaddingMode, Pair } from '../../core/conv/conv-config.js';

/**
 * One convolution as a kernel sees it: a whole tensor, or one chunk of a split one (a batch range,
 * a channel range as a smaller grouped convolution, a band of output rows). Rows are counted in
 * whole-tensor coordinates; the input binding holds rows [inRowBegin, inRowBegin + inRows).
 */
export interface ConvProblem {
  transposed: boolean;
  batch: number;
  inChannels: number;
  /** Height of the whole input: padding and bounds refer to it. */
  inHeight: number;
  inWidth: number;
  inRowBegin: number;
  inRows: number;
  outChannels: number;
  outWidth: number;
  outRowBegin: number;
  outRows: number;
  groups: number;
  kernel: Pair;
  stride: Pair;
  dilation: Pair;
  /** Padding before the first row and column (the 'same' rule's extra cell goes after, where no index needs it). */
  padTop: number;
  padLeft: number;
  paddingMode: PaddingMode;
  hasBias: boolean;
}

/** Mode ids as the kernels' padded_index() switches on them (emitted into WGSL from here). */
const PADDING_MODE_IDS: Record<PaddingMode, number> = {
  zeros: 0,
  reflect: 1,
  replicate: 2,
  circular: 3,
};

/** The uniform struct, field by field in layout order; each is an i32, so field k sits at byte 4k. */
const PARAM_FIELDS: readonly [string, (p: ConvProblem) => number][] = [
  ['batch', (p) => p.batch],
  ['in_channels', (p) => p.inChannels],
  ['in_height', (p) => p.inHeight],
  ['in_width', (p) => p.inWidth],
  ['in_row_begin', (p) => p.inRowBegin],
  ['in_rows', (p) => p.inRows],
  ['out_channels', (p) => p.outChannels],
  ['out_width', (p) => p.outWidth],
  ['out_row_begin', (p) => p.outRowBegin],
  ['out_rows', (p) => p.outRows],
  ['in_per_group', (p) => p.inChannels / p.groups],
  ['out_per_group', (p) => p.outChannels / p.groups],
  ['kernel_h', (p) => p.kernel[0]],
  ['kernel_w', (p) => p.kernel[1]],
  ['stride_h', (p) => p.stride[0]],
  ['stride_w', (p) => p.stride[1]],
  ['dilation_h', (p) => p.dilation[0]],
  ['dilation_w', (p) => p.dilation[1]],
  ['pad_top', (p) => p.padTop],
  ['pad_left', (p) => p.padLeft],
  ['padding_mode', (p) => PADDING_MODE_IDS[p.paddingMode]],
  ['has_bias', (p) => (p.hasBias ? 1 : 0)],
];

/** Uniform buffer size: the fields rounded up to 16 bytes, as uniform structs are. */
export const CONV_PARAMS_BYTES = Math.ceil((PARAM_FIELDS.length * 4) / 16) * 16;

/** WGSL that every conv kernel starts with: `struct ConvParams` and the PADDING_* ids. */
export const CONV_PARAMS_WGSL = [
  `struct ConvParams {\n${PARAM_FIELDS.map(([name]) => `  ${name}: i32,`).join('\n')}\n}`,
  ...Object.entries(PADDING_MODE_IDS).map(
    ([mode, id]) => `const PADDING_${mode.toUpperCase()}: i32 = ${id};`,
  ),
].join('\n');

/** The uniform buffer's bytes for `problem`. */
export function packConvParams(problem: ConvProblem): Int32Array<ArrayBuffer> {
  const data = new Int32Array(CONV_PARAMS_BYTES / 4);
  PARAM_FIELDS.forEach(([, value], k) => (data[k] = value(problem)));
  return data;
}
