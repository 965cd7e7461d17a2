// conv_transpose2d, tiled by output phase (sub-pixel decomposition; the fast path, with
// conv-transpose2d-direct.wgsl as its oracle). Frame, bindings and dispatch: conv-tiled-common.wgsl.
//
// Output row y = r + s·j has phase r = y mod s. It receives tap ky exactly when
// (r + p − ky·d) ≡ 0 (mod s), from input row iy = j + (r + p − ky·d)/s — so within one phase
// the taps that contribute are the same for every pixel and the input rows are consecutive. A
// workgroup takes one phase (r_y, r_x) and a TILE_H × TILE_W tile of j: its patch is
// TILE + ⌊(k − 1)·d / s⌋ + 1 input cells per axis, rows outside the input staged as zeros, and
// its loop skips the other phases' taps without a per-pixel test (no divergence).
// The output band must start at a multiple of the stride (src/gpu/conv/conv-chunks.ts keeps it so).
// Prepended: the ConvParams prelude with CO_BLOCK, conv-common.wgsl, conv-tiled-common.wgsl.

// Weight layout [in, out/g, kH, kW].
fn weight_offset(group: i32, co_in_group: i32, c: i32) -> i32 {
  return ((group * params.in_per_group + c) * params.out_per_group + co_in_group) * TAPS;
}

@compute @workgroup_size(TILE_W, TILE_H)
fn main(
  @builtin(workgroup_id) workgroup_id: vec3u,
  @builtin(num_workgroups) num_workgroups: vec3u,
  @builtin(local_invocation_id) local_id: vec3u,
  @builtin(local_invocation_index) local_index: u32,
) {
  // Pixels of one phase: ⌈size / s⌉ per axis (the last may fall outside; write_sums skips it).
  let tiles_x = ((params.out_width + STRIDE_W - 1) / STRIDE_W + TILE_W - 1) / TILE_W;
  let tiles_y = ((params.out_rows + STRIDE_H - 1) / STRIDE_H + TILE_H - 1) / TILE_H;
  let tile = locate_tile(workgroup_id, num_workgroups, tiles_x, tiles_y, STRIDE_H * STRIDE_W);
  if (!tile.valid) {
    return;
  }
  let local = i32(local_index);
  let tx = i32(local_id.x);
  let ty = i32(local_id.y);
  // Vectors are (column, row) throughout.
  let phase = vec2i(tile.phase % STRIDE_W, tile.phase / STRIDE_W);
  let pad = vec2i(params.pad_left, params.pad_top);
  // The tile's first j per axis, in whole-tensor coordinates.
  let j0 = vec2i(tile.x * TILE_W, tile.y * TILE_H + params.out_row_begin / STRIDE_H);
  // Input offset of the highest tap: (r + p − (k − 1)·d) / s, rounded down.
  let lowest = vec2i(
    floor_div(phase.x + pad.x - (KERNEL_W - 1) * DILATION_W, STRIDE_W),
    floor_div(phase.y + pad.y - (KERNEL_H - 1) * DILATION_H, STRIDE_H),
  );
  var sums: array<f32, CO_BLOCK>;
  for (var c0 = 0; c0 < params.in_per_group; c0 += CI_TILE) {
    stage_patch(local, tile, c0, j0 + lowest);
    stage_taps(local, tile, c0);
    workgroupBarrier();
    let slice = min(CI_TILE, params.in_per_group - c0);
    for (var ky = 0; ky < KERNEL_H; ky++) {
      let oy = phase.y + pad.y - ky * DILATION_H;
      if (((oy % STRIDE_H) + STRIDE_H) % STRIDE_H != 0) {
        continue;
      }
      let patch_row = ty + oy / STRIDE_H - lowest.y;
      for (var kx = 0; kx < KERNEL_W; kx++) {
        let ox = phase.x + pad.x - kx * DILATION_W;
        if (((ox % STRIDE_W) + STRIDE_W) % STRIDE_W != 0) {
          continue;
        }
        let patch_col = tx + ox / STRIDE_W - lowest.x;
        for (var c = 0; c < slice; c++) {
          accumulate(&sums, tile_input[(c * PATCH_H + patch_row) * PATCH_W + patch_col], c, ky * KERNEL_W + kx);
        }
      }
    }
    workgroupBarrier();
  }
  let row = phase.y + STRIDE_H * (tile.y * TILE_H + ty);
  write_sums(sums, tile, row, phase.x + STRIDE_W * (j0.x + tx));
}
