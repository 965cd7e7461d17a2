// Optimistic GDA (gan-methods.ts, ogda): z + η·(2F(z_k) − F(z_{k−1})), with F(z_{−1}) = F(z₀):
// each player's first step is a plain one. The previous field is each player's own memory.
var<workgroup> d_prev_field: array<f32, D_SIZE>;
var<workgroup> g_prev_field: array<f32, G_SIZE>;
var<private> d_started: bool = false;
var<private> g_started: bool = false;

fn train_step(base: u32, lid: u32, cell: GanCell, with_g: bool) {
  compute_field(base, lid, true, with_g);
  for (var p = lid; p < D_SIZE; p += WG) {
    let f = dgr[p];
    let prev = select(f, d_prev_field[p], d_started);
    var v = dp[p] + cell.lr_d * (2.0 * f - prev);
    if (cell.clip > 0.0) {
      v = min(cell.clip, max(-cell.clip, v));
    }
    dp[p] = v;
    d_prev_field[p] = f;
  }
  d_started = true;
  if (with_g) {
    for (var p = lid; p < G_SIZE; p += WG) {
      let f = -ggr[p];
      let prev = select(f, g_prev_field[p], g_started);
      gp[p] = gp[p] + cell.lr_g * (2.0 * f - prev);
      g_prev_field[p] = f;
    }
    g_started = true;
  }
}
