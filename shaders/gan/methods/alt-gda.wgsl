// Alternating GDA (gan-methods.ts, alt-gda): one player steps, then the other at the new point.
// ORDER_X_FIRST: D (the scalar games' x) moves first.
fn train_step(base: u32, lid: u32, cell: GanCell, with_g: bool) {
  if (ORDER_X_FIRST || !with_g) {
    compute_field(base, lid, true, false);
    update_d(lid, cell);
    workgroupBarrier();
    compute_field(base, lid, false, with_g);
    if (with_g) {
      update_g(lid, cell);
    }
  } else {
    compute_field(base, lid, false, true);
    update_g(lid, cell);
    workgroupBarrier();
    compute_field(base, lid, true, false);
    update_d(lid, cell);
  }
}
