// The game sweep: one invocation plays one cell's game for one chunk of steps.
//
// Composed by src/gpu/game/game-kernel-source.ts: lib/linear-index.wgsl, the expression prelude, the
// generated header (Cell, State, Chunk, plane indices), the game's emitted field, the method,
// game-play.wgsl, then this file. Run by src/gpu/game/game-sweep-runner.ts.
//
// Bindings (group 0):
//   0 chunk   — uniform Chunk: which cells (first_cell .. first_cell + count) and which steps
//               (step_from .. step_to of `steps`) this dispatch plays; nx = cells per row.
//   1 params  — the spec's numeric parameters, CELL_SIZE f32s in Cell order.
//   2 axis_x, 3 axis_y — the axes' values; the override constants SWEEP_SLOT_X / SWEEP_SLOT_Y
//               say which Cell slot each overwrites (cell index = iy·nx + ix).
//   4 runs    — the games' full state between chunks, RUN_PLANES planes of `count` u32s
//               (f32s stored by bit pattern): State's fields, then max_r2, max_r, k,
//               escape_step, stopped.
//   5 metrics — written by the last chunk: METRIC_PLANES planes of `count` f32s.
// Dispatch: ceil(count / WORKGROUP_SIZE) workgroups, folded by foldWorkgroups.
//
// Within a chunk the state stays in registers. Steps run in blocks of BLOCK with only
// radius² max/min tracking (or, without maxRadius — TRACK_MAX_RADIUS false — a max(|x|, |y|)
// bound); a block that might have stopped a game (radius² near the escape radius, below the
// convergence trigger, or a non-finite end state) is discarded and replayed step by step with
// exact_step, so the fast path never changes a result.
// Only the planes the sweep asked for are written (STORE_<PLANE>); every plane keeps its place.

override SWEEP_SLOT_X: u32;
override SWEEP_SLOT_Y: u32;

// 32: on SwiftShader a block's own control flow costs about what its steps do at 8 (sweep kernel
// / bare loop 0.2–0.4 in `npm run bench`), and far less at 32 (0.65–0.85); a chunk's last
// steps short of a block, at most 31, run one by one.
const BLOCK = 32u;
// Far above CONVERGED_RADIUS² (which underflows f32), yet a normal f32: below it a block replays.
const CONVERGE_TRIGGER_R2 = 1e-36f;
// Fast blocks stop short of the escape radius by a margin that covers radius² rounding.
const ESCAPE_TRIGGER_MARGIN = 0.999f;
// The least max(|x|, |y|) a fast block without radius² accepts (1e-29 > CONVERGED_RADIUS), as bits.
const LOW_BITS = bitcast<u32>(1e-29f);

@group(0) @binding(0) var<uniform> chunk: Chunk;
@group(0) @binding(1) var<storage, read> params: array<f32>;
@group(0) @binding(2) var<storage, read> axis_x: array<f32>;
@group(0) @binding(3) var<storage, read> axis_y: array<f32>;
@group(0) @binding(4) var<storage, read_write> runs: array<u32>;
@group(0) @binding(5) var<storage, read_write> metrics: array<f32>;

fn sweep_cell(ix: u32, iy: u32) -> Cell {
  var v: array<f32, CELL_SIZE>;
  for (var j = 0u; j < CELL_SIZE; j++) {
    v[j] = params[j];
  }
  v[SWEEP_SLOT_X] = axis_x[ix];
  v[SWEEP_SLOT_Y] = axis_y[iy];
  return make_cell(v);
}

fn load_run(g: u32, n: u32) -> Run {
  var v: array<f32, STATE_FIELDS>;
  for (var f = 0u; f < STATE_FIELDS; f++) {
    v[f] = bitcast<f32>(runs[f * n + g]);
  }
  return Run(
    make_state(v),
    bitcast<f32>(runs[PLANE_MAX_R2 * n + g]),
    bitcast<f32>(runs[PLANE_MAX_R * n + g]),
    runs[PLANE_K * n + g],
    bitcast<i32>(runs[PLANE_ESCAPE_STEP * n + g]),
    runs[PLANE_STOPPED * n + g] != 0u,
  );
}

fn store_run(g: u32, n: u32, run: Run) {
  let v = state_values(run.s);
  for (var f = 0u; f < STATE_FIELDS; f++) {
    runs[f * n + g] = bitcast<u32>(v[f]);
  }
  runs[PLANE_MAX_R2 * n + g] = bitcast<u32>(run.max_r2);
  runs[PLANE_MAX_R * n + g] = bitcast<u32>(run.max_r);
  runs[PLANE_K * n + g] = run.k;
  runs[PLANE_ESCAPE_STEP * n + g] = bitcast<u32>(run.escape_step);
  runs[PLANE_STOPPED * n + g] = select(0u, 1u, run.stopped);
}

