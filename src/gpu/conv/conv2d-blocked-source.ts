import type { ConvProblem } from './conv-params.js';

/** Output channels one invocation of the blocked conv2d kernel computes: one vec4 of sums. */
export const BLOCKED_CHANNELS = 4;
/** Output pixels, along a row, one invocation of the blocked conv2d kernel computes. */
export const BLOCKED_PIXELS = 8;
/**
 * Output rows one invocation computes where it takes one channel (blockedLanes 1: depthwise and
 * other layers with fewer than 4 output channels a group): each input row segment it loads feeds
 * every one of these rows it contributes to, so a 3×3 layer loads 10 input rows for 8 output rows, not 24.
 */
export const BLOCKED_ROWS = 8;
/** Most input cells per row segment (one register each); wider layers take the tiled kernel. */
export const BLOCKED_MAX_SPAN = 40;

/** Output pixels along a row one invocation computes where it takes one channel and the segment fits. */
export const BLOCKED_ROW_PIXELS = 16;

/** Input cells P outputs of one row read per kernel row: (P − 1)·s + (kW − 1)·d + 1. */
function spanOf(problem: ConvProblem, pixels: number): number {
  return (pixels - 1) * problem.stride[1] + (problem.kernel[1] - 1) * problem.dilation[1] + 1;
}

/**
 * Output pixels along a row one invocation computes: BLOCKED_ROW_PIXELS with one lane
 * (blockedLanes) where that row segment fits in BLOCKED_MAX_SPAN cells, else BLOCKED_PIXELS.
 */
export function blockedPixels(problem: ConvProblem): number {
  return blockedLanes(problem) === 1 && spanOf(problem, BLOCKED_ROW_PIXELS) <= BLOCKED_MAX_SPAN
    ? BLOCKED_ROW_PIXELS
    : BLOCKED_PIXELS;
}

/** Input cells the blockedPixels outputs of one row read per kernel row. */
export function blockedSpan(problem: ConvProblem): number {
  return spanOf(problem, blockedPixels(problem));
}

/**
 * Whether the blocked kernel serves `problem`: conv2d whose row segment of BLOCKED_PIXELS outputs
 * fits in registers.
 */
export function usesBlockedKernel(problem: ConvProblem): boolean {
  return !problem.transposed && spanOf(problem, BLOCKED_PIXELS) <= BLOCKED_MAX_SPAN;
}

/**
 * Output channels one invocation computes for `problem`: BLOCKED_CHANNELS (a vec4 of sums per
 * pixel), or 1 where a group has fewer output channels (depthwise layers), so no lane idles.
 */
export function blockedLanes(problem: ConvProblem): 1 | 4 {
  return problem.outChannels / problem.groups >= BLOCKED_CHANNELS ? 4 : 1;
}

/**
 * Most multiply-adds written out in one row-blocked kernel (8 rows × 16 pixels of a 3×3 layer):
 * larger kernels take fewer rows, so the shader stays quick to compile.
 */
export const BLOCKED_MAX_FMAS = 8 * 16 * 9;

/**
 * Output rows one invocation computes: with one lane BLOCKED_ROWS, fewer for kernels whose
 * rows × pixels × taps exceed BLOCKED_MAX_FMAS (at least 1); with four lanes 1.
 */
export function blockedRows(problem: ConvProblem): number {
  if (blockedLanes(problem) !== 1) return 1;
  const perRow = blockedPixels(problem) * problem.kernel[0] * problem.kernel[1];
  return Math.max(1, Math.min(BLOCKED_ROWS, Math.floor(BLOCKED_MAX_FMAS / perRow)));
}

/** Invocations the blocked kernel needs: one per block of channels × rows × pixels of a row. */
export function blockedInvocations(problem: ConvProblem): number {
  const groups = problem.groups;
  const blocksC = Math.ceil(problem.outChannels / groups / blockedLanes(problem));
  const blocksX = Math.ceil(problem.outWidth / blockedPixels(problem));
  const blocksY = Math.ceil(problem.outRows / blockedRows(problem));
  return problem.batch * groups * blocksC * blocksY * blocksX;
}

/**
 * The register-blocked conv2d kernel for `problem`'s geometry (prepended: the ConvParams prelude,
 * conv-common.wgsl, lib/linear-index.wgsl).
 *
 * Each invocation computes BLOCKED_CHANNELS output channels × BLOCKED_PIXELS neighbouring pixels
 * of one row (one channel where a group has fewer than four: blockedLanes, scalar sums, and then
 * BLOCKED_ROWS rows × blockedPixels pixels, see rowBlockedBody): one vec4
 * of sums per pixel, a lane per channel. Per input channel and
 * kernel row it loads the row segment the pixels share once (SPAN cells), and per tap one vec4 of
 * the four channels' weights; each (cell, weight) pair then feeds a vec4 multiply-add. So a 3×3
 * layer spends 10 input and 12 weight loads on 24 vec4 fmas (192 FLOPs), where the tiled kernel
 * reads workgroup memory once per scalar fma. The padded column of every cell is resolved once
 * per invocation, not per channel; rows are resolved per kernel row. No workgroup memory, no
 * barrier. The kernel width, stride and dilation are baked in: the loops over taps and pixels are
 * written out here, so every sum and cell is a named register (no indexed private arrays,
 * which a software adapter keeps in memory). The sums run over channels, kernel rows and kernel
 * columns in that order, as in conv2d-direct.wgsl, the oracle.
 *
 * Dispatch: blockedInvocations(problem) invocations, WORKGROUP_SIZE a workgroup, folded.
 */
