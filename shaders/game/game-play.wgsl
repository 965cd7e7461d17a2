// One game's play for the sweep kernel (game-sweep.wgsl): the stopping rules of simulateGame in
// src/core/games/simulate-game.ts.
//
// Composed by src/gpu/game/game-kernel-source.ts after the generated header (Cell, State, lr_x, lr_y,
// clip_bound, CONVERGED_RADIUS), the emitted game_field / game_jacobian and the method's
// method_init / method_step (shaders/game/methods/<method>.wgsl).
//
// A game stops, escaped, at the first step whose state is not finite (tested on the bit pattern:
// WGSL may assume NaN and Inf never occur, so isnan and x != x can be folded away) or whose radius
// exceeds the escape radius; it stops, converged, below CONVERGED_RADIUS. A non-finite step is
// never committed, so the state always holds the last finite point.

const FLT_MAX = 0x1.fffffep+127f;
// A radius just below √FLT_MAX (≈ 1.8447e19): its square, and radius² up to it, stay finite in f32.
const SQUARABLE_RADIUS = 1.8e19f;

struct Run {
  s: State,
  // The largest radius² seen while radius² stayed finite in f32 (radii up to SQUARABLE_RADIUS)…
  max_r2: f32,
  // …and the largest radius seen beyond that, measured without squaring.
  max_r: f32,
  // The step that produced s (0 = the start).
  k: u32,
  // The step at which the game escaped, −1 while it has not.
  escape_step: i32,
  stopped: bool,
}

fn is_finite(v: f32) -> bool {
  return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u;
}

// WGSL allows clamp with a NaN operand to return anything; the projection is applied only
// where the game has a clip bound (clip_bound is a literal 0 for games without one).
fn project(x: f32, c: Cell) -> f32 {
  let bound = clip_bound(c);
  return select(x, clamp(x, -bound, bound), bound > 0.0);
}

// radius², written as one fma so that every path rounds it identically.
fn radius2(x: f32, y: f32) -> f32 {
  return fma(x, x, y * y);
}

// hypot without overflow or underflow of the squares: the radius the stopping rules test.
fn radius(x: f32, y: f32) -> f32 {
  let m = max(abs(x), abs(y));
  if (m == 0.0) {
    return 0.0;
  }
  let a = x / m;
  let b = y / m;
  return m * sqrt(fma(a, a, b * b));
}

// Only where maxRadius is asked for (TRACK_MAX_RADIUS, from the generated header); no stopping
// rule reads max_r2 or max_r.
fn note_radius(run: ptr<function, Run>, x: f32, y: f32) {
  if (!TRACK_MAX_RADIUS) {
    return;
  }
  let r2 = radius2(x, y);
  if (r2 <= FLT_MAX) {
    (*run).max_r2 = max((*run).max_r2, r2);
  } else {
    (*run).max_r = max((*run).max_r, radius(x, y));
  }
}

// The start is checked as step 0: escaped if already outside, done if already converged.
fn start_run(c: Cell) -> Run {
  var run = Run(method_init(c.x0, c.y0, c), 0.0, 0.0, 0u, -1, false);
  note_radius(&run, c.x0, c.y0);
  let r0 = radius(c.x0, c.y0);
  if (r0 > c.escapeRadius) {
    run.escape_step = 0;
    run.stopped = true;
  } else if (r0 < CONVERGED_RADIUS) {
    run.stopped = true;
  }
  return run;
}

// Plays step number `step` (= run.k + 1) with every stopping rule checked.
fn exact_step(run: ptr<function, Run>, c: Cell, step: u32) {
  let next = method_step((*run).s, c);
  if (!is_finite(next.x) || !is_finite(next.y)) {
    (*run).escape_step = i32(step);
    (*run).stopped = true;
    return;
  }
  (*run).s = next;
  (*run).k = step;
  note_radius(run, next.x, next.y);
  let r = radius(next.x, next.y);
  if (r > c.escapeRadius) {
    (*run).escape_step = i32(step);
    (*run).stopped = true;
  } else if (r < CONVERGED_RADIUS) {
    (*run).stopped = true;
  }
}

// The largest radius of the run, the start included.
fn max_radius(run: Run) -> f32 {
  return max(sqrt(run.max_r2), run.max_r);
}

// (1/k)·ln(r_k/r₀), 0 when k = 0 or r₀ = 0; a converged game counts as reaching CONVERGED_RADIUS.
fn growth_rate(run: Run, c: Cell) -> f32 {
  let r0 = radius(c.x0, c.y0);
  if (run.k == 0u || r0 == 0.0) {
    return 0.0;
  }
  let r = max(radius(run.s.x, run.s.y), CONVERGED_RADIUS);
  return (log(r) - log(r0)) / f32(run.k);
}

// Steps taken: up to the escape (the failed step included) or the last committed step.
fn steps_run(run: Run) -> u32 {
  return select(run.k, u32(run.escape_step), run.escape_step >= 0);
}

// Metrics are always finite: a start beyond f32's range, clamped on upload, can still square
// or scale past it.
fn finite_or_max(v: f32) -> f32 {
  return select(select(-FLT_MAX, FLT_MAX, v > 0.0), v, is_finite(v));
}