// Writes the planes the sweep asked for (STORE_<PLANE>, from the generated header).
fn store_metrics(g: u32, n: u32, run: Run, c: Cell) {
  if (STORE_FINAL_X) { metrics[METRIC_FINAL_X * n + g] = finite_or_max(run.s.x); }
  if (STORE_FINAL_Y) { metrics[METRIC_FINAL_Y * n + g] = finite_or_max(run.s.y); }
  if (STORE_RADIUS) { metrics[METRIC_RADIUS * n + g] = finite_or_max(radius(run.s.x, run.s.y)); }
  if (STORE_GROWTH_RATE) { metrics[METRIC_GROWTH_RATE * n + g] = growth_rate(run, c); }
  if (STORE_MAX_RADIUS) { metrics[METRIC_MAX_RADIUS * n + g] = finite_or_max(max_radius(run)); }
  if (STORE_ESCAPE_STEP) { metrics[METRIC_ESCAPE_STEP * n + g] = f32(run.escape_step); }
  if (STORE_FATE) { metrics[METRIC_FATE * n + g] = f32(fate(run, c)); }
  if (STORE_STEPS_RUN) { metrics[METRIC_STEPS_RUN * n + g] = f32(steps_run(run)); }
}

// The game's fate, as fateOf in src/core/games/sweep-metrics.ts: diverged if it escaped or grew
// faster than the neutral band δ(k) = FATE_LOG_RATIO/k + FATE_ROUNDING_PER_STEP, converged if it
// reached CONVERGED_RADIUS or shrank faster than −δ(k), bounded otherwise (and when k = 0). Only
// what every run already keeps: the escape step, the last state and k.
fn fate(run: Run, c: Cell) -> u32 {
  if (run.escape_step >= 0) {
    return FATE_DIVERGED;
  }
  if (radius(run.s.x, run.s.y) < CONVERGED_RADIUS) {
    return FATE_CONVERGED;
  }
  if (run.k == 0u) {
    return FATE_BOUNDED;
  }
  let band = FATE_LOG_RATIO / f32(run.k) + FATE_ROUNDING_PER_STEP;
  let rate = growth_rate(run, c);
  if (rate > band) {
    return FATE_DIVERGED;
  }
  if (rate < -band) {
    return FATE_CONVERGED;
  }
  return FATE_BOUNDED;
}

// |x| and |y| as bit patterns order as their values do, with ∞ and NaN above every finite
// value: the larger of the two, the bound sweep_block checks each step by.
fn magnitude_bits(x: f32, y: f32) -> u32 {
  return max(bitcast<u32>(x) & 0x7fffffffu, bitcast<u32>(y) & 0x7fffffffu);
}

// Plays steps step_from + 1 .. step_to of a running game.
fn advance(run: ptr<function, Run>, c: Cell, step_from: u32, step_to: u32) {
  let escape = min(c.escapeRadius, SQUARABLE_RADIUS);
  let escape_trigger = escape * escape * ESCAPE_TRIGGER_MARGIN;
  // Without max-radius tracking: a block stands when every step's max(|x|, |y|) is at least
  // 1e-29 (so r ≥ 1e-29 > CONVERGED_RADIUS) and below 0.7·escape (so r ≤ √2·m, rounded, stays
  // below the escape radius); otherwise it is replayed, so either test gives the same games.
  let high_bits = bitcast<u32>(c.escapeRadius * 0.7f);
  let band_bits = select(0u, high_bits - LOW_BITS, c.escapeRadius > 0.0 && high_bits > LOW_BITS);
  var step = step_from;
  loop {
    if ((*run).stopped || step >= step_to) {
      break;
    }
    if (step_to - step >= BLOCK) {
      var s = (*run).s;
      var safe: bool;
      if (TRACK_MAX_RADIUS) {
        var most = 0.0f;
        var least = FLT_MAX;
        for (var j = 0u; j < BLOCK; j++) {
          s = method_step(s, c);
          let r2 = radius2(s.x, s.y);
          most = max(most, r2);
          least = min(least, r2);
        }
        safe = most <= escape_trigger && least >= CONVERGE_TRIGGER_R2 && is_finite(s.x) && is_finite(s.y);
        if (safe) {
          (*run).max_r2 = max((*run).max_r2, most);
        }
      } else {
        // m = max(|x|, |y|) bounds the radius: m ≤ r ≤ √2·m. Each step's m, as bits, must lie in
        // [LOW_BITS, high_bits): one unsigned max of m − LOW_BITS (which wraps below LOW_BITS)
        // per step, ∞ and NaN included, and no radius².
        var over = 0u;
        for (var j = 0u; j < BLOCK; j++) {
          s = method_step(s, c);
          over = max(over, magnitude_bits(s.x, s.y) - LOW_BITS);
        }
        safe = over < band_bits;
      }
      if (safe) {
        step += BLOCK;
        (*run).s = s;
        (*run).k = step;
        continue;
      }
      for (var j = 0u; j < BLOCK && !(*run).stopped; j++) {
        step += 1u;
        exact_step(run, c, step);
      }
      continue;
    }
    step += 1u;
    exact_step(run, c, step);
  }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn sweep(
  @builtin(workgroup_id) workgroup_id: vec3u,
  @builtin(num_workgroups) num_workgroups: vec3u,
  @builtin(local_invocation_index) local_index: u32,
) {
  let g = linear_index(workgroup_id, num_workgroups, local_index);
  let n = chunk.count;
  if (g >= n) {
    return;
  }
  let cell = chunk.first_cell + g;
  let c = sweep_cell(cell % chunk.nx, cell / chunk.nx);
  var run: Run;
  if (chunk.step_from == 0u) {
    run = start_run(c);
  } else {
    run = load_run(g, n);
  }
  if (!run.stopped) {
    advance(&run, c, chunk.step_from, chunk.step_to);
  }
  if (chunk.step_to == chunk.steps) {
    store_metrics(g, n, run, c);
  } else {
    store_run(g, n, run);
  }
}
