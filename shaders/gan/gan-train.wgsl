// Trains one mlp-gan per workgroup: the WGSL mirror of src/core/gan/train-gan.ts (docs/gans.md).
// Composed by src/gpu/gan/gan-kernel-source.ts:
// philox.wgsl, a generated header (sizes, scratch offsets, the networks' forward and backward
// passes, the loss coefficients, the data draw), this file, then the method's train_step.
//
// Layout: workgroup w trains cell w. Both networks' parameters and gradients live in workgroup
// memory; each invocation handles samples lid, lid + WG, … for the per-sample passes (forward,
// backward), and parameters lid, lid + WG, … for the reductions over the batch and the updates.
// Per-sample activations and deltas live in the cell's slice of `scratch`.
//
// Bindings: cells (rates, clip, seed and method parameters per cell), run (the chunk: cells and
// steps), data means, state (per slot: parameters and the method's memory), scratch, escape steps.

// p0…p3: the method's numeric parameters in catalogue order (momentum β; adam β₁, β₂, ε).
struct GanCell {
  lr_d: f32,
  lr_g: f32,
  clip: f32,
  seed: u32,
  p0: f32,
  p1: f32,
  p2: f32,
  p3: f32,
}

// One chunk of one slice per dispatch: workgroup w trains cell first_cell + w, in slot w of the
// scratch and state buffers, for outer steps step_from … step_to − 1 (0-based). A chunk starting
// at 0 initialises the cell; a later one resumes from the cell's state.
struct GanRun {
  first_cell: u32,
  slice_cells: u32,
  step_from: u32,
  step_to: u32,
  escape_norm: f32,
}

@group(0) @binding(0) var<storage, read> cells: array<GanCell>;
@group(0) @binding(1) var<uniform> run: GanRun;
@group(0) @binding(2) var<storage, read> data_means: array<f32>;
// Per slot, what survives between chunks: the last finite parameters (D then G, the reference's
// flat layouts), then the method's memory (arrays, then scalars): see STATE_PER_CELL.
@group(0) @binding(3) var<storage, read_write> state: array<f32>;
@group(0) @binding(4) var<storage, read_write> scratch: array<f32>;
// Per slot: the escape step (−1 if none so far), as train-gan.ts reports it.
@group(0) @binding(5) var<storage, read_write> escape_out: array<i32>;

var<workgroup> dp: array<f32, D_SIZE>;
var<workgroup> gp: array<f32, G_SIZE>;
var<workgroup> dgr: array<f32, D_SIZE>;
var<workgroup> ggr: array<f32, G_SIZE>;
var<workgroup> partial: array<vec4f, WG>;
// 0: within escape_norm; 1: escaped, parameters finite; 2: escaped, some parameter not finite.
var<workgroup> escaped: u32;
var<workgroup> start_escape: i32;

fn sigmoid(t: f32) -> f32 {
  if (t >= 0.0) {
    return 1.0 / (1.0 + exp(-t));
  }
  let e = exp(t);
  return e / (1.0 + e);
}

fn sync() {
  storageBarrier();
  workgroupBarrier();
}

// The field's ingredients at the current (dp, gp) on the batch in scratch: ∇_D V_D into dgr
// (when need_d) and ∇_G L_G into ggr (when need_g). Barriers sit outside the branches.
fn compute_field(base: u32, lid: u32, need_d: bool, need_g: bool) {
  for (var s = lid; s < FAKE; s += WG) {
    g_forward_sample(base, s);
    for (var i = 0u; i < DIM; i++) {
      scratch[base + DA0 + (REAL + s) * DIM + i] = scratch[base + G_OUT + s * DIM + i];
    }
    d_forward_row(base, REAL + s);
  }
  for (var s = lid; s < REAL; s += WG) {
    d_forward_row(base, s);
  }
  // WGAN-GP's mixed rows need the real rows drawn and G's output, both in place before this call
  // or above (each mixed row by the invocation that generated its sample).
  for (var s = lid; s < MIX; s += WG) {
    mix_row(base, s);
    d_forward_row(base, REAL + FAKE + s);
  }
  sync();
  if (need_d) {
    for (var s = lid; s < REAL; s += WG) {
      d_backward_row(base, s, coef_d_real(scratch[base + D_OUT + s]));
    }
    for (var s = lid; s < FAKE; s += WG) {
      d_backward_row(base, REAL + s, coef_d_fake(scratch[base + D_OUT + REAL + s]));
    }
    // the mixed rows' deltas start at 0; the penalty adds to them
    for (var s = lid; s < MIX; s += WG) {
      d_backward_row(base, REAL + FAKE + s, 0.0);
    }
  }
  sync();
  if (PENALISED) {
    // R1 / R2: the penalty's share of D's deltas (after the rows' own), then of its gradient
    if (need_d) {
      penalise_rows(base, lid);
    }
    sync();
  }
  if (need_d) {
    reduce_d(base, lid);
  }
  sync();
  if (PENALISED) {
    if (need_d) {
      reduce_penalty(base, lid);
    }
    sync();
  }
  if (need_g) {
    for (var s = lid; s < FAKE; s += WG) {
      d_backward_row(base, REAL + s, coef_g_fake(scratch[base + D_OUT + REAL + s]));
      input_delta(base, s);
      g_backward_sample(base, s);
    }
  }
  sync();
  if (need_g) {
    reduce_g(base, lid);
  }
  sync();
}

