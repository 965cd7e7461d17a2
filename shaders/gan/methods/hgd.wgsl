// Hamiltonian gradient descent (gan-methods.ts, hgd): z' = z − η·∇½‖F‖², the D update clipped.
fn train_step(base: u32, lid: u32, cell: GanCell, with_g: bool) {
  compute_field(base, lid, true, with_g);
  compute_adjustment(base, lid, with_g);
  for (var p = lid; p < D_SIZE; p += WG) {
    var v = dp[p] - cell.lr_d * adj_d[p];
    if (cell.clip > 0.0) {
      v = min(cell.clip, max(-cell.clip, v));
    }
    dp[p] = v;
  }
  if (with_g) {
    for (var p = lid; p < G_SIZE; p += WG) {
      gp[p] = gp[p] - cell.lr_g * adj_g[p];
    }
  }
}
