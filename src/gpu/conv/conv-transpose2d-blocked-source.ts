import { BLOCKED_CHANNELS, BLOCKED_PIXELS } from './conv2d-blocked-source.js';
import type { ConvProblem } from './conv-params.js';

/** Invocations the blocked transposed kernel needs: channel blocks × phases × rows × pixel blocks. */
export function blockedTransposeInvocations(problem: ConvProblem): number {
  const [sh, sw] = problem.stride;
  const blocksC = Math.ceil(problem.outChannels / problem.groups / BLOCKED_CHANNELS);
  const rows = Math.ceil(problem.outRows / sh);
  const blocksX = Math.ceil(Math.ceil(problem.outWidth / sw) / BLOCKED_PIXELS);
  return problem.batch * problem.groups * blocksC * sh * sw * rows * blocksX;
}

/**
 * The register-blocked conv_transpose2d kernel for `problem`'s geometry (prepended: the
 * ConvParams prelude, conv-common.wgsl, lib/linear-index.wgsl).
 *
 * By output phase (the sub-pixel decomposition, docs/conv.md): output row y = r + s·j receives tap
 * ky exactly when (r + p − ky·d) ≡ 0 (mod s), from input row j + (r + p − ky·d)/s, so within one
 * phase (r_y, r_x) every pixel takes the same taps and neighbouring pixels j read neighbouring
 * input cells. Each invocation computes BLOCKED_CHANNELS output channels × BLOCKED_PIXELS pixels
 * of one phase along a row (output columns r_x + s·j): one vec4 of sums a pixel, a lane per
 * channel. Per contributing tap and input channel it loads the pixels' input cells and one vec4
 * of weights, then multiply-adds each cell into its pixel's four sums. The tap tests depend only
 * on the phase, so neighbouring invocations agree on them. No workgroup memory, no barrier;
 * the loop over pixels is written out (named registers). The sums run taps outer, channels
 * inner, the order of conv-transpose2d-grouped.wgsl, so a grouped layer split into single-group
 * pieces (which this kernel runs) gives the same bits. Only zero padding exists for a transposed
 * layer. The output band starts at a multiple of the stride (conv-chunks.ts).
 *
 * Dispatch: blockedTransposeInvocations(problem) invocations, WORKGROUP_SIZE a workgroup, folded.
 */
