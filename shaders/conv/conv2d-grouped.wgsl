// conv2d for grouped layers with few channels per group (depthwise: groups = C, in/g = 1), where
// the tiled kernel's channel slice and output-channel block would be one wide: a workgroup would
// stage a patch and synchronise twice for kH·kW multiply-adds per invocation. Here there is no
// workgroup memory and no barrier: each invocation computes OUT_X neighbouring output pixels of
// one row and one output channel, loading each input row segment they share once into registers
// (`cells`, SPAN = (OUT_X − 1)·s + (kW − 1)·d + 1 values) and each tap once for all OUT_X sums.
// conv2d-direct.wgsl stays its oracle.
//
// Prepended by src/gpu/conv/conv-kernels.ts: the ConvParams prelude, then `const` OUT_X, SPAN,
// KERNEL_H, KERNEL_W, STRIDE_H, STRIDE_W, DILATION_H, DILATION_W (constants, so the loops unroll
// and `cells` / `sums` stay in registers), conv-common.wgsl and lib/linear-index.wgsl.
// Dispatch: ceil(batch · out_channels · out_rows · ⌈out_width / OUT_X⌉ / WORKGROUP_SIZE)
// workgroups, folded.

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(
  @builtin(workgroup_id) workgroup_id: vec3u,
  @builtin(num_workgroups) num_workgroups: vec3u,
  @builtin(local_invocation_index) local_index: u32,
) {
  let i = i32(linear_index(workgroup_id, num_workgroups, local_index));
  let blocks_x = (params.out_width + OUT_X - 1) / OUT_X;
  if (i >= params.batch * params.out_channels * params.out_rows * blocks_x) {
    return;
  }
  let x0 = (i % blocks_x) * OUT_X;
  let row = (i / blocks_x) % params.out_rows;
  let co = (i / (blocks_x * params.out_rows)) % params.out_channels;
  let n = i / (blocks_x * params.out_rows * params.out_channels);
  let group = co / params.out_per_group;
  let y = row + params.out_row_begin;
  let left = x0 * STRIDE_W - params.pad_left;
  var sums: array<f32, OUT_X>;
  var cells: array<f32, SPAN>;
  for (var c = 0; c < params.in_per_group; c++) {
    let ci = group * params.in_per_group + c;
    for (var ky = 0; ky < KERNEL_H; ky++) {
      let iy = padded_index(y * STRIDE_H + ky * DILATION_H - params.pad_top, params.in_height, params.padding_mode);
      if (iy < 0) {
        continue;
      }
      let base = input_offset(n, ci, iy, 0);
      // Cells past the row's end feed only pixels past out_width, which are not written.
      for (var e = 0; e < SPAN; e++) {
        let ix = padded_index(left + e, params.in_width, params.padding_mode);
        let inside = ix >= 0 && ix < params.in_width;
        cells[e] = select(0.0, input[base + clamp(ix, 0, params.in_width - 1)], inside);
      }
      let taps = ((co * params.in_per_group + c) * KERNEL_H + ky) * KERNEL_W;
      for (var kx = 0; kx < KERNEL_W; kx++) {
        let w = weight[taps + kx];
        for (var p = 0; p < OUT_X; p++) {
          sums[p] = fma(w, cells[p * STRIDE_W + kx * DILATION_W], sums[p]);
        }
      }
    }
  }
  let b = bias_of(co);
  for (var p = 0; p < OUT_X; p++) {
    if (x0 + p < params.out_width) {
      output[output_offset(n, co, row, x0 + p)] = sums[p] + b;
    }
  }
}
