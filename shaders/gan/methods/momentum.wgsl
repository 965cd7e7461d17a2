// Heavy-ball momentum (gan-methods.ts, momentum): z + η·F + β(z − z_prev), β = cell.p0 of either
// sign; ORDER_X_FIRST: G's field is taken at D's new point. z_prev starts at z₀.
var<workgroup> d_prev: array<f32, D_SIZE>;
var<workgroup> g_prev: array<f32, G_SIZE>;
var<private> prev_set: bool = false;

fn train_step(base: u32, lid: u32, cell: GanCell, with_g: bool) {
  let beta = cell.p0;
  if (!prev_set) {
    for (var p = lid; p < D_SIZE; p += WG) {
      d_prev[p] = dp[p];
    }
    for (var p = lid; p < G_SIZE; p += WG) {
      g_prev[p] = gp[p];
    }
    prev_set = true;
  }
  compute_field(base, lid, true, with_g && !ORDER_X_FIRST);
  for (var p = lid; p < D_SIZE; p += WG) {
    let d = dp[p];
    var v = d + cell.lr_d * dgr[p] + beta * (d - d_prev[p]);
    if (cell.clip > 0.0) {
      v = min(cell.clip, max(-cell.clip, v));
    }
    dp[p] = v;
    d_prev[p] = d;
  }
  workgroupBarrier();
  if (ORDER_X_FIRST) {
    compute_field(base, lid, false, with_g);
  }
  if (with_g) {
    for (var p = lid; p < G_SIZE; p += WG) {
      let g = gp[p];
      gp[p] = g + cell.lr_g * -ggr[p] + beta * (g - g_prev[p]);
      g_prev[p] = g;
    }
  }
}