export function convTranspose2dBlockedWgsl(problem: ConvProblem): string {
  const [kernelH, kernelW] = problem.kernel;
  const [strideH, strideW] = problem.stride;
  const [dilationH, dilationW] = problem.dilation;
  const pixels = [...Array(BLOCKED_PIXELS).keys()];
  const lanes = [...Array(BLOCKED_CHANNELS).keys()];
  const P = BLOCKED_PIXELS;
  const C = BLOCKED_CHANNELS;
  const lines: string[] = [];
  const add = (indent: number, text: string) => lines.push(' '.repeat(indent) + text);

  add(0, `const TAPS: i32 = ${kernelH * kernelW};`);
  add(0, '');
  add(0, '@compute @workgroup_size(WORKGROUP_SIZE)');
  add(0, 'fn main(');
  add(2, '@builtin(workgroup_id) workgroup_id: vec3u,');
  add(2, '@builtin(num_workgroups) num_workgroups: vec3u,');
  add(2, '@builtin(local_invocation_index) local_index: u32,');
  add(0, ') {');
  add(2, 'let i = i32(linear_index(workgroup_id, num_workgroups, local_index));');
  add(2, `let blocks_x = ((params.out_width + ${strideW - 1}) / ${strideW} + ${P - 1}) / ${P};`);
  add(2, `let rows_j = (params.out_rows + ${strideH - 1}) / ${strideH};`);
  add(2, `let blocks_c = (params.out_per_group + ${C - 1}) / ${C};`);
  add(2, 'let groups = params.out_channels / params.out_per_group;');
  add(2, `let phases = ${strideH * strideW};`);
  add(
    2,
    'if (i >= params.batch * groups * blocks_c * phases * rows_j * blocks_x) {\n    return;\n  }',
  );
  add(2, 'let bx = i % blocks_x;');
  add(2, 'let rj = (i / blocks_x) % rows_j;');
  add(2, 'let phase = (i / (blocks_x * rows_j)) % phases;');
  add(2, 'let block = (i / (blocks_x * rows_j * phases)) % (groups * blocks_c);');
  add(2, 'let n = i / (blocks_x * rows_j * phases * groups * blocks_c);');
  add(2, `let ry = phase / ${strideW};`);
  add(2, `let rx = phase % ${strideW};`);
  // Band-relative output row, and the first output column of the block.
  add(2, `let row = ry + ${strideH} * rj;`);
  add(2, 'let y = row + params.out_row_begin;');
  add(2, `let x0 = rx + ${strideW} * bx * ${P};`);
  add(2, 'let group = block / blocks_c;');
  add(2, `let cg0 = (block % blocks_c) * ${C};`);
  add(2, 'let co_last = params.out_per_group - 1;');
  // Weight layout [in, out/g, kH, kW]: lanes past the group's last channel repeat it, unwritten.
  add(2, `let w_lane = vec4i(${lanes.map((j) => `min(cg0 + ${j}, co_last)`).join(', ')}) * TAPS;`);
  for (const p of pixels) add(2, `var s${p} = vec4f(0.0);`);
  add(2, `for (var ky = 0; ky < ${kernelH}; ky++) {`);
  add(4, `let oy = y + params.pad_top - ky * ${dilationH};`);
  // y ≡ r_y (mod s): the test is the phase's, the same for every pixel of the invocation.
  add(4, `if (((oy % ${strideH}) + ${strideH}) % ${strideH} != 0) {\n      continue;\n    }`);
  add(4, `let iy = oy / ${strideH};`);
  add(4, 'if (iy < 0 || iy >= params.in_height || !input_row_bound(iy)) {\n      continue;\n    }');
  add(4, `for (var kx = 0; kx < ${kernelW}; kx++) {`);
  add(6, `let ox = x0 + params.pad_left - kx * ${dilationW};`);
  add(6, `if (((ox % ${strideW}) + ${strideW}) % ${strideW} != 0) {\n        continue;\n      }`);
  add(6, `let ix = ox / ${strideW};`);
  for (const p of pixels) {
    add(6, `let in${p} = ix + ${p} >= 0 && ix + ${p} < params.in_width;`);
    add(6, `let cx${p} = clamp(ix + ${p}, 0, params.in_width - 1);`);
  }
  add(6, 'for (var c = 0; c < params.in_per_group; c++) {');
  add(8, 'let cin = group * params.in_per_group + c;');
  add(8, 'let base = input_offset(n, cin, iy, 0);');
  add(8, `let t = cin * params.out_per_group * TAPS + ky * ${kernelW} + kx;`);
  const at = ['x', 'y', 'z', 'w'].map((lane) => `weight[t + w_lane.${lane}]`);
  add(8, `let w = vec4f(${at.join(', ')});`);
  for (const p of pixels) {
    add(8, `let v${p} = select(0.0, input[base + cx${p}], in${p});`);
    add(8, `s${p} = fma(vec4f(v${p}), w, s${p});`);
  }
  add(6, '}');
  add(4, '}');
  add(2, '}');
  add(2, 'if (row >= params.out_rows) {\n    return;\n  }');
  add(2, 'let co0 = group * params.out_per_group + cg0;');
  add(
    2,
    `let b = vec4f(${lanes.map((j) => `bias_of(group * params.out_per_group + min(cg0 + ${j}, co_last))`).join(', ')});`,
  );
  for (const p of pixels) {
    add(2, `if (x0 + ${strideW * p} < params.out_width) {`);
    add(4, `let out${p} = s${p} + b;`);
    for (const j of lanes) {
      add(4, `if (cg0 + ${j} <= co_last) {`);
      add(6, `output[output_offset(n, co0 + ${j}, row, x0 + ${strideW * p})] = out${p}[${j}];`);
      add(4, '}');
    }
    add(2, '}');
  }
  add(0, '}');
  return lines.join('\n');
}
