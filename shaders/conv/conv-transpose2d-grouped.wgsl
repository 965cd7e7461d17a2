// conv_transpose2d for grouped layers with few channels per group (depthwise among them): the
// transposed twin of conv2d-grouped.wgsl, no workgroup memory and no barrier.
//
// By output phase, as in the blocked transposed kernel: output column x = r + s·j receives tap kx
// exactly when (r + p − kx·d) ≡ 0 (mod s), from input column j + (r + p − kx·d)/s. One invocation
// computes OUT_X outputs of one row, one output channel and one phase r, at consecutive j: the same
// taps contribute to all of them, from consecutive input cells, so each tap is read once for OUT_X
// sums and no pixel tests its own taps. Rows are gathered per output row as in the direct kernel.
// conv-transpose2d-direct.wgsl stays its oracle.
//
// Prepended by src/gpu/conv/conv-kernels.ts: the ConvParams prelude, then `const` OUT_X,
// KERNEL_H, KERNEL_W, STRIDE_H, STRIDE_W, DILATION_H, DILATION_W, conv-common.wgsl and
// lib/linear-index.wgsl. Weight layout [in, out/g, kH, kW].
// Dispatch: ceil(batch · out_channels · out_rows · STRIDE_W · ⌈⌈out_width / STRIDE_W⌉ / OUT_X⌉
// / WORKGROUP_SIZE) workgroups, folded.

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(
  @builtin(workgroup_id) workgroup_id: vec3u,
  @builtin(num_workgroups) num_workgroups: vec3u,
  @builtin(local_invocation_index) local_index: u32,
) {
  let i = i32(linear_index(workgroup_id, num_workgroups, local_index));
  let blocks_x = ((params.out_width + STRIDE_W - 1) / STRIDE_W + OUT_X - 1) / OUT_X;
  let per_row = blocks_x * STRIDE_W;
  if (i >= params.batch * params.out_channels * params.out_rows * per_row) {
    return;
  }
  let j0 = (i % blocks_x) * OUT_X;
  let phase = (i / blocks_x) % STRIDE_W;
  let row = (i / per_row) % params.out_rows;
  let co = (i / (per_row * params.out_rows)) % params.out_channels;
  let n = i / (per_row * params.out_rows * params.out_channels);
  let group = co / params.out_per_group;
  let co_in_group = co % params.out_per_group;
  let y = row + params.out_row_begin;
  var sums: array<f32, OUT_X>;
  // Taps outer, channels inner: the order the blocked transposed kernel sums in
  // (src/gpu/conv/conv-transpose2d-blocked-source.ts), so a layer split into single-group pieces
  // (which that kernel runs) gives bit-identical results.
  for (var ky = 0; ky < KERNEL_H; ky++) {
    let ty = y + params.pad_top - ky * DILATION_H;
    if (ty < 0 || ty % STRIDE_H != 0 || ty / STRIDE_H >= params.in_height) {
      continue;
    }
    for (var kx = 0; kx < KERNEL_W; kx++) {
      let ox = phase + params.pad_left - kx * DILATION_W;
      if (((ox % STRIDE_W) + STRIDE_W) % STRIDE_W != 0) {
        continue;
      }
      let ix0 = j0 + ox / STRIDE_W;
      for (var c = 0; c < params.in_per_group; c++) {
        let ci = group * params.in_per_group + c;
        let base = input_offset(n, ci, ty / STRIDE_H, 0);
        let w = weight[((ci * params.out_per_group + co_in_group) * KERNEL_H + ky) * KERNEL_W + kx];
        for (var p = 0; p < OUT_X; p++) {
          let ix = ix0 + p;
          let inside = ix >= 0 && ix < params.in_width;
          sums[p] = fma(w, select(0.0, input[base + clamp(ix, 0, params.in_width - 1)], inside), sums[p]);
        }
      }
    }
  }
  let b = bias_of(co);
  for (var p = 0; p < OUT_X; p++) {
    let x = phase + STRIDE_W * (j0 + p);
    if (x < params.out_width) {
      output[output_offset(n, co, row, x)] = sums[p] + b;
    }
  }
}
