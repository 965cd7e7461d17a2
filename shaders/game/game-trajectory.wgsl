// Game trajectories: one invocation plays one game step by step and records every point, for
// plots. The same composed pieces as game-sweep.wgsl (src/gpu/game/game-kernel-source.ts), with every
// step checked by exact_step, so a trajectory ends where simulateGame's recorded one does.
//
// Bindings (group 0):
//   0 list    — uniform TrajectoryList: `count` games of up to `steps` steps each.
//   1 params  — CELL_SIZE f32s per game, in Cell order.
//   2 points  — (steps + 1) points (x, y) per game: the start, then every committed step.
//   3 lengths — the number of points written for each game.
// Dispatch: ceil(count / WORKGROUP_SIZE) workgroups, folded by foldWorkgroups.

@group(0) @binding(0) var<uniform> list: TrajectoryList;
@group(0) @binding(1) var<storage, read> params: array<f32>;
@group(0) @binding(2) var<storage, read_write> points: array<f32>;
@group(0) @binding(3) var<storage, read_write> lengths: array<u32>;

fn list_cell(g: u32) -> Cell {
  var v: array<f32, CELL_SIZE>;
  for (var j = 0u; j < CELL_SIZE; j++) {
    v[j] = params[g * CELL_SIZE + j];
  }
  return make_cell(v);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn trajectory(
  @builtin(workgroup_id) workgroup_id: vec3u,
  @builtin(num_workgroups) num_workgroups: vec3u,
  @builtin(local_invocation_index) local_index: u32,
) {
  let g = linear_index(workgroup_id, num_workgroups, local_index);
  if (g >= list.count) {
    return;
  }
  let c = list_cell(g);
  var run = start_run(c);
  let base = g * (list.steps + 1u) * 2u;
  points[base] = run.s.x;
  points[base + 1u] = run.s.y;
  var length = 1u;
  for (var step = 1u; step <= list.steps && !run.stopped; step++) {
    exact_step(&run, c, step);
    if (run.k == step) {
      points[base + 2u * length] = run.s.x;
      points[base + 2u * length + 1u] = run.s.y;
      length += 1u;
    }
  }
  lengths[g] = length;
}
