// conv2d, tiled (the fast path; conv2d-direct.wgsl is its oracle). Frame, bindings and dispatch:
// conv-tiled-common.wgsl. The patch of a TILE_W × TILE_H output tile spans
// (TILE − 1)·s + (k − 1)·d + 1 input cells per axis; padding (any mode) is resolved while
// staging it, so the inner loop is only multiply-adds from workgroup memory.
// Prepended: the ConvParams prelude with CO_BLOCK, conv-common.wgsl, conv-tiled-common.wgsl.

// Weight layout [out, in/g, kH, kW].
fn weight_offset(group: i32, co_in_group: i32, c: i32) -> i32 {
  return ((group * params.out_per_group + co_in_group) * params.in_per_group + c) * TAPS;
}

@compute @workgroup_size(TILE_W, TILE_H)
fn main(
  @builtin(workgroup_id) workgroup_id: vec3u,
  @builtin(num_workgroups) num_workgroups: vec3u,
  @builtin(local_invocation_id) local_id: vec3u,
  @builtin(local_invocation_index) local_index: u32,
) {
  let tiles_x = (params.out_width + TILE_W - 1) / TILE_W;
  let tiles_y = (params.out_rows + TILE_H - 1) / TILE_H;
  let tile = locate_tile(workgroup_id, num_workgroups, tiles_x, tiles_y, 1);
  if (!tile.valid) {
    return;
  }
  let local = i32(local_index);
  let tx = i32(local_id.x);
  let ty = i32(local_id.y);
  let row0 = tile.y * TILE_H;
  let x0 = tile.x * TILE_W;
  let origin = vec2i(
    x0 * STRIDE_W - params.pad_left,
    (row0 + params.out_row_begin) * STRIDE_H - params.pad_top,
  );
  var sums: array<f32, CO_BLOCK>;
  for (var c0 = 0; c0 < params.in_per_group; c0 += CI_TILE) {
    stage_patch(local, tile, c0, origin);
    stage_taps(local, tile, c0);
    workgroupBarrier();
    let slice = min(CI_TILE, params.in_per_group - c0);
    for (var c = 0; c < slice; c++) {
      for (var ky = 0; ky < KERNEL_H; ky++) {
        let base = (c * PATCH_H + ty * STRIDE_H + ky * DILATION_H) * PATCH_W + tx * STRIDE_W;
        for (var kx = 0; kx < KERNEL_W; kx++) {
          accumulate(&sums, tile_input[base + kx * DILATION_W], c, ky * KERNEL_W + kx);
        }
      }
    }
    workgroupBarrier();
  }
  write_sums(sums, tile, row0 + ty, x0 + tx);
}
