// Adam (gan-methods.ts, adam): per player, bias-corrected moments of its field component, moving
// by η·m̂/(√v̂ + ε); β₁, β₂, ε = cell.p0, p1, p2; each player counts its own steps.
var<workgroup> d_m: array<f32, D_SIZE>;
var<workgroup> d_v: array<f32, D_SIZE>;
var<workgroup> g_m: array<f32, G_SIZE>;
var<workgroup> g_v: array<f32, G_SIZE>;
var<private> d_t: f32 = 0.0;
var<private> g_t: f32 = 0.0;

// β^t, with 0^t = 0 (WGSL's pow is undefined at a zero base).
fn adam_power(beta: f32, t: f32) -> f32 {
  return select(pow(beta, t), 0.0, beta == 0.0);
}

fn adam_move(m: f32, v: f32, c1: f32, c2: f32, eps: f32) -> f32 {
  let denominator = sqrt(v / c2) + eps;
  return select(0.0, m / c1 / denominator, denominator > 0.0);
}

fn train_step(base: u32, lid: u32, cell: GanCell, with_g: bool) {
  let beta1 = cell.p0;
  let beta2 = cell.p1;
  let eps = cell.p2;
  compute_field(base, lid, true, with_g);
  d_t = d_t + 1.0;
  let dc1 = 1.0 - adam_power(beta1, d_t);
  let dc2 = 1.0 - adam_power(beta2, d_t);
  for (var p = lid; p < D_SIZE; p += WG) {
    let f = dgr[p];
    d_m[p] = beta1 * d_m[p] + (1.0 - beta1) * f;
    d_v[p] = beta2 * d_v[p] + (1.0 - beta2) * f * f;
    var v = dp[p] + cell.lr_d * adam_move(d_m[p], d_v[p], dc1, dc2, eps);
    if (cell.clip > 0.0) {
      v = min(cell.clip, max(-cell.clip, v));
    }
    dp[p] = v;
  }
  if (with_g) {
    g_t = g_t + 1.0;
    let gc1 = 1.0 - adam_power(beta1, g_t);
    let gc2 = 1.0 - adam_power(beta2, g_t);
    for (var p = lid; p < G_SIZE; p += WG) {
      let f = -ggr[p];
      g_m[p] = beta1 * g_m[p] + (1.0 - beta1) * f;
      g_v[p] = beta2 * g_v[p] + (1.0 - beta2) * f * f;
      gp[p] = gp[p] + cell.lr_g * adam_move(g_m[p], g_v[p], gc1, gc2, eps);
    }
  }
}