// D along +∇_D V_D, then clipped; G along v_G = −∇_G L_G.
fn update_d(lid: u32, cell: GanCell) {
  for (var p = lid; p < D_SIZE; p += WG) {
    var v = dp[p] + cell.lr_d * dgr[p];
    if (cell.clip > 0.0) {
      v = min(cell.clip, max(-cell.clip, v));
    }
    dp[p] = v;
  }
}

fn update_g(lid: u32, cell: GanCell) {
  for (var p = lid; p < G_SIZE; p += WG) {
    gp[p] = gp[p] + cell.lr_g * -ggr[p];
  }
}

fn is_finite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u;
}

// Whether either network's parameter norm exceeds escape_norm, or is not finite (NaN fails every
// comparison): 0 within, 1 escaped with every parameter finite, 2 escaped with some parameter not
// finite. The partial sums of squares are added in invocation order by invocation 0, and the
// verdict is read back uniformly so every invocation leaves the loop together.
fn check_escape(lid: u32) -> u32 {
  var sums = vec4f(0.0);
  for (var p = lid; p < D_SIZE; p += WG) {
    sums.x += dp[p] * dp[p];
    sums.z += select(1.0, 0.0, is_finite(dp[p]));
  }
  for (var p = lid; p < G_SIZE; p += WG) {
    sums.y += gp[p] * gp[p];
    sums.z += select(1.0, 0.0, is_finite(gp[p]));
  }
  partial[lid] = sums;
  workgroupBarrier();
  if (lid == 0u) {
    var total = vec4f(0.0);
    for (var i = 0u; i < WG; i++) {
      total += partial[i];
    }
    let within = sqrt(total.x) <= run.escape_norm && sqrt(total.y) <= run.escape_norm;
    escaped = select(select(1u, 2u, total.z > 0.0), 0u, within);
  }
  return workgroupUniformLoad(&escaped);
}

fn store_parameters(sbase: u32, lid: u32) {
  for (var p = lid; p < D_SIZE; p += WG) {
    state[sbase + p] = dp[p];
  }
  for (var p = lid; p < G_SIZE; p += WG) {
    state[sbase + D_SIZE + p] = gp[p];
  }
}

fn load_parameters(sbase: u32, lid: u32) {
  for (var p = lid; p < D_SIZE; p += WG) {
    dp[p] = state[sbase + p];
  }
  for (var p = lid; p < G_SIZE; p += WG) {
    gp[p] = state[sbase + D_SIZE + p];
  }
}

// Steps step_from … step_to − 1 of one cell. State kept between chunks: the last finite
// parameters (stored after every step, so a step that overflows leaves the previous ones, as the
// reference keeps them), the escape step, and the method's memory (stored at the chunk's end).
// How the steps are cut into chunks changes no value.
@compute @workgroup_size(WG)
fn gan_train(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32) {
  if (wid.x >= run.slice_cells) {
    return;
  }
  let cell = cells[run.first_cell + wid.x];
  let base = wid.x * SCRATCH_PER_CELL;
  let sbase = wid.x * STATE_PER_CELL;
  if (run.step_from == 0u) {
    init_parameters(lid, cell.seed);
    sync();
    store_parameters(sbase, lid);
    let verdict = check_escape(lid);
    if (lid == 0u) {
      start_escape = select(-1, 0, verdict != 0u);
    }
  } else {
    if (lid == 0u) {
      start_escape = escape_out[wid.x];
    }
    load_parameters(sbase, lid);
    load_memory(sbase, lid);
  }
  var escape_step = workgroupUniformLoad(&start_escape);
  for (var k = run.step_from; k < run.step_to && escape_step < 0; k++) {
    for (var j = 0u; j < D_STEPS; j++) {
      draw_batch(base, lid, cell.seed, k * D_STEPS + j);
      sync();
      train_step(base, lid, cell, j == D_STEPS - 1u);
      sync();
    }
    let verdict = check_escape(lid);
    if (verdict != 2u) {
      store_parameters(sbase, lid);
    }
    if (verdict != 0u) {
      escape_step = i32(k + 1u);
    }
  }
  if (escape_step < 0) {
    store_memory(sbase, lid);
  }
  if (lid == 0u) {
    escape_out[wid.x] = escape_step;
  }
}