export function conv2dBlockedWgsl(problem: ConvProblem): string {
  const [kernelH, kernelW] = problem.kernel;
  const [strideH, strideW] = problem.stride;
  const [dilationH, dilationW] = problem.dilation;
  const span = blockedSpan(problem);
  const P = blockedPixels(problem);
  const pixels = [...Array(P).keys()];
  const cells = [...Array(span).keys()];
  const C = blockedLanes(problem);
  const lanes = [...Array(C).keys()];
  const R = blockedRows(problem);
  // One lane: scalar sums and weights; four: vec4s, a lane per channel.
  const vec = (parts: string[]) => (C === 1 ? parts[0] : `vec4f(${parts.join(', ')})`);
  const ivec = (parts: string[]) => (C === 1 ? parts[0] : `vec4i(${parts.join(', ')})`);
  const lane = (name: string, j: number) => (C === 1 ? name : `${name}.${'xyzw'[j]}`);
  const lines: string[] = [];
  const add = (indent: number, text: string) => lines.push(' '.repeat(indent) + text);

  add(0, `const KERNEL_H: i32 = ${kernelH};`);
  add(0, `const TAPS: i32 = ${kernelH * kernelW};`);
  add(0, '');
  add(0, '@compute @workgroup_size(WORKGROUP_SIZE)');
  add(0, 'fn main(');
  add(2, '@builtin(workgroup_id) workgroup_id: vec3u,');
  add(2, '@builtin(num_workgroups) num_workgroups: vec3u,');
  add(2, '@builtin(local_invocation_index) local_index: u32,');
  add(0, ') {');
  add(2, 'let i = i32(linear_index(workgroup_id, num_workgroups, local_index));');
  add(2, `let blocks_x = (params.out_width + ${P - 1}) / ${P};`);
  add(2, `let blocks_c = (params.out_per_group + ${C - 1}) / ${C};`);
  add(2, 'let groups = params.out_channels / params.out_per_group;');
  add(2, `let blocks_y = (params.out_rows + ${R - 1}) / ${R};`);
  add(2, 'if (i >= params.batch * groups * blocks_c * blocks_y * blocks_x) {');
  add(4, 'return;');
  add(2, '}');
  // Neighbouring invocations take neighbouring pixel blocks: they share weights and rows.
  add(2, `let x0 = (i % blocks_x) * ${P};`);
  add(2, `let row = ((i / blocks_x) % blocks_y) * ${R};`);
  add(2, 'let block = (i / (blocks_x * blocks_y)) % (groups * blocks_c);');
  add(2, 'let n = i / (blocks_x * blocks_y * groups * blocks_c);');
  add(2, 'let group = block / blocks_c;');
  add(2, `let co0 = group * params.out_per_group + (block % blocks_c) * ${C};`);
  add(2, 'let co_last = (group + 1) * params.out_per_group - 1;');
  // Lanes past the group's last channel read its weights again and are never written.
  add(2, 'let per_channel = params.in_per_group * TAPS;');
  add(2, `let w_base = ${ivec(lanes.map((j) => `min(co0 + ${j}, co_last)`))} * per_channel;`);
  add(2, 'let y = row + params.out_row_begin;');
  add(2, `let left = x0 * ${strideW} - params.pad_left;`);
  // Cells past the row's end feed only pixels past out_width, which are not written.
  for (const e of cells) {
    add(2, `let ix${e} = padded_index(left + ${e}, params.in_width, params.padding_mode);`);
    add(2, `let in${e} = ix${e} >= 0 && ix${e} < params.in_width;`);
    add(2, `let cx${e} = clamp(ix${e}, 0, params.in_width - 1);`);
  }
  if (R > 1) {
    rowBlockedBody(problem, add, cells, pixels, R);
    add(0, '}');
    return lines.join('\n');
  }
  for (const p of pixels) add(2, `var s${p} = ${vec(lanes.map(() => '0.0'))};`);
  add(2, 'for (var c = 0; c < params.in_per_group; c++) {');
  add(4, 'let ci = group * params.in_per_group + c;');
  add(4, 'for (var ky = 0; ky < KERNEL_H; ky++) {');
  add(
    6,
    `let iy = padded_index(y * ${strideH} + ky * ${dilationH} - params.pad_top, params.in_height, params.padding_mode);`,
  );
  add(6, 'if (iy < 0) {');
  add(8, 'continue;');
  add(6, '}');
  add(6, 'let base = input_offset(n, ci, iy, 0);');
  for (const e of cells) add(6, `let v${e} = select(0.0, input[base + cx${e}], in${e});`);
  add(6, `let tap = (c * KERNEL_H + ky) * ${kernelW};`);
  for (let kx = 0; kx < kernelW; kx++) {
    add(6, `let w${kx} = ${vec(lanes.map((j) => `weight[${lane('w_base', j)} + tap + ${kx}]`))};`);
    for (const p of pixels) {
      const v = `v${p * strideW + kx * dilationW}`;
      add(6, `s${p} = fma(${C === 1 ? v : `vec4f(${v})`}, w${kx}, s${p});`);
    }
  }
  add(4, '}');
  add(2, '}');
  add(2, `let b = ${vec(lanes.map((j) => `bias_of(min(co0 + ${j}, co_last))`))};`);
  for (const p of pixels) {
    add(2, `if (x0 + ${p} < params.out_width) {`);
    add(4, `let out${p} = s${p} + b;`);
    for (const j of lanes) {
      add(4, `if (co0 + ${j} <= co_last) {`);
      add(
        6,
        `output[output_offset(n, co0 + ${j}, row, x0 + ${p})] = ${C === 1 ? `out${p}` : `out${p}[${j}]`};`,
      );
      add(4, '}');
    }
    add(2, '}');
  }
  add(0, '}');
  return lines.join('\n');
}

