// The floor for `npm run bench`'s game sweep: simultaneous GDA on f = x·y, x' = x + η·y,
// y' = y − η·x, iterated in registers with nothing else — no escape test, no metrics. The
// sweep kernel (game-sweep.wgsl) plays the same games; the ratio of the two rates is what
// its bookkeeping costs. Prepended: lib/linear-index.wgsl (folded dispatch).
//
// Bindings: 0 — config: uniform (nx, steps); 1 — lr per column; 2 — x0 per row (y0 = 1);
//           3 — out: one f32 per game, written so the loop cannot be dropped.
// Dispatch: ceil(games / WORKGROUP_SIZE) workgroups through foldWorkgroups.

@group(0) @binding(0) var<uniform> config: vec2u;
@group(0) @binding(1) var<storage, read> lr: array<f32>;
@group(0) @binding(2) var<storage, read> x0: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(
  @builtin(workgroup_id) workgroup_id: vec3u,
  @builtin(num_workgroups) num_workgroups: vec3u,
  @builtin(local_invocation_index) local_index: u32,
) {
  let i = linear_index(workgroup_id, num_workgroups, local_index);
  if (i >= arrayLength(&out)) {
    return;
  }
  let eta = lr[i % config.x];
  var x = x0[i / config.x];
  var y = 1.0f;
  for (var k = 0u; k < config.y; k++) {
    let next_x = x + eta * y;
    y = y - eta * x;
    x = next_x;
  }
  out[i] = x + y;
}
