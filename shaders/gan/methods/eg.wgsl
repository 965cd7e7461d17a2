// Extragradient (gan-methods.ts, eg): step from z along the field at the look-ahead z + η·F(z),
// the look-ahead clipped like any D update.
var<workgroup> d_start: array<f32, D_SIZE>;
var<workgroup> g_start: array<f32, G_SIZE>;

fn train_step(base: u32, lid: u32, cell: GanCell, with_g: bool) {
  compute_field(base, lid, true, with_g);
  for (var p = lid; p < D_SIZE; p += WG) {
    d_start[p] = dp[p];
  }
  for (var p = lid; p < G_SIZE; p += WG) {
    g_start[p] = gp[p];
  }
  update_d(lid, cell);
  if (with_g) {
    update_g(lid, cell);
  }
  workgroupBarrier();
  compute_field(base, lid, true, with_g);
  for (var p = lid; p < D_SIZE; p += WG) {
    dp[p] = d_start[p];
  }
  if (with_g) {
    for (var p = lid; p < G_SIZE; p += WG) {
      gp[p] = g_start[p];
    }
  }
  update_d(lid, cell);
  if (with_g) {
    update_g(lid, cell);
  }
}