/**
 * The channel loop and writes of the one-lane kernel with R > 1 output rows an invocation (rows
 * row … row + R − 1, of which those past out_rows are computed and not written). Every distinct
 * input row the R rows read, offset o = r·s + ky·d from the first one's top, is resolved and loaded
 * once and feeds each (r, ky) with that offset; per channel the taps' weights are loaded once. For
 * each sum the contributions still come channels, kernel rows, kernel columns in that order (o
 * grows with ky for a fixed r), the oracle's order. Rows outside the bound band feed only rows
 * past out_rows and are skipped, as padded zeros are.
 */
function rowBlockedBody(
  problem: ConvProblem,
  add: (indent: number, text: string) => void,
  cells: number[],
  pixels: number[],
  R: number,
): void {
  const [kernelH, kernelW] = problem.kernel;
  const [strideH, strideW] = problem.stride;
  const [dilationH, dilationW] = problem.dilation;
  const rows = [...Array(R).keys()];
  // Input row offset → the (output row, kernel row) pairs it feeds, offsets ascending.
  const feeds = new Map<number, [number, number][]>();
  for (const r of rows) {
    for (let ky = 0; ky < kernelH; ky++) {
      const o = r * strideH + ky * dilationH;
      feeds.set(o, [...(feeds.get(o) ?? []), [r, ky]]);
    }
  }
  const offsets = [...feeds.keys()].sort((a, b) => a - b);
  for (const r of rows) for (const p of pixels) add(2, `var s${r}_${p} = 0.0;`);
  add(2, `let top = y * ${strideH} - params.pad_top;`);
  add(2, 'for (var c = 0; c < params.in_per_group; c++) {');
  add(4, 'let ci = group * params.in_per_group + c;');
  add(4, 'let tap = c * TAPS;');
  for (let ky = 0; ky < kernelH; ky++) {
    for (let kx = 0; kx < kernelW; kx++) {
      add(4, `let w${ky}_${kx} = weight[w_base + tap + ${ky * kernelW + kx}];`);
    }
  }
  for (const o of offsets) {
    add(4, '{');
    add(6, `let iy = padded_index(top + ${o}, params.in_height, params.padding_mode);`);
    add(6, 'if (iy >= 0 && input_row_bound(iy)) {');
    add(8, 'let base = input_offset(n, ci, iy, 0);');
    for (const e of cells) add(8, `let v${e} = select(0.0, input[base + cx${e}], in${e});`);
    for (const [r, ky] of feeds.get(o)!) {
      for (let kx = 0; kx < kernelW; kx++) {
        for (const p of pixels) {
          add(8, `s${r}_${p} = fma(v${p * strideW + kx * dilationW}, w${ky}_${kx}, s${r}_${p});`);
        }
      }
    }
    add(6, '}');
    add(4, '}');
  }
  add(2, '}');
  add(2, 'let b = bias_of(co0);');
  for (const r of rows) {
    add(2, `if (row + ${r} < params.out_rows) {`);
    for (const p of pixels) {
      add(4, `if (x0 + ${p} < params.out_width) {`);
      add(6, `output[output_offset(n, co0, row + ${r}, x0 + ${p})] = s${r}_${p} + b;`);
      add(4, '}');
    }
    add(2, '}');
  }
}
