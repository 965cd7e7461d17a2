// Simultaneous GDA: both players step along the field at the same point (gan-methods.ts, sim-gda).
fn train_step(base: u32, lid: u32, cell: GanCell, with_g: bool) {
  compute_field(base, lid, true, with_g);
  update_d(lid, cell);
  if (with_g) {
    update_g(lid, cell);
  }
}
