// The frame of the tiled conv2d kernel (conv2d-tiled.wgsl), which serves the layers whose row
// segments are too long for the blocked kernel's registers (src/gpu/conv/conv2d-blocked-source.ts).
//
// A workgroup of TILE_W × TILE_H invocations computes a tile of TILE_W × TILE_H output pixels
// for CO_BLOCK output channels of one group: each invocation keeps CO_BLOCK sums in registers.
// Input channels go through in slices of CI_TILE: the workgroup first copies the input patch (`tile_input`)
// the tile reads (CI_TILE × PATCH_H × PATCH_W, padding already applied) and the slice's weights
// (CO_BLOCK × CI_TILE × kH·kW) into workgroup memory, then every invocation reads only from there.
// Each kernel file defines weight_offset() and where its patch starts.
//
// Tile sizes and the kernel geometry are override constants without defaults, all set from
// src/gpu/conv/conv-kernels.ts (so a missing one fails pipeline creation), which also sizes CI_TILE to
// the device's workgroup memory; CO_BLOCK is a `const` it prepends, because the per-invocation
// accumulator array needs a constant length.
// Dispatch: tiles_x · tiles_y · phases · groups · ceil(out_per_group / CO_BLOCK) · batch
// workgroups (phases = 1), folded into 3-D; workgroups past the end return at once.

override TILE_W: i32;
override TILE_H: i32;
override CI_TILE: i32;
override KERNEL_H: i32;
override KERNEL_W: i32;
override STRIDE_H: i32;
override STRIDE_W: i32;
override DILATION_H: i32;
override DILATION_W: i32;
override TAPS: i32 = KERNEL_H * KERNEL_W;
// Patch extent per axis and the two workgroup arrays' lengths, computed once in TypeScript
// (which needs them to fit CI_TILE into workgroup memory).
override PATCH_H: i32;
override PATCH_W: i32;
override PATCH_SIZE: i32;
override TAP_TILE_SIZE: i32;

var<workgroup> tile_input: array<f32, PATCH_SIZE>;
var<workgroup> taps: array<f32, TAP_TILE_SIZE>;

struct Tile {
  x: i32,
  y: i32,
  phase: i32,
  group: i32,
  /** First output channel of the block, counted within the group. */
  co0: i32,
  n: i32,
  valid: bool,
}

fn blocks_per_group() -> i32 {
  return (params.out_per_group + CO_BLOCK - 1) / CO_BLOCK;
}

fn locate_tile(workgroup_id: vec3u, num_workgroups: vec3u, tiles_x: i32, tiles_y: i32, phases: i32) -> Tile {
  let wg = i32(workgroup_id.x + num_workgroups.x * (workgroup_id.y + num_workgroups.y * workgroup_id.z));
  let groups = params.out_channels / params.out_per_group;
  let blocks = groups * blocks_per_group();
  var tile: Tile;
  tile.valid = wg < tiles_x * tiles_y * phases * blocks * params.batch;
  tile.x = wg % tiles_x;
  tile.y = (wg / tiles_x) % tiles_y;
  tile.phase = (wg / (tiles_x * tiles_y)) % phases;
  let block = (wg / (tiles_x * tiles_y * phases)) % blocks;
  tile.n = wg / (tiles_x * tiles_y * phases * blocks);
  tile.group = block / blocks_per_group();
  tile.co0 = (block % blocks_per_group()) * CO_BLOCK;
  return tile;
}

// Copies input channels [c0, c0 + CI_TILE) of the patch whose first cell is `origin` (column, row of
// the unpadded input, may be negative) into `tile_input`, resolving padding as it goes: cells
// outside the input, or outside the bound row band, stage as zeros under 'zeros' padding, the only
// mode a transposed layer accepts.
fn stage_patch(local: i32, tile: Tile, c0: i32, origin: vec2i) {
  for (var e = local; e < PATCH_SIZE; e += TILE_W * TILE_H) {
    let c = e / (PATCH_H * PATCH_W);
    let iy = padded_index(origin.y + (e / PATCH_W) % PATCH_H, params.in_height, params.padding_mode);
    let ix = padded_index(origin.x + e % PATCH_W, params.in_width, params.padding_mode);
    var v = 0.0;
    if (c0 + c < params.in_per_group && iy >= 0 && ix >= 0 && input_row_bound(iy)) {
      v = input[input_offset(tile.n, tile.group * params.in_per_group + c0 + c, iy, ix)];
    }
    tile_input[e] = v;
  }
}

// Copies the weights of input channels [c0, c0 + CI_TILE) of the block into `taps`, zeros past the ends.
fn stage_taps(local: i32, tile: Tile, c0: i32) {
  for (var e = local; e < TAP_TILE_SIZE; e += TILE_W * TILE_H) {
    let j = e / (CI_TILE * TAPS);
    let c = (e / TAPS) % CI_TILE;
    var w = 0.0;
    if (tile.co0 + j < params.out_per_group && c0 + c < params.in_per_group) {
      w = weight[weight_offset(tile.group, tile.co0 + j, c0 + c) + e % TAPS];
    }
    taps[e] = w;
  }
}

// Adds patch value `v` times tap `t` of channel slot `c` to every sum of the block.
fn accumulate(sums: ptr<function, array<f32, CO_BLOCK>>, v: f32, c: i32, t: i32) {
  for (var j = 0; j < CO_BLOCK; j++) {
    (*sums)[j] = fma(taps[(j * CI_TILE + c) * TAPS + t], v, (*sums)[j]);
  }
}

// Writes the block's sums for the pixel at band row `row`, column `x`, if it exists.
fn write_sums(sums: array<f32, CO_BLOCK>, tile: Tile, row: i32, x: i32) {
  if (row >= params.out_rows || x >= params.out_width) {
    return;
  }
  for (var j = 0; j < CO_BLOCK; j++) {
    if (tile.co0 + j < params.out_per_group) {
      let co = tile.group * params.out_per_group + tile.co0 + j;
      output[output_offset(tile.n, co, row, x)] = sums[j] + bias_of(co);
    }
  }
}
